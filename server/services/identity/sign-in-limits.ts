/**
 * The sign-in policy (decision 0016) on the shared rate limiter (limits/rate-limiter.ts).
 *
 * An ordinary attempt is charged to the client IP (100 failures per 15 minutes, room
 * for a school behind one NAT) and to the email (10 per 15 minutes). An attempt from a
 * known device of that account (known-device.ts) is charged to the device alone (10
 * failures per day), so neither a stranger's guesses at the email nor a classroom's
 * typos at the IP lock its owner out; once the device's own budget is used up, its
 * attempts are ordinary ones again.
 *
 * Every slot is taken before the password is checked, so parallel guesses cannot slip
 * past a read-then-write check. A success gives the IP's slot back and clears the
 * email's and the device's counters; an attempt whose check could not run (backend
 * down) gives its slots back.
 */
import type { Backend } from '../../backend/port';
import { createRateLimiter, limitReached, type LimitPolicy } from '../limits/rate-limiter';

const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;
const REFUSAL = 'Too many sign-in attempts.';

export const SIGN_IN_LIMITS = {
  perIp: { scope: 'ip', limit: 100, windowMs: FIFTEEN_MINUTES_MS, refusal: REFUSAL },
  perEmail: { scope: 'email', limit: 10, windowMs: FIFTEEN_MINUTES_MS, refusal: REFUSAL },
  perDevice: { scope: 'device', limit: 10, windowMs: 24 * 60 * 60 * 1000, refusal: REFUSAL },
} as const satisfies Record<string, LimitPolicy>;

const ALL_SIGN_IN_POLICIES: readonly LimitPolicy[] = Object.values(SIGN_IN_LIMITS);

export interface SignInLimiterOptions {
  backend: Backend;
  /** Keys the row ids, so the table never holds emails or IPs in a readable form. */
  secret: string;
  now: () => Date;
}

export interface SignInAttempt {
  /** The password was right: the failures counted so far were the owner's. */
  succeeded(): Promise<void>;
  /** The check itself failed (backend down): no slot was a wrong guess. */
  abandoned(): Promise<void>;
}

export function createSignInLimiter({ backend, secret, now }: SignInLimiterOptions) {
  const counters = createRateLimiter({ backend, secret, now });
  const { perIp, perEmail, perDevice } = SIGN_IN_LIMITS;

  async function ordinaryAttempt(ip: string, email: string, deviceId: string | null): Promise<SignInAttempt> {
    await counters.takeOrRefuse(perIp, ip);
    const emailSlot = await counters.take(perEmail, email);
    if (!emailSlot.taken) {
      // Refused for the email: the password is never checked, so this is no failure of the IP's either.
      await counters.giveBack(perIp, ip);
      throw limitReached(perEmail, emailSlot.retryAtMs, now().getTime());
    }
    return {
      async succeeded() {
        await counters.giveBack(perIp, ip);
        await counters.forget(perEmail, email);
        // A known device whose own budget was used up proved itself after all.
        if (deviceId) await counters.forget(perDevice, deviceId);
        await counters.pruneExpired(ALL_SIGN_IN_POLICIES);
      },
      async abandoned() {
        await counters.giveBack(perIp, ip);
        await counters.giveBack(perEmail, email);
      },
    };
  }

  return {
    /**
     * Counts an attempt before the password is checked. `deviceId` is a known device of
     * the account this email belongs to (verified by the caller), or null.
     */
    async begin(input: { ip: string; email: string; deviceId: string | null }): Promise<SignInAttempt> {
      const { deviceId } = input;
      if (deviceId && (await counters.take(perDevice, deviceId)).taken) {
        return {
          async succeeded() {
            // The email's counter is left alone: whoever else was guessing stays locked.
            await counters.forget(perDevice, deviceId);
            await counters.pruneExpired(ALL_SIGN_IN_POLICIES);
          },
          abandoned: () => counters.giveBack(perDevice, deviceId),
        };
      }
      return ordinaryAttempt(input.ip, input.email, deviceId);
    },

    /** Forgets an email's failures (its account was deleted). */
    forgetEmail: (email: string) => counters.forget(perEmail, email),
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
