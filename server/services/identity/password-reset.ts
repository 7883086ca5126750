/**
 * "Forgot password?" (issue 16, decision 0041): asking for a one-time link by email.
 *
 * The answer is the same words whether or not an account uses the address, and takes
 * the same time within noise: for an unknown address the same lookup, token read and
 * hashing and mail rendering run (`rehearseAccountToken`), only the two writes (the
 * token row and the outbox row) are left out. The link is an ordinary 'reset' account
 * token (account-tokens.ts: hashed, one hour, newest only) and opens the set-password
 * page; using it is `setPasswordWithLink`, the same path as an invitation, in both
 * backend modes.
 *
 * Requests are limited per client IP and per address (a hash of the normalized address
 * is the key), in the attempt counters' `ip` and `email` scopes under keys of their own;
 * the windows equal sign-in's, so its pruning keeps them tidy too. Being refused for an
 * address says nothing about whether it has an account: every address is counted.
 */
import { createHash } from 'node:crypto';
import { createRateLimiter, limitReached, type LimitPolicy } from '../limits/rate-limiter';
import { queueMail } from '../mail/queue';
import { passwordResetMail } from '../mail/templates/password-reset';
import type { RequestScope } from '../scope';
import { issueAccountToken, rehearseAccountToken } from './account-tokens';
import { setPasswordLink } from './invitations';

/** The one answer, for every address. */
export const PASSWORD_RESET_SENT =
  'If an account uses that address, we sent it a link to choose a new password. The link works once, for one hour. Check your spam folder if it does not arrive in a few minutes.';

const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

export const PASSWORD_RESET_LIMITS = {
  perIp: {
    scope: 'ip',
    limit: 20,
    windowMs: FIFTEEN_MINUTES_MS,
    refusal: 'Too many password reset requests from your network.',
  },
  perEmail: {
    scope: 'email',
    limit: 3,
    windowMs: FIFTEEN_MINUTES_MS,
    refusal: 'Too many password reset requests for this address.',
  },
} as const satisfies Record<string, LimitPolicy>;

const ipKey = (ip: string) => `password-reset:${ip}`;
const emailKey = (email: string) => `password-reset:${createHash('sha256').update(email).digest('hex')}`;

/** `email` is normalized already (emailSchema: trimmed, lower-case). */
export async function requestPasswordReset(
  scope: RequestScope,
  input: { email: string },
): Promise<{ message: string }> {
  const { backend, env } = scope;
  const counters = createRateLimiter({ backend, secret: env.sessionSecret, now: scope.now });
  const { perIp, perEmail } = PASSWORD_RESET_LIMITS;
  await counters.takeOrRefuse(perIp, ipKey(scope.request.clientIp));
  const emailSlot = await counters.take(perEmail, emailKey(input.email));
  if (!emailSlot.taken) {
    await counters.giveBack(perIp, ipKey(scope.request.clientIp));
    throw limitReached(perEmail, emailSlot.retryAtMs, scope.now().getTime());
  }

  const now = scope.now();
  const user = await backend.users.findByEmail(input.email);
  const { token } = user
    ? await issueAccountToken(backend, { userId: user.id, purpose: 'reset' }, now)
    : await rehearseAccountToken(backend, 'reset', now);
  const rendered = passwordResetMail(
    { name: user?.name ?? '', link: setPasswordLink(env.publicUrl, token, 'reset') },
    { publicUrl: env.publicUrl },
  );
  if (user) {
    await queueMail(
      backend,
      {
        key: `password-reset:${user.id}:${now.getTime()}`,
        to: user.email,
        userId: user.id,
        kind: 'password-reset',
        rendered,
      },
      now,
    );
  }
  return { message: PASSWORD_RESET_SENT };
}
