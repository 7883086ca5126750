/**
 * Personal API tokens for scripts: `aur_` + 43 characters (32 random bytes, base64url).
 * The token is shown once; only its SHA-256 is stored, so the table cannot be replayed.
 * A token acts as its user, with that user's current role, until revoked or until the
 * user is deleted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { AuthUser, Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import { mayUseApiToken } from '../policy';
import type { SignedInScope } from '../scope';
import { firstRow, deleteRowIfPresent, deleteRowsWhere, getRowOrNull, unlessMissing } from '../rows';
import { API_TOKENS } from '../tables';

const TOKEN_PATTERN = /^aur_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 8;
/** Writing `lastUsedAt` on every call would turn each API read into a write. */
const LAST_USED_PRECISION_MS = 60_000;

const datetime = z.string().transform((value) => new Date(value).toISOString());
const tokenRowSchema = z.object({
  $id: z.string(),
  userId: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  createdAt: datetime,
  lastUsedAt: datetime.nullish().transform((value) => value ?? null),
});

export interface ApiTokenSummary {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  /** The secret itself: returned here once, never stored. */
  token: string;
  tokenPrefix: string;
  createdAt: string;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(
  scope: SignedInScope,
  input: { name: string },
): Promise<CreatedApiToken> {
  const { backend } = scope;
  const userId = scope.actor.id;
  const { name } = input;
  const now = scope.now();
  const token = `aur_${randomBytes(32).toString('base64url')}`;
  const tokenPrefix = token.slice(0, PREFIX_LENGTH);
  const row = tokenRowSchema.parse(
    await backend.tables.create({
      ...API_TOKENS,
      data: { userId, name, tokenHash: hashApiToken(token), tokenPrefix, createdAt: now.toISOString() },
    }),
  );
  return { id: row.$id, name: row.name, token, tokenPrefix: row.tokenPrefix, createdAt: row.createdAt };
}

export async function listApiTokens(
  scope: SignedInScope,
  page: { cursor?: string; limit: number },
): Promise<{ items: ApiTokenSummary[]; nextCursor: string | null; total: number; totalCapped: boolean }> {
  const { backend } = scope;
  const userId = scope.actor.id;
  const queries = [Query.equal('userId', userId), Query.orderDesc('createdAt'), Query.limit(page.limit + 1)];
  if (page.cursor) queries.push(Query.cursorAfter(page.cursor));
  const { rows, total, totalCapped } = await backend.tables.list({ ...API_TOKENS, queries });
  const items = rows.slice(0, page.limit).map((raw) => {
    const row = tokenRowSchema.parse(raw);
    return {
      id: row.$id,
      name: row.name,
      tokenPrefix: row.tokenPrefix,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
    };
  });
  const nextCursor = rows.length > page.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor, total, totalCapped };
}

/** Someone else's token is answered exactly like a missing one, so ids reveal nothing. */
export async function revokeApiToken(scope: SignedInScope, tokenId: string): Promise<void> {
  const { backend, actor: viewer } = scope;
  const missing = new ServiceError('not_found', 'There is no such API token (it may be revoked already).');
  const found = await getRowOrNull(backend, API_TOKENS, tokenId);
  if (!found) throw missing;
  const row = tokenRowSchema.parse(found);
  if (!mayUseApiToken(viewer, row)) throw missing;
  await deleteRowIfPresent(backend, API_TOKENS, tokenId);
}

/** The token's user, or null when the token is malformed, unknown, revoked or its user is gone. */
export async function authenticateApiToken(
  backend: Backend,
  token: string,
  now: Date,
): Promise<{ user: AuthUser; tokenId: string } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const found = await firstRow(backend, API_TOKENS, [Query.equal('tokenHash', hashApiToken(token))]);
  if (!found) return null;
  const row = tokenRowSchema.parse(found);
  const user = await unlessMissing(backend.users.get(row.userId), null);
  if (!user) return null;
  const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS).toISOString();
  // Conditional, so concurrent calls within the minute write once between them.
  const touched = backend.tables.updateIf({
    ...API_TOKENS,
    rowId: row.$id,
    where: [Query.or([Query.isNull('lastUsedAt'), Query.lessThan('lastUsedAt', stale)])],
    data: { lastUsedAt: now.toISOString() },
  });
  // Revoked between the lookup and now.
  if (
    !(await unlessMissing(
      touched.then(() => true),
      false,
    ))
  )
    return null;
  return { user, tokenId: row.$id };
}

export function deleteApiTokensOf(backend: Backend, userId: string): Promise<number> {
  return deleteRowsWhere(backend, API_TOKENS, [Query.equal('userId', userId)]);
}
