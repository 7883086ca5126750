/**
 * The two short-lived JWTs of video playback (jose, HS256, VIDEO_ACCESS_SECRET):
 * - the access token opens the embed page once, within 5 minutes;
 * - the progress token lets that page report watch time for its lesson.
 * A JWT payload is readable by anyone, so it carries ids and times, never the video ID.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';

export const ACCESS_TOKEN_SECONDS = 5 * 60;
const ISSUER = 'aurora';
const ACCESS = 'video-access';
const PROGRESS = 'video-progress';

const claimsSchema = z.object({
  sub: z.string().min(1),
  lid: z.string().min(1),
  jti: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
  /** Progress tokens: which video of the lesson the player was playing (videoVersionOf). */
  vv: z.string().optional(),
});
export type VideoClaims = z.output<typeof claimsSchema>;

export type TokenCheck =
  | { ok: true; claims: VideoClaims }
  | { ok: false; problem: 'invalid' }
  | { ok: false; problem: 'expired'; claims: VideoClaims | null };

/**
 * The secret as a WebCrypto key, imported once per secret: handed raw bytes, jose
 * imports them again on every sign and verify, and a player reports every 10 s.
 */
const keys = new Map<string, Promise<CryptoKey>>();
function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    // One secret in production; tests with many keep few, so the map stays small.
    if (keys.size >= 16) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

export const hashTokenId = (jti: string): string => createHash('sha256').update(jti).digest('hex');

/**
 * A short fingerprint of the video a player plays: it changes when the lesson's video
 * does (not when keys rotate), and being keyed, it cannot confirm a guessed ID.
 */
export const videoVersionOf = (secret: string, lessonId: string, videoId: string): string =>
  createHmac('sha256', secret)
    .update(`video-version\n${lessonId}\n${videoId}`)
    .digest('base64url')
    .slice(0, 16);

async function sign(
  secret: string,
  audience: string,
  input: { userId: string; lessonId: string; now: Date; lifetimeSeconds: number; videoVersion?: string },
): Promise<{ token: string; jti: string }> {
  const jti = randomBytes(18).toString('base64url');
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  const claims = input.videoVersion
    ? { lid: input.lessonId, vv: input.videoVersion }
    : { lid: input.lessonId };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(input.userId)
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + input.lifetimeSeconds)
    .sign(await keyOf(secret));
  return { token, jti };
}

async function verify(secret: string, audience: string, token: string, now: Date): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, await keyOf(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience,
      currentDate: now,
    });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, problem: 'invalid' };
  } catch (error) {
    // jose checks the signature before the claims, so an expired token's payload is genuine.
    if (error instanceof errors.JWTExpired) {
      const claims = claimsSchema.safeParse(error.payload satisfies JWTPayload);
      return { ok: false, problem: 'expired', claims: claims.success ? claims.data : null };
    }
    return { ok: false, problem: 'invalid' };
  }
}

export const signAccessToken = (
  secret: string,
  input: { userId: string; lessonId: string; now: Date },
): Promise<{ token: string; jti: string }> =>
  sign(secret, ACCESS, { ...input, lifetimeSeconds: ACCESS_TOKEN_SECONDS });

export const verifyAccessToken = (secret: string, token: string, now: Date): Promise<TokenCheck> =>
  verify(secret, ACCESS, token, now);

/** Long enough to watch the whole video twice over with pauses; never more than a working day. */
export function progressTokenSeconds(videoDuration: number | null): number {
  const duration = videoDuration ?? 3600;
  return Math.min(8 * 3600, Math.max(3600, 2 * duration + 1800));
}

export const signProgressToken = (
  secret: string,
  input: { userId: string; lessonId: string; now: Date; videoDuration: number | null; videoVersion: string },
): Promise<{ token: string; jti: string }> =>
  sign(secret, PROGRESS, { ...input, lifetimeSeconds: progressTokenSeconds(input.videoDuration) });

export const verifyProgressToken = (secret: string, token: string, now: Date): Promise<TokenCheck> =>
  verify(secret, PROGRESS, token, now);
