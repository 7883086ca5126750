/**
 * Who gets a lesson's video, and the one-time tokens that carry it (DESIGN §6):
 * `requestVideoAccess` issues a 5-minute token after the checks, `validateVideoAccess`
 * runs the same checks without issuing, `revokeVideoAccess` ends outstanding tokens.
 * A signed-out visitor may be given a preview lesson's video: the token is then held by
 * their visitor id (visitor.ts) instead of an account.
 */
import { Query } from 'node-appwrite';
import type { AuthUser, Backend } from '../../backend/port';
import { requestOrJob, SIGN_IN_TO_CONTINUE, type RequestScope, type SignedInScope } from '../scope';
import type { Access } from '../permissions/access';
import { requireLesson, type CourseRecord, type LessonRecord } from '../courses/records';
import { findEnrollment } from '../enrollments/records';
import { ServiceError, type ServiceErrorKind } from '../errors';
import { canEditCourse, canWatchVideo, mayRevokeVideoTokensOf, type VideoAccess } from '../policy';
import { recordVideoEvent, VIDEO_ACTIONS, type VideoAction } from './audit';
import { videoRateLimitHit, VIDEO_RATE_WINDOW_MS } from './rate-limits';
import { parseAccessToken, type AccessTokenRecord } from './records';
import { ACCESS_TOKEN_SECONDS, hashTokenId, signAccessToken } from './tokens';
import { visitorHolder, type VideoVisitor } from './visitor';
import { getRowOrNull } from '../rows';
import { VIDEO_ACCESS_TOKENS } from '../tables';
import { IP_ADDRESS_LENGTH, USER_AGENT_LENGTH } from '../column-sizes';

export const EMBED_PATH = '/api/video/secure-embed/';

export type VideoRefusal = Exclude<VideoAccess, 'ok'> | 'no_video' | 'rate_limited';

const REFUSALS: Record<
  VideoRefusal,
  { kind: ServiceErrorKind; message: string; retryAfterSeconds?: number }
> = {
  not_found: { kind: 'not_found', message: 'That lesson does not exist (it may have been deleted).' },
  sign_in: { kind: 'unauthorized', message: 'Sign in and enroll in this course to watch this video.' },
  enroll: { kind: 'forbidden', message: 'Enroll in this course to watch this video.' },
  not_published: {
    kind: 'forbidden',
    message: 'This course is not published at the moment, so its videos cannot be played.',
  },
  no_video: { kind: 'not_found', message: 'This lesson has no video.' },
  rate_limited: {
    kind: 'too_many_requests',
    message: `Too many videos opened in a short time. Try again in ${VIDEO_RATE_WINDOW_MS / 60_000} minutes.`,
    // A sliding window: by its full length every token counted now has left it.
    retryAfterSeconds: VIDEO_RATE_WINDOW_MS / 1000,
  },
};

export function refusalError(refusal: VideoRefusal): ServiceError {
  const { kind, message, retryAfterSeconds } = REFUSALS[refusal];
  return new ServiceError(kind, message, { retryAfterSeconds });
}

export interface VideoDecision {
  lesson: LessonRecord;
  course: CourseRecord;
  /** Whether the viewer is enrolled (editors are not looked up: they never need to be). */
  enrolled: boolean;
  access: VideoAccess | 'no_video';
}

/** Every check but the rate limit, read fresh (an unenrollment ends access at once). */
export async function decideVideoAccess(
  backend: Backend,
  viewer: Access,
  lessonId: string,
): Promise<VideoDecision> {
  const { lesson, course } = await requireLesson(backend, lessonId);
  const enrolled =
    viewer.userId !== null &&
    !(await canEditCourse(viewer, course)) &&
    (await findEnrollment(backend, viewer.userId, course.$id)) !== null;
  const access = await canWatchVideo(viewer, course, lesson, enrolled);
  if (access === 'ok' && !lesson.encryptedVideoData) return { lesson, course, enrolled, access: 'no_video' };
  return { lesson, course, enrolled, access };
}

export interface VideoAccessAnswer {
  allowed: boolean;
  reason: 'ok' | VideoRefusal;
  message: string;
  /** Whether the player saves watch time: only for someone signed in (a visitor has no account). */
  savesProgress: boolean;
}

/**
 * Would `requestVideoAccess` (or, for a visitor, the player route) succeed now, and if
 * not, why not? Issues and records nothing. A visitor's own allowance is not known here
 * (their id is a cookie only the player route reads), so only the IP's is checked.
 */
