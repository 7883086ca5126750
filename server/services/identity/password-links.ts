/**
 * Setting a password through a one-time link (an invitation now, "Forgot password?"
 * later): the link is claimed, the password set, every other session of the account
 * ended, and the person signed in in this browser, through the ordinary sign-in (so the
 * session cookie and the known device are what any sign-in gives).
 *
 * Attempts are limited per client IP on the attempt counters before any lookup, so a
 * script cannot hammer the endpoint; tokens are 256-bit random, so the limit is about
 * load, not guessing. A success gives its slot back.
 */
import type { AuthUser } from '../../backend/port';
import { ServiceError } from '../errors';
import { createRateLimiter, type LimitPolicy } from '../limits/rate-limiter';
import { claimAccountToken, TOKEN_REFUSALS } from './account-tokens';
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
    await backend.users.updatePassword(user.id, input.password);
  } catch (error) {
    await claim.release();
    throw error;
  }
  // Whoever knew the old password (a reset) is signed out everywhere.
  await backend.sessions.deleteAllForUser(user.id);
  await counters.giveBack(PASSWORD_LINK_LIMIT, key);
  return signIn(scope, { email: user.email, password: input.password });
}
