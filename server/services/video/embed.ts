/**
 * Opening the one-time embed page: the checks of DESIGN §6 in order — signature and
 * expiry, the stored token (revoked? used?), its binding to the browser that asked for
 * it, the viewer's access today — then the token is used up with a compare-and-set, so
 * of any number of racing requests exactly one gets the page. Every refusal is audited.
 * A visitor's token is also bound to their visitor cookie, and their page gets no
 * progress token: without an account there is nowhere to keep watch time.
 */
import { Query } from 'node-appwrite';
import type { AuthUser, Backend } from '../../backend/port';
import { accessThrough } from '../permissions/team-grants';
import type { RequestFacts, RequestScope } from '../scope';
import { recordVideoEvent, VIDEO_ACTIONS, type VideoAction } from './audit';
import { decideVideoAccess } from './access';
import { findVideoProgress, resumePointOf } from './progress';
import { parseAccessToken, type AccessTokenRecord } from './records';
import { hashTokenId, signProgressToken, verifyAccessToken, videoVersionOf } from './tokens';
import { decryptVideoId, VideoDataError } from './video-crypto';
import { isVisitorHolder, visitorHolder } from './visitor';
import { firstRow, unlessMissing } from '../rows';
import { VIDEO_ACCESS_TOKENS } from '../tables';
import { IP_ADDRESS_LENGTH, USER_AGENT_LENGTH } from '../column-sizes';

type Request = Pick<RequestFacts, 'clientIp' | 'userAgent'> & {
  /** The visitor cookie's value, if the browser sent one. */
  visitorId?: string | null;
};

export interface EmbedPlayback {
  ok: true;
  lessonId: string;
  lessonTitle: string;
  videoId: string;
  /** Where to start: the learner's last position (the beginning for a visitor). */
  startSeconds: number;
  durationSeconds: number | null;
  /** For reporting watch time; null for a visitor, whose page reports nothing. */
  progressToken: string | null;
}

export interface EmbedRefusal {
  ok: false;
  status: 403 | 503;
  /** Shown inside the lesson's player frame. */
  message: string;
}

const RELOAD = 'Reload the lesson page to get a new one.';
const MESSAGES = {
  invalid: `This video link is not valid. ${RELOAD}`,
  expired: `This video link has expired (links last five minutes). ${RELOAD}`,
  used: `This video link has already been used; each link opens the player once. ${RELOAD}`,
  revoked: `This video link was withdrawn. ${RELOAD}`,
  binding: `This video link belongs to another browser. Open the lesson in this browser instead.`,
  denied: 'You no longer have access to this video.',
  broken: 'This video cannot be played right now. Please tell the course instructor.',
} as const;

async function findToken(backend: Backend, jti: string): Promise<AccessTokenRecord | null> {
  const row = await firstRow(backend, VIDEO_ACCESS_TOKENS, [Query.equal('accessToken', hashTokenId(jti))]);
  return row ? parseAccessToken(row) : null;
}

function findUser(backend: Backend, userId: string): Promise<AuthUser | null> {
  return unlessMissing(backend.users.get(userId), null);
}