export async function validateVideoAccess(scope: RequestScope, lessonId: string): Promise<VideoAccessAnswer> {
  const { backend, actor: viewer, request } = scope;
  const now = scope.now();
  const { access } = await decideVideoAccess(backend, scope.access, lessonId);
  const savesProgress = viewer !== null;
  // A draft stays secret here too.
  if (access === 'not_found') throw refusalError('not_found');
  if (access !== 'ok')
    return { allowed: false, reason: access, message: REFUSALS[access].message, savesProgress };
  const limited = { userId: viewer?.id ?? null, clientIp: request.clientIp, visitor: viewer === null };
  if (await videoRateLimitHit(backend, limited, now)) {
    return { allowed: false, reason: 'rate_limited', message: REFUSALS.rate_limited.message, savesProgress };
  }
  const message = viewer ? 'You can watch this video.' : 'This free preview plays without an account.';
  return { allowed: true, reason: 'ok', message, savesProgress };
}

export interface VideoGrant {
  /** The one-time embed page; opening it uses the token up. */
  embedUrl: string;
  /** Seconds until the token expires unused. */
  expiresIn: number;
  /** The token's id, for `video.revokeAccess({ tokenId })`. */
  tokenId: string;
}

/**
 * Issues a token to a signed-in person or, for a preview lesson, to a visitor. The row,
 * the JWT and the audit rows name the holder: the user's id, or the visitor's hashed id.
 */
export async function requestVideoAccess(
  scope: RequestScope,
  input: { lessonId: string; visitor?: VideoVisitor },
): Promise<VideoGrant> {
  // The player route serves visitors a free preview; tRPC callers are signed in.
  const viewer: AuthUser | VideoVisitor | undefined = scope.actor ?? input.visitor;
  if (!viewer) throw new ServiceError('unauthorized', SIGN_IN_TO_CONTINUE);
  const { lessonId } = input;
  const { request } = scope;
  const now = scope.now();
  const { backend, env } = scope;
  const user = 'visitorId' in viewer ? null : viewer;
  const holder = 'visitorId' in viewer ? visitorHolder(viewer.visitorId) : viewer.id;
  const deny = (action: VideoAction, why: string) =>
    recordVideoEvent(backend, { action, userId: holder, reason: `lesson ${lessonId}: ${why}`, request }, now);

  // A lesson that does not exist is refused like any other: probing ids leaves a trail.
  const decision = await decideVideoAccess(backend, scope.access, lessonId).catch(async (error: unknown) => {
    if (error instanceof ServiceError && error.kind === 'not_found')
      await deny(VIDEO_ACTIONS.denied, 'no such lesson');
    throw error;
  });
  if (decision.access !== 'ok') {
    await deny(VIDEO_ACTIONS.denied, decision.access);
    throw refusalError(decision.access);
  }
  const limited = { userId: holder, clientIp: request.clientIp, visitor: user === null };
  const who = (limit: 'user' | 'ip') => (limit === 'user' && !user ? 'visitor' : limit);
  const limit = await videoRateLimitHit(backend, limited, now);
  if (limit) {
    await deny(VIDEO_ACTIONS.rateLimited, `per-${who(limit)} allowance used up`);
    throw refusalError('rate_limited');
  }

  const { token, jti } = await signAccessToken(env.videoAccessSecret, { userId: holder, lessonId, now });
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000).toISOString();
  const row = await backend.tables.create({
    ...VIDEO_ACCESS_TOKENS,
    data: {
      userId: holder,
      lessonId,
      accessToken: hashTokenId(jti),
      expiresAt,
      ipAddress: request.clientIp.slice(0, IP_ADDRESS_LENGTH),
      userAgent: request.userAgent.slice(0, USER_AGENT_LENGTH),
      isUsed: false,
    },
  });
  // Requests racing past the count above are caught here: counting again, with ours in,
  // only tokens issued no later than ours, the ones beyond the allowance take theirs back.
  const lateLimit = await videoRateLimitHit(backend, limited, now, { issuedBy: expiresAt });
  if (lateLimit) {
    await backend.tables.delete({ ...VIDEO_ACCESS_TOKENS, rowId: row.$id });
    await deny(VIDEO_ACTIONS.rateLimited, `per-${who(lateLimit)} allowance used up by simultaneous requests`);
    throw refusalError('rate_limited');
  }
  await recordVideoEvent(
    backend,
    {
      action: VIDEO_ACTIONS.granted,
      userId: holder,
      reason: `lesson ${lessonId}, token ${row.$id}`,
      request,
    },
    now,
  );
  return {
    embedUrl: new URL(`${EMBED_PATH}${token}`, env.publicUrl).href,
    expiresIn: ACCESS_TOKEN_SECONDS,
    tokenId: row.$id,
  };
}

