/**
 * Visitors: a browser nobody is signed in on, watching a free preview (decision 0013,
 * "Visitors"). The browser holds a random id in the visitor cookie; the token row, the
 * JWT's subject and the audit trail hold only `visitor:` and a hash of it, so neither
 * a link nor a database copy gives away the cookie that the link is bound to. A colon
 * never occurs in a row id, so a holder id can never equal a user id.
 */
import { createHash, randomBytes } from 'node:crypto';

const VISITOR_PREFIX = 'visitor:';
const VISITOR_ID = /^[A-Za-z0-9_-]{24}$/;

/** What the player route knows about a signed-out browser. */
export interface VideoVisitor {
  visitorId: string;
}

/** A fresh visitor id for the cookie: 18 random bytes, base64url. */
export const newVisitorId = (): string => randomBytes(18).toString('base64url');

/** Whether a cookie's value is an id this server could have issued (anything else gets a new one). */
export const isVisitorId = (value: string | null | undefined): value is string =>
  typeof value === 'string' && VISITOR_ID.test(value);

/** The id tokens and audit rows carry for a visitor: 35 characters, within the 36 of a `userId` column. */
export function visitorHolder(visitorId: string): string {
  const digest = createHash('sha256').update(`aurora-visitor\n${visitorId}`).digest('base64url');
  return `${VISITOR_PREFIX}${digest.slice(0, 27)}`;
}

export const isVisitorHolder = (holder: string): boolean => holder.startsWith(VISITOR_PREFIX);
