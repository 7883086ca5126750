/**
 * What people type about themselves and others: email, name, bio, password, role,
 * organization role, an API token's name. One zod schema each, for the identity procedures and the sign-up,
 * account and admin forms alike; the lengths come from ./limits.
 */
import { z } from 'zod';
import { ORG_ROLE_NAMES, ORG_ROLES } from '../permissions';
import { PEOPLE_LIMITS, ROLES } from './limits';

export const roleSchema = z.enum(ROLES, { error: 'Choose a role: regular, instructor or admin.' });

/** An organization role, or null for none (docs/decisions/0039). */
export const orgRoleSchema = z
  .enum(ORG_ROLES, {
    error: `Choose an organization role: ${Object.values(ORG_ROLE_NAMES).join(', ')}, or none.`,
  })
  .nullable();

/** Trimmed and lower-cased, so one address is one account however it is typed. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address.')
  .max(PEOPLE_LIMITS.email, `An email address is at most ${PEOPLE_LIMITS.email} characters.`)
  .pipe(z.email('Enter an email address like name@school.org.'));

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .max(PEOPLE_LIMITS.name, `A name is at most ${PEOPLE_LIMITS.name} characters.`);

export const bioSchema = z
  .string()
  .trim()
  .max(PEOPLE_LIMITS.bio, `A bio is at most ${PEOPLE_LIMITS.bio} characters.`);

export const newPasswordSchema = z
  .string()
  .min(PEOPLE_LIMITS.passwordMin, `Use at least ${PEOPLE_LIMITS.passwordMin} characters for your password.`)
  .max(PEOPLE_LIMITS.password, `A password is at most ${PEOPLE_LIMITS.password} characters.`);

/** Signing in checks only that something was typed: a wrong length is just a wrong password. */
export const passwordAttemptSchema = z.string().min(1, 'Enter your password.').max(PEOPLE_LIMITS.password);

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the token a name, so you know later what uses it.')
  .max(PEOPLE_LIMITS.tokenName, `A token’s name is at most ${PEOPLE_LIMITS.tokenName} characters.`);

export const SAME_PASSWORD = 'Choose a new password that is different from your current one.';

/** Changing one's password (account page and `auth.changePassword`): the current one, and a new one that differs. */
export const changePasswordSchema = z
  .object({ currentPassword: passwordAttemptSchema, newPassword: newPasswordSchema })
  .refine((input) => input.newPassword !== input.currentPassword, {
    message: SAME_PASSWORD,
    path: ['newPassword'],
  });
