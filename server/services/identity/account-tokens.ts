/**
 * One-time account links (decision 0022): an invitation to set a first password, and
 * later "Forgot password?". The token is 32 random bytes shown once, inside a link; only
 * its SHA-256 is stored in `account_tokens`, so the table cannot be replayed.
 *
 * A link works once, until it expires, and only while it is the person's newest link:
 * making a new one (a second invitation, a reset) first revokes every earlier one that
 * is still waiting. Using it is an atomic claim (`usedAt` set only while still null), so two
 * submissions racing with the same link cannot both set a password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend } from '../../backend/port';
import { firstRow, rowDatetime } from '../rows';
import { ServiceError } from '../errors';
import { ACCOUNT_TOKENS } from '../tables';

export const ACCOUNT_TOKEN_PURPOSES = ['invite', 'reset'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a link stays usable: a week to accept an invitation, an hour for a reset. */
export const ACCOUNT_TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  invite: 7 * DAY_MS,
  reset: 60 * 60 * 1000,
};

/** The shape of a token as it travels in a link (base64url of 32 bytes). */
export const accountTokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is incomplete. Copy the whole link and open it again.');

const tokenRowSchema = z.object({
  $id: z.string(),
  userId: z.string(),
  purpose: z.enum(ACCOUNT_TOKEN_PURPOSES),
  createdAt: rowDatetime,
  expiresAt: rowDatetime,
  usedAt: rowDatetime.nullish().transform((value) => value ?? null),
  revokedAt: rowDatetime.nullish().transform((value) => value ?? null),
});
export type AccountTokenRecord = z.output<typeof tokenRowSchema>;

export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssuedAccountToken {
  /** The secret itself: returned here once, never stored. */
  token: string;
  expiresAt: string;
}

export async function issueAccountToken(
  backend: Backend,
  input: { userId: string; purpose: AccountTokenPurpose },
  now: Date,
): Promise<IssuedAccountToken> {
  // Earlier links end first, so there is never a moment with two usable ones.
  await revokeAccountLinks(backend, input.userId, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ACCOUNT_TOKEN_LIFETIME_MS[input.purpose]).toISOString();
  await backend.tables.create({
    ...ACCOUNT_TOKENS,
    data: {
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashAccountToken(token),
      createdAt: now.toISOString(),
      expiresAt,
      usedAt: null,
      revokedAt: null,
    },
  });
  return { token, expiresAt };
}

/**
 * The same reads and hashing as issuing a link, for an address with no account, so a
 * "Forgot password?" for it takes as long as for a real one; writes nothing.
 */
export async function rehearseAccountToken(
  backend: Backend,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<IssuedAccountToken> {
  await backend.tables.list({
    ...ACCOUNT_TOKENS,
    queries: waitingLinks(randomBytes(16).toString('hex')),
  });
  const token = randomBytes(32).toString('base64url');
  hashAccountToken(token);
  return { token, expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_LIFETIME_MS[purpose]).toISOString() };
}

/** The refusals, in words that tell the person what to do next. */
export const TOKEN_REFUSALS = {
  unknown: 'This link is not valid. Ask for a new one.',
  used: 'This link has already been used. Sign in with your password, or ask for a new link.',
  expired: 'This link has expired. Ask for a new one.',
  superseded:
    'This link was replaced by a newer one, or the password was changed since. Use the most recent link, or ask for a new one.',
} as const;

const refuse = (why: keyof typeof TOKEN_REFUSALS) => new ServiceError('bad_request', TOKEN_REFUSALS[why]);

/** The person's links still waiting to be used, a page of ids. */
const waitingLinks = (userId: string) => [
  Query.equal('userId', userId),
  Query.isNull('usedAt'),
  Query.isNull('revokedAt'),
  Query.select(['$id']),
  Query.limit(100),
];

/**
 * Ends the person's links still waiting to be used, a page at a time (issuing is rare):
 * before a new link, and whenever their password is set, by a link or otherwise.
 */
export async function revokeAccountLinks(backend: Backend, userId: string, now: Date): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const { rows } = await backend.tables.list({
      ...ACCOUNT_TOKENS,
      queries: waitingLinks(userId),
    });
    for (const row of rows) {
      await backend.tables.updateIf({
        ...ACCOUNT_TOKENS,
        rowId: row.$id,
        where: [Query.isNull('usedAt'), Query.isNull('revokedAt')],
        data: { revokedAt: now.toISOString() },
      });
    }
    if (rows.length < 100) return;
  }
}

/**
 * Claims the link: refuses an unknown, used, expired or superseded one, else marks it
 * used and returns it. `release` puts the claim back when the work it guarded failed
 * (the backend refused the password), so a link is not spent by an outage.
 */
export async function claimAccountToken(
  backend: Backend,
  token: string,
  now: Date,
): Promise<{ record: AccountTokenRecord; release(): Promise<void> }> {
  const row = await firstRow(backend, ACCOUNT_TOKENS, [Query.equal('tokenHash', hashAccountToken(token))]);
  if (!row) throw refuse('unknown');
  const record = tokenRowSchema.parse(row);
  if (record.usedAt) throw refuse('used');
  if (record.revokedAt) throw refuse('superseded');
  if (Date.parse(record.expiresAt) <= now.getTime()) throw refuse('expired');
  const claimed = await backend.tables.updateIf({
    ...ACCOUNT_TOKENS,
    rowId: record.$id,
    where: [Query.isNull('usedAt'), Query.isNull('revokedAt')],
    data: { usedAt: now.toISOString() },
  });
  // Used, or replaced by a newer link, between our read and our write.
  if (!claimed)
    throw refuse(
      tokenRowSchema.parse(await backend.tables.get({ ...ACCOUNT_TOKENS, rowId: record.$id })).revokedAt
        ? 'superseded'
        : 'used',
    );
  return {
    record,
    async release() {
      await backend.tables.updateIf({
        ...ACCOUNT_TOKENS,
        rowId: record.$id,
        where: [Query.isNotNull('usedAt'), Query.isNull('revokedAt')],
        data: { usedAt: null },
      });
    },
  };
}
