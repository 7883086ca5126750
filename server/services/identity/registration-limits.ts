/**
 * The registration policy (decision 0015) on the shared rate limiter (limits/rate-limiter.ts):
 * 30 registration attempts per client IP per hour by default (AURORA_REGISTRATIONS_PER_HOUR).
 * Enough for a classroom behind one school NAT to sign up together; few enough that a
 * script cannot mint accounts, probe which emails exist, or hold the server busy hashing
 * passwords (scrypt) for everyone.
 *
 * Every attempt that reaches the backend counts, whatever its outcome: a taken email
 * answers `CONFLICT`, which is exactly what an address-harvesting script wants to learn.
 * The slot is taken before any hashing, so concurrent registrations cannot slip past.
 */
import type { Backend } from '../../backend/port';
import { createRateLimiter, type LimitPolicy } from '../limits/rate-limiter';

export const REGISTRATION_LIMIT = {
  scope: 'registration',
  limit: 30,
  windowMs: 60 * 60 * 1000,
  refusal: 'Too many accounts have been created from your network.',
} as const satisfies LimitPolicy;

export interface RegistrationLimiterOptions {
  backend: Backend;
  /** Keys the row ids, so the table never holds IPs in a readable form. */
  secret: string;
  now: () => Date;
  /** Attempts per IP in the window; REGISTRATION_LIMIT.limit unless configured. */
  perHour: number;
}

/** Counts a registration from `ip`, or throws `too_many_requests` naming when to try again. */
export async function countRegistration(options: RegistrationLimiterOptions, ip: string): Promise<void> {
  const counters = createRateLimiter(options);
  const policy = { ...REGISTRATION_LIMIT, limit: options.perHour };
  await counters.takeOrRefuse(policy, ip);
  // Registrations are rare next to sign-ins: tidying up here costs little.
  await counters.pruneExpired([policy]);
}
