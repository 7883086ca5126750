/**
 * How many video tokens one user and one IP may take: counted from the tokens
 * themselves (indexed by user and by IP with their expiry), so there is no counter to
 * keep and every server of a deployment sees the same number. The IP allowance is
 * larger because a classroom shares one address. A visitor's "user" is their visitor
 * id, which they can throw away, so for visitors the IP allowance is the real bound and
 * it is counted even when the address is unknown.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { IP_ADDRESS_LENGTH } from '../column-sizes';
import { VIDEO_ACCESS_TOKENS } from '../tables';
import { ACCESS_TOKEN_SECONDS } from './tokens';

export const VIDEO_RATE_WINDOW_MS = 10 * 60 * 1000;
export const VIDEO_TOKENS_PER_USER = 60;
export const VIDEO_TOKENS_PER_IP = 300;

/**
 * Tokens issued within the window, counted up to `upTo` (the allowance and one more is
 * all a verdict needs): the ids of at most that many rows, no total. A total costs a
 * second query on SQLite and a count on Appwrite; a person's own recent tokens are few.
 */
async function issuedSince(
  backend: Backend,
  filter: string,
  upTo: number,
  now: Date,
  issuedBy?: string,
): Promise<number> {
  // A token issued at t expires at t + 5 min: "issued within the window" is an expiry bound.
  const bound = new Date(now.getTime() - VIDEO_RATE_WINDOW_MS + ACCESS_TOKEN_SECONDS * 1000);
  const queries = [
    filter,
    Query.greaterThan('expiresAt', bound.toISOString()),
    Query.select(['$id']),
    Query.limit(upTo),
  ];
  if (issuedBy) queries.push(Query.lessThanEqual('expiresAt', issuedBy));
  const { rows } = await backend.tables.list({ ...VIDEO_ACCESS_TOKENS, queries, total: false });
  return rows.length;
}

/**
 * null when another token may be issued; otherwise which allowance is used up. With
 * `issuedBy` (a just-written token's expiry) it checks that token itself: tokens issued
 * up to it, that one included, must fit in the allowance.
 */
export async function videoRateLimitHit(
  backend: Backend,
  input: { userId: string | null; clientIp: string; visitor?: boolean },
  now: Date,
  options: { issuedBy?: string } = {},
): Promise<'user' | 'ip' | null> {
  // Before issuing, one more must fit; after, the count includes the new token.
  const room = options.issuedBy ? 0 : 1;
  const over = async (filter: string, allowance: number) =>
    (await issuedSince(backend, filter, allowance + 1, now, options.issuedBy)) + room > allowance;
  if (input.userId !== null && (await over(Query.equal('userId', input.userId), VIDEO_TOKENS_PER_USER)))
    return 'user';
  if (
    (input.clientIp !== 'unknown' || input.visitor === true) &&
    (await over(Query.equal('ipAddress', input.clientIp.slice(0, IP_ADDRESS_LENGTH)), VIDEO_TOKENS_PER_IP))
  )
    return 'ip';
  return null;
}
