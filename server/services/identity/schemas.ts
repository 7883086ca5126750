/**
 * The paging input every list takes. The fields people type (email, name, password,
 * role, ids) live once in shared/fields, for the procedures and the forms alike.
 */
import { z } from 'zod';
import { idSchema } from '../../../shared/fields/ids';

export const DEFAULT_PAGE_SIZE = 20;

/** `{ cursor?, limit? }` of every list. */
export const pageSchema = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
});
