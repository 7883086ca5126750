/**
 * Signing in and out: the session the backend creates becomes the browser's cookie.
 * Both the tRPC endpoint and Remix actions reach these through procedures, so the
 * cookie goes out on whichever response is being built (`responseHeaders`).
 *
 * Both ways of starting a session are limited before any password is hashed or
 * checked: sign-ins by sign-in-limits.ts (decision 0016), registrations by
 * registration-limits.ts (decision 0015). A browser that starts a session also becomes
 * a known device of the account (known-device.ts).
 */
import { isBackendError } from '../../backend/errors';
import type { AuthUser, Session } from '../../backend/port';
import type { CookieScope, RequestScope } from '../scope';
import { ServiceError } from '../errors';
import { recordActivity } from '../audit/activity';
import { createAccount } from './accounts';
import { knownDeviceFor, knownDeviceValue, newDeviceId, type KnownDevice } from './known-device';
import { countRegistration } from './registration-limits';
import {
  clearedSessionCookie,
  knownDeviceCookie,
  putKnownDeviceCookie,
  putSessionCookie,
  sessionCookie,
} from './session-cookie';
import { createSignInLimiter } from './sign-in-limits';

/** The same words for an unknown email and a wrong password, so neither reveals which emails exist. */
export const WRONG_CREDENTIALS = 'Email or password is incorrect.';

/** A blocked account (Appwrite mode: an administrator blocked it in the console). */
export const ACCOUNT_BLOCKED = 'This account is blocked.';

/**
 * `deviceId`: the browser's known-device id for this account, kept so its cookie is
 * simply renewed; a browser new to the account gets a fresh id.
 */
async function startSession(
  scope: CookieScope,
  session: Session,
  deviceId: string | null = null,
): Promise<AuthUser> {
  const { request, responseHeaders } = scope;
  const previous = request.sessionSecret;
  // A browser signing in as someone (else) leaves no session of the old sign-in behind.
  if (previous && previous !== session.secret) {
    await scope.backend.sessions.delete(previous).catch((error: unknown) => {
      console.error('could not end the replaced session:', error);
    });
  }
  const { publicUrl, sessionSecret } = scope.env;
  putSessionCookie(responseHeaders, sessionCookie(session.secret, publicUrl));
  const device = { userId: session.userId, deviceId: deviceId ?? newDeviceId() };
  putKnownDeviceCookie(
    responseHeaders,
    knownDeviceCookie(knownDeviceValue(sessionSecret, device), publicUrl),
  );
  const user = await scope.backend.users.get(session.userId);
  await recordActivity(
    scope.backend,
    { userId: user.id, action: 'login', metadata: { ip: request.clientIp, userAgent: request.userAgent } },
    scope.now(),
  );
  return user;
}

/**
 * Checks email and password on the sign-in limits by starting a session (the only way the
 * port checks a password). `wrongPassword` is the refusal for a wrong password: a failed
 * attempt, its slots kept.
 */
export async function limitedSession(
  scope: RequestScope,
  input: { email: string; password: string },
  wrongPassword: (cause: unknown) => ServiceError = (cause) =>
    new ServiceError('unauthorized', WRONG_CREDENTIALS, { cause }),
): Promise<{ session: Session; device: KnownDevice | null }> {
  const { backend, env } = scope;
  const limiter = createSignInLimiter({ backend, secret: env.sessionSecret, now: scope.now });
  const device = await knownDeviceFor(backend, env.sessionSecret, scope.request.knownDevice, input.email);
  const attempt = await limiter.begin({
    ip: scope.request.clientIp,
    email: input.email,
    deviceId: device?.deviceId ?? null,
  });
  let session: Session;
  try {
    session = await backend.sessions.create(input);
  } catch (error) {
    // Appwrite checks the block after the password, so only the right password learns it.
    if (isBackendError(error, 'unauthorized') && error.reason === 'account_blocked') {
      throw new ServiceError('forbidden', ACCOUNT_BLOCKED, { cause: error });
    }
    if (isBackendError(error, 'unauthorized')) throw wrongPassword(error);
    await attempt.abandoned();
    throw error;
  }
  await attempt.succeeded();
  return { session, device };
}

export async function signIn(
  scope: CookieScope,
  input: { email: string; password: string },
): Promise<AuthUser> {
  const { session, device } = await limitedSession(scope, input);
  return startSession(scope, session, device?.deviceId ?? null);
}

export async function register(
  scope: CookieScope,
  input: { email: string; password: string; name: string },
): Promise<AuthUser> {
  const { backend, env, now } = scope;
  await countRegistration(
    { backend, secret: env.sessionSecret, now, perHour: env.registrationsPerHour },
    scope.request.clientIp,
  );
  await createAccount(backend, input, now());
  return startSession(scope, await backend.sessions.create({ email: input.email, password: input.password }));
}

/** Ends this browser's session (or every session of the user) and drops the cookie. */
export async function signOut(scope: CookieScope, options: { everywhere: boolean }): Promise<void> {
  const user = scope.actor;
  const { backend, env } = scope;
  if (scope.request.sessionSecret) await backend.sessions.delete(scope.request.sessionSecret);
  if (options.everywhere && user) await backend.sessions.deleteAllForUser(user.id);
  putSessionCookie(scope.responseHeaders, clearedSessionCookie(env.publicUrl));
}
