/**
 * The shapes people type into identity forms, checked the same way wherever they
 * arrive: procedure inputs, the start-up admin account, demo accounts.
 */
import { z } from 'zod';
import type { Role } from '../../backend/port';

export const ROLES = ['regular', 'instructor', 'admin'] as const satisfies readonly Role[];
export const roleSchema = z.enum(ROLES, { error: 'Role must be regular, instructor or admin.' });

/** Trimmed and lower-cased, so one address is one account however it is typed. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, 'Email addresses are at most 320 characters.')
  .pipe(z.email('Enter a valid email address, like ada@example.com.'));

export const newPasswordSchema = z
  .string()
  .min(8, 'Passwords need at least 8 characters.')
  .max(256, 'Passwords are at most 256 characters.');

/** Signing in checks only that something was typed: a wrong length is just a wrong password. */
export const passwordAttemptSchema = z.string().min(1, 'Enter your password.').max(256);

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .max(128, 'Names are at most 128 characters.');

export const bioSchema = z.string().trim().max(2000, 'A bio is at most 2000 characters.');

/** Appwrite's id rules; anything else cannot name a row, user or file. */
export const idSchema = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}$/, 'That is not a valid id.');

export const DEFAULT_PAGE_SIZE = 20;

/** `{ cursor?, limit? }` of every list. */
export const pageSchema = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
});