const OUTSTANDING_PAGE = 100;

/** Tokens matching `filters` that could still open a page: unused, unrevoked, unexpired. */
async function outstandingTokens(
  backend: Backend,
  filters: string[],
  now: Date,
): Promise<AccessTokenRecord[]> {
  const { rows } = await backend.tables.list({
    ...VIDEO_ACCESS_TOKENS,
    queries: [
      ...filters,
      Query.greaterThan('expiresAt', now.toISOString()),
      Query.equal('isUsed', false),
      Query.isNull('revokedAt'),
      Query.limit(OUTSTANDING_PAGE),
    ],
  });
  return rows.map(parseAccessToken);
}

/** Revokes until none is left (a page at a time); returns how many this call revoked. */
async function revokeAll(backend: Backend, filters: string[], now: Date): Promise<number> {
  let revoked = 0;
  for (;;) {
    const tokens = await outstandingTokens(backend, filters, now);
    for (const token of tokens) {
      const done = await backend.tables.updateIf({
        ...VIDEO_ACCESS_TOKENS,
        rowId: token.$id,
        where: [Query.isNull('revokedAt')],
        data: { revokedAt: now.toISOString() },
      });
      if (done) revoked += 1;
    }
    if (tokens.length < OUTSTANDING_PAGE) return revoked;
  }
}

export type RevokeTarget = { tokenId: string } | { userId: string; lessonId?: string | undefined };

export async function revokeVideoAccess(
  scope: SignedInScope,
  target: RevokeTarget,
): Promise<{ revoked: number }> {
  const { backend, actor } = scope;
  const request = requestOrJob(scope);
  const now = scope.now();
  const mayTouch = (userId: string) => mayRevokeVideoTokensOf(scope.access, userId);
  let revoked: number;
  let what: string;
  if ('tokenId' in target) {
    const found = await getRowOrNull(backend, VIDEO_ACCESS_TOKENS, target.tokenId);
    if (!found) throw new ServiceError('not_found', 'There is no video token with that id.');
    const token = parseAccessToken(found);
    if (!mayTouch(token.userId))
      throw new ServiceError('forbidden', 'You can only revoke your own video tokens.');
    const done =
      token.revokedAt === null
        ? await backend.tables.updateIf({
            ...VIDEO_ACCESS_TOKENS,
            rowId: token.$id,
            where: [Query.isNull('revokedAt')],
            data: { revokedAt: now.toISOString() },
          })
        : null;
    revoked = done ? 1 : 0;
    what = `token ${token.$id} of user ${token.userId}`;
  } else {
    if (!mayTouch(target.userId)) {
      throw new ServiceError('forbidden', "Only an admin can revoke another person's video tokens.");
    }
    const filters = [Query.equal('userId', target.userId)];
    if (target.lessonId) filters.push(Query.equal('lessonId', target.lessonId));
    revoked = await revokeAll(backend, filters, now);
    what = `outstanding tokens of user ${target.userId}${target.lessonId ? ` for lesson ${target.lessonId}` : ''}`;
  }
  await recordVideoEvent(
    backend,
    { action: VIDEO_ACTIONS.revoked, userId: actor.id, reason: `${revoked} revoked: ${what}`, request },
    now,
  );
  return { revoked };
}

/** A lesson's video changed or went: tokens issued for the old one must not open it. */
export async function revokeLessonTokens(scope: SignedInScope, lessonId: string): Promise<number> {
  const { backend, actor } = scope;
  const request = requestOrJob(scope);
  const now = scope.now();
  const revoked = await revokeAll(backend, [Query.equal('lessonId', lessonId)], now);
  if (revoked > 0) {
    await recordVideoEvent(
      backend,
      {
        action: VIDEO_ACTIONS.revoked,
        userId: actor.id,
        reason: `${revoked} revoked: outstanding tokens for lesson ${lessonId}, whose video changed`,
        request,
      },
      now,
    );
  }
  return revoked;
}
