/**
 * Setting a password through a one-time link (an invitation, or "Forgot password?"):
 * the link is claimed, the password set, every other link of the account revoked (a
 * link made before the password changed is refused, decision 0041), every other session
 * ended, and the person signed in in this browser, through the ordinary sign-in (so the
 * session cookie and the known device are what any sign-in gives). After a reset, the
 * person is told by email (in case it was not them).
 *
 * Attempts are limited per client IP on the attempt counters before any lookup, so a
 * script cannot hammer the endpoint; tokens are 256-bit random, so the limit is about
 * load, not guessing. A success gives its slot back.
 */
import type { AuthUser, Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import { createRateLimiter, type LimitPolicy } from '../limits/rate-limiter';
import { queueMail } from '../mail/queue';
import { passwordChangedMail } from '../mail/templates/password-changed';
import { claimAccountToken, revokeAccountLinks, TOKEN_REFUSALS } from './account-tokens';
import type { CookieScope } from '../scope';
import { signIn } from './sign-in';
import { getUserOrNull } from './user-admin';

/**
 * Counted in the attempt counters' `ip` scope under a key of its own, so it never shares
 * a count with sign-ins; its window equals theirs, so their pruning keeps it tidy too.
 */
export const PASSWORD_LINK_LIMIT = {
  scope: 'ip',
  limit: 30,
  windowMs: 15 * 60 * 1000,
  refusal: 'Too many attempts to use a password link from your network.',
} as const satisfies LimitPolicy;

const counterKey = (ip: string) => `password-link:${ip}`;

/**
 * The one way a password changes (a link now; "change password" too): through the users
 * port (Appwrite: `users.updatePassword` with the admin client), then every link still
 * waiting is revoked, so none made before the change can be used after it.
 */
export async function replacePassword(
  backend: Backend,
  input: { userId: string; password: string },
  now: Date,
): Promise<void> {
  await backend.users.updatePassword(input.userId, input.password);
  await revokeAccountLinks(backend, input.userId, now);
}

export async function setPasswordWithLink(
  scope: CookieScope,
  input: { token: string; password: string },
): Promise<AuthUser> {
  const { backend, env, now } = scope;
  const counters = createRateLimiter({ backend, secret: env.sessionSecret, now });
  const key = counterKey(scope.request.clientIp);
  await counters.takeOrRefuse(PASSWORD_LINK_LIMIT, key);

  const claim = await claimAccountToken(backend, input.token, now());
  const user = await getUserOrNull(backend, claim.record.userId);
  // The account was deleted after the link was made: the link stays spent.
  if (!user) throw new ServiceError('bad_request', TOKEN_REFUSALS.unknown);
  try {
    await replacePassword(backend, { userId: user.id, password: input.password }, now());
  } catch (error) {
    await claim.release();
    throw error;
  }
  // Whoever knew the old password (a reset) is signed out everywhere.
  await backend.sessions.deleteAllForUser(user.id);
  if (claim.record.purpose === 'reset') await tellPasswordChanged(scope, user, claim.record.$id);
  await counters.giveBack(PASSWORD_LINK_LIMIT, key);
  return signIn(scope, { email: user.email, password: input.password });
}

async function tellPasswordChanged(scope: CookieScope, user: AuthUser, tokenId: string): Promise<void> {
  const site = { publicUrl: scope.env.publicUrl };
  const changedAt = scope.now().toISOString();
  const rendered = passwordChangedMail(
    {
      name: user.name,
      changedAt,
      how: 'reset link',
      ipAddress: scope.request.clientIp,
      userAgent: scope.request.userAgent,
      forgotPasswordUrl: new URL('/forgot-password', scope.env.publicUrl.origin).href,
    },
    site,
  );
  // One notice per link used, however the request is retried.
  await queueMail(
    scope.backend,
    {
      key: `password-changed:${tokenId}`,
      to: user.email,
      userId: user.id,
      kind: 'password-changed',
      rendered,
    },
    scope.now(),
  );
}
