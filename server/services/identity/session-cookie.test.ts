import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookie,
  cookieNeedsRenewal,
  knownDeviceCookie,
  putKnownDeviceCookie,
  putSessionCookie,
  sessionCookie,
} from './session-cookie';

const DAY = 24 * 60 * 60 * 1000;

describe('sessionCookie', () => {
  it('is HttpOnly, SameSite=Lax, site-wide and lasts 30 days, without Secure on http', () => {
    expect(sessionCookie('abc+/=', new URL('http://localhost:3000'))).toBe(
      'aurora_session=abc%2B%2F%3D; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax',
    );
  });

  it('is Secure when the public URL is https', () => {
    expect(sessionCookie('abc', new URL('https://learn.example.org'))).toMatch(/; Secure$/);
  });

  it('is cleared with the same attributes and no lifetime left', () => {
    expect(clearedSessionCookie(new URL('https://learn.example.org'))).toBe(
      'aurora_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
    );
  });
});

describe('cookieNeedsRenewal', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const inDays = (days: number) => new Date(now.getTime() + days * DAY).toISOString();

  it('re-issues the cookie for a session extended within the last day', () => {
    expect(cookieNeedsRenewal(inDays(30), now)).toBe(true);
    expect(cookieNeedsRenewal(inDays(29.5), now)).toBe(true);
  });

  it('leaves the cookie alone otherwise', () => {
    expect(cookieNeedsRenewal(inDays(29), now)).toBe(false);
    expect(cookieNeedsRenewal(inDays(3), now)).toBe(false);
    expect(cookieNeedsRenewal('not a date', now)).toBe(false);
  });
});

describe('putSessionCookie', () => {
  it('replaces an earlier session cookie of the same response and keeps other cookies', () => {
    const headers = new Headers();
    headers.append('Set-Cookie', 'theme=dark; Path=/');
    putSessionCookie(headers, sessionCookie('renewed', new URL('http://localhost')));
    putSessionCookie(headers, clearedSessionCookie(new URL('http://localhost')));
    expect(headers.getSetCookie()).toEqual([
      'theme=dark; Path=/',
      expect.stringMatching(/^aurora_session=; /),
    ]);
  });
});

describe('knownDeviceCookie', () => {
  it('is HttpOnly, SameSite=Lax, site-wide and lasts a year, Secure only on https', () => {
    expect(knownDeviceCookie('dev.mac.user', new URL('http://localhost:3000'))).toBe(
      'aurora_device=dev.mac.user; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax',
    );
    expect(knownDeviceCookie('dev.mac.user', new URL('https://learn.example.org'))).toMatch(/; Secure$/);
  });

  it('replaces an earlier device cookie and leaves the session cookie alone', () => {
    const headers = new Headers();
    const url = new URL('http://localhost');
    putSessionCookie(headers, sessionCookie('secret', url));
    putKnownDeviceCookie(headers, knownDeviceCookie('first', url));
    putKnownDeviceCookie(headers, knownDeviceCookie('second', url));
    expect(headers.getSetCookie()).toEqual([
      expect.stringMatching(/^aurora_session=secret; /),
      expect.stringMatching(/^aurora_device=second; /),
    ]);
  });
});
