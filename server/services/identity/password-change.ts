/**
 * Changing one's password from the account page (issue 16, decision 0042). The current
 * password is checked as a sign-in is, on the sign-in limits (decision 0016): a wrong one
 * is a failed attempt, so this cannot be used to guess around them. Then the password is
 * set through the users port (Appwrite: `users.updatePassword` with the admin client),
 * every session of the account is ended and this browser signed in again with the new
 * password, so only it stays signed in; outstanding one-time links are revoked, so an
 * older reset link cannot undo the change; the security log records it and the person
 * is told by email.
 */
import type { AuthUser } from '../../backend/port';
import { writeSecurityLog } from '../audit/security-log';
import { ServiceError } from '../errors';
import { queueMail } from '../mail/queue';
import { passwordChangedMail } from '../mail/templates/password-changed';
import type { CookieScope, SignedInScope } from '../scope';
import { replacePassword } from './password-links';
import { limitedSession, signIn } from './sign-in';

/** About the current-password field: the new one is never judged until the current one is right. */
export const WRONG_CURRENT_PASSWORD = 'That is not your current password. Check it and try again.';

export const PASSWORD_CHANGED_ACTION = 'password_changed';

export async function changePassword(
  scope: CookieScope & SignedInScope,
  input: { currentPassword: string; newPassword: string },
): Promise<AuthUser> {
  const { backend, env, actor, request } = scope;
  // The session this starts only checks the password; it ends below with the rest.
  await limitedSession(
    scope,
    { email: actor.email, password: input.currentPassword },
    (cause) => new ServiceError('bad_request', WRONG_CURRENT_PASSWORD, { cause }),
  );
  const now = scope.now();
  await replacePassword(backend, { userId: actor.id, password: input.newPassword }, now);
  // Whoever else knew the old password is signed out everywhere, this browser included for a moment.
  await backend.sessions.deleteAllForUser(actor.id);
  await writeSecurityLog(
    backend,
    {
      action: PASSWORD_CHANGED_ACTION,
      userId: actor.id,
      reason: 'password changed on the account page',
      request,
    },
    now,
  );
  const rendered = passwordChangedMail(
    {
      name: actor.name,
      changedAt: now.toISOString(),
      how: 'account page',
      ipAddress: request.clientIp,
      userAgent: request.userAgent,
      forgotPasswordUrl: new URL('/forgot-password', env.publicUrl.origin).href,
    },
    { publicUrl: env.publicUrl },
  );
  await queueMail(
    backend,
    {
      key: `password-changed:${actor.id}:${now.getTime()}`,
      to: actor.email,
      userId: actor.id,
      kind: 'password-changed',
      rendered,
    },
    now,
  );
  // This browser stays signed in: a new session, through the ordinary sign-in.
  return signIn(
    { ...scope, request: { ...request, sessionSecret: null } },
    {
      email: actor.email,
      password: input.newPassword,
    },
  );
}
