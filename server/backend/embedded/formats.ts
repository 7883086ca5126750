/** Value formats shared by column validation, query values and the users port. */
import { isIP } from 'node:net';

const EMAIL_PATTERN = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\.]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 320 && EMAIL_PATTERN.test(value);
}

/** Only web URLs: such values end up in `src`/`href` attributes, where `javascript:` would be a hole. */
export function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}

export function isIpAddress(value: string): boolean {
  return isIP(value) !== 0;
}

const DATETIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Normalizes a datetime to `toISOString()` form so stored values compare correctly as
 * text. A time without a zone is UTC, as Appwrite reads it (JS would read it as local).
 */
export function normalizeDatetime(value: string): string | null {
  const match = DATETIME_PATTERN.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0', zone = 'Z'] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const normalized = new Date(time);
  // Date.parse rolls over impossible dates (Feb 30 → Mar 2); Appwrite refuses them.
  if (offset === 'Z' && normalized.getUTCDate() !== Number(day)) return null;
  return normalized.toISOString();
}

/** Length in characters (code points), as Appwrite counts a string's size. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}
