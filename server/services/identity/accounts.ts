/**
 * Creating an account: the auth user (password, sessions, role) and its profile row,
 * under one id. The port has no transaction spanning both, so a failed profile write
 * removes the auth user again: an account either exists whole or not at all.
 */
import { isBackendError } from '../../backend/errors';
import type { AuthUser, Backend, Role } from '../../backend/port';
import { ServiceError } from '../errors';
import { roleDiffers } from '../permissions/base-roles';
import { createProfile, type Profile } from './profiles';

export interface NewAccount {
  /** Already normalized (trimmed, lower-cased) and validated by the caller's schema. */
  email: string;
  password: string;
  name: string;
  role?: Role;
  bio?: string;
}

export const EMAIL_TAKEN = 'An account with this email already exists.';

export async function createAccount(
  backend: Backend,
  input: NewAccount,
  now: Date,
): Promise<{ user: AuthUser; profile: Profile }> {
  let user: AuthUser;
  try {
    user = await backend.users.create({ email: input.email, password: input.password, name: input.name });
  } catch (error) {
    if (isBackendError(error, 'conflict')) throw new ServiceError('conflict', EMAIL_TAKEN, { cause: error });
    throw error;
  }
  try {
    if (input.role && roleDiffers(user.role, input.role))
      user = await backend.users.setRole(user.id, input.role);
    const profile = await createProfile(backend, user, now, input.bio);
    return { user, profile };
  } catch (error) {
    await backend.users.delete(user.id).catch((cleanup: unknown) => {
      console.error(`could not remove the half-created account ${user.id}:`, cleanup);
    });
    // A profile row left behind by an earlier, half-deleted account holds the email.
    if (isBackendError(error, 'conflict')) throw new ServiceError('conflict', EMAIL_TAKEN, { cause: error });
    throw error;
  }
}
