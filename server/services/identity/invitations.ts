/**
 * Adding a person (decision 0022): an admin creates the account with a name, an email
 * and a role, and gets a one-time link to hand over. The account is created with a
 * random password nobody ever sees, so it cannot be signed in to until the person sets
 * their own through the link. The link is the only copy of the secret: it is returned
 * once and never stored (account-tokens.ts keeps its hash).
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../backend/port';
import { createAccount } from './accounts';
import { issueAccountToken } from './account-tokens';
import { toListItem, type UserListItem } from './user-admin';
import type { ServiceScope } from '../scope';

/** Where a person sets their password; also the page "Forgot password?" will use. */
export const SET_PASSWORD_PATH = '/set-password';

export interface Invitation {
  user: UserListItem;
  /** The one-time link, absolute (the public URL), to copy now or mail. */
  link: string;
  expiresAt: string;
}

/** `purpose` 'reset' only changes the page's words ("Choose a new password"). */
export function setPasswordLink(
  publicUrl: URL,
  token: string,
  purpose: 'invite' | 'reset' = 'invite',
): string {
  const url = new URL(SET_PASSWORD_PATH, publicUrl);
  url.searchParams.set('token', token);
  if (purpose === 'reset') url.searchParams.set('reset', '1');
  return url.toString();
}

export async function inviteUser(
  scope: ServiceScope,
  input: { name: string; email: string; role: Role },
): Promise<Invitation> {
  const { backend } = scope;
  const { publicUrl } = scope.env;
  const now = scope.now();
  // 32 random bytes: a password that exists only so the auth service has one.
  const unusable = randomBytes(32).toString('base64url');
  const { profile } = await createAccount(backend, { ...input, password: unusable }, now);
  const { token, expiresAt } = await issueAccountToken(
    backend,
    { userId: profile.$id, purpose: 'invite' },
    now,
  );
  return { user: toListItem(profile), link: setPasswordLink(publicUrl, token), expiresAt };
}