export async function openEmbed(
  scope: RequestScope,
  input: { token: string; visitorId: string | null },
): Promise<EmbedPlayback | EmbedRefusal> {
  const rawToken = input.token;
  const request: Request = { ...scope.request, visitorId: input.visitorId };
  const now = scope.now();
  const { backend, env } = scope;
  const refuse = async (
    action: VideoAction,
    userId: string | null,
    reason: string,
    message: string,
    status: 403 | 503 = 403,
  ): Promise<EmbedRefusal> => {
    await recordVideoEvent(backend, { action, userId, reason, request }, now);
    return { ok: false, status, message };
  };

  const check = await verifyAccessToken(env.videoAccessSecret, rawToken, now);
  if (!check.ok && check.problem === 'expired') {
    const lesson = check.claims ? `lesson ${check.claims.lid}` : 'unknown lesson';
    return refuse(
      VIDEO_ACTIONS.expired,
      check.claims?.sub ?? null,
      `${lesson}: token expired`,
      MESSAGES.expired,
    );
  }
  if (!check.ok)
    return refuse(VIDEO_ACTIONS.invalidToken, null, 'signature or claims invalid', MESSAGES.invalid);
  const { claims } = check;
  const where = `lesson ${claims.lid}`;

  const token = await findToken(backend, claims.jti);
  if (!token || token.userId !== claims.sub || token.lessonId !== claims.lid) {
    return refuse(
      VIDEO_ACTIONS.invalidToken,
      claims.sub,
      `${where}: no such token on record`,
      MESSAGES.invalid,
    );
  }
  const tokenWhere = `${where}, token ${token.$id}`;
  if (token.revokedAt) return refuse(VIDEO_ACTIONS.revokedUse, token.userId, tokenWhere, MESSAGES.revoked);
  if (token.isUsed) return refuse(VIDEO_ACTIONS.replay, token.userId, tokenWhere, MESSAGES.used);
  if (Date.parse(token.expiresAt) <= now.getTime()) {
    return refuse(VIDEO_ACTIONS.expired, token.userId, tokenWhere, MESSAGES.expired);
  }
  if (token.userAgent !== request.userAgent.slice(0, USER_AGENT_LENGTH)) {
    return refuse(
      VIDEO_ACTIONS.bindingFailed,
      token.userId,
      `${tokenWhere}: user agent differs`,
      MESSAGES.binding,
    );
  }
  if (env.videoBindIp && token.ipAddress !== request.clientIp.slice(0, IP_ADDRESS_LENGTH)) {
    return refuse(
      VIDEO_ACTIONS.bindingFailed,
      token.userId,
      `${tokenWhere}: issued to IP ${token.ipAddress}`,
      MESSAGES.binding,
    );
  }

  const visitor = isVisitorHolder(token.userId);
  if (visitor && (!request.visitorId || visitorHolder(request.visitorId) !== token.userId)) {
    return refuse(
      VIDEO_ACTIONS.bindingFailed,
      token.userId,
      `${tokenWhere}: visitor cookie differs`,
      MESSAGES.binding,
    );
  }

  // A visitor is decided as nobody signed in: preview lessons of published courses only.
  const viewer = visitor ? null : await findUser(backend, token.userId);
  const decision =
    visitor || viewer
      ? await decideVideoAccess(backend, accessThrough(backend, viewer), token.lessonId).catch(() => null)
      : null;
  if (!decision || decision.access !== 'ok' || !decision.lesson.encryptedVideoData) {
    const why = !visitor && !viewer ? 'account gone' : (decision?.access ?? 'lesson gone');
    return refuse(VIDEO_ACTIONS.denied, token.userId, `${tokenWhere}: ${why}`, MESSAGES.denied);
  }

  let videoId: string;
  try {
    videoId = decryptVideoId(
      env.videoEncryptionKeys,
      decision.lesson.$id,
      decision.lesson.encryptedVideoData,
    );
  } catch (error) {
    if (!(error instanceof VideoDataError)) throw error;
    // Tampered data or a retired key: the token stays unused, the instructor can set the video again.
    return refuse(
      VIDEO_ACTIONS.denied,
      token.userId,
      `${tokenWhere}: ${error.message}`,
      MESSAGES.broken,
      503,
    );
  }

  const used = await backend.tables.updateIf({
    ...VIDEO_ACCESS_TOKENS,
    rowId: token.$id,
    where: [Query.equal('isUsed', false), Query.isNull('revokedAt')],
    data: { isUsed: true },
  });
  if (!used) {
    return refuse(
      VIDEO_ACTIONS.replay,
      token.userId,
      `${tokenWhere}: lost a race to another use`,
      MESSAGES.used,
    );
  }

  const duration = decision.lesson.videoDuration;
  const progress = viewer ? await findVideoProgress(backend, viewer.id, decision.lesson.$id) : null;
  const progressToken = viewer
    ? (
        await signProgressToken(env.videoAccessSecret, {
          userId: viewer.id,
          lessonId: decision.lesson.$id,
          now,
          videoDuration: duration,
          videoVersion: videoVersionOf(env.videoAccessSecret, decision.lesson.$id, videoId),
        })
      ).token
    : null;
  await recordVideoEvent(
    backend,
    { action: VIDEO_ACTIONS.served, userId: token.userId, reason: tokenWhere, request },
    now,
  );
  return {
    ok: true,
    lessonId: decision.lesson.$id,
    lessonTitle: decision.lesson.title,
    videoId,
    startSeconds: resumePointOf(progress?.watchedSeconds ?? 0, duration),
    durationSeconds: duration,
    progressToken,
  };
}
