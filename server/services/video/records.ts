/** Video token and progress rows, checked with zod on the way in like every other row. */
import { z } from 'zod';
import { rowDatetime } from '../rows';

const accessTokenRowSchema = z.object({
  $id: z.string(),
  userId: z.string(),
  lessonId: z.string(),
  /** SHA-256 (hex) of the token's `jti`; the token itself is never stored. */
  accessToken: z.string(),
  expiresAt: rowDatetime,
  ipAddress: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  userAgent: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  isUsed: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  revokedAt: rowDatetime.nullish().transform((value) => value ?? null),
});
export type AccessTokenRecord = z.output<typeof accessTokenRowSchema>;
export const parseAccessToken = (row: unknown): AccessTokenRecord => accessTokenRowSchema.parse(row);

const progressRowSchema = z.object({
  $id: z.string(),
  userId: z.string(),
  lessonId: z.string(),
  watchedSeconds: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
  totalSeconds: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
  updatedAt: rowDatetime,
});
export type ProgressRecord = z.output<typeof progressRowSchema>;
export const parseProgress = (row: unknown): ProgressRecord => progressRowSchema.parse(row);
