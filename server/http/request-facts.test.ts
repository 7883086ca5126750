import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientIpOf, cookieValue, requestFactsOf } from './request-facts';

function fakeRequest(remoteAddress: string, headers: IncomingMessage['headers'] = {}): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
  return { socket, headers } as IncomingMessage;
}

describe('clientIpOf', () => {
  it('uses the peer address and ignores X-Forwarded-For from untrusted peers', () => {
    const req = fakeRequest('::ffff:203.0.113.9', { 'x-forwarded-for': '198.51.100.1' });
    expect(clientIpOf(req, [])).toBe('203.0.113.9');
  });

  it('believes a trusted proxy and takes the right-most untrusted hop', () => {
    const req = fakeRequest('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2' });
    expect(clientIpOf(req, ['127.0.0.1', '10.0.0.2'])).toBe('198.51.100.7');
  });

  it('falls back to the peer when a trusted proxy sends no usable header', () => {
    expect(clientIpOf(fakeRequest('127.0.0.1'), ['127.0.0.1'])).toBe('127.0.0.1');
  });
});

describe('cookieValue', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(cookieValue('a=1; aurora_session=abc%2Bdef; b=2', 'aurora_session')).toBe('abc+def');
  });

  it('returns null when missing, empty or malformed', () => {
    expect(cookieValue(undefined, 'x')).toBeNull();
    expect(cookieValue('x=', 'x')).toBeNull();
    expect(cookieValue('x=%E0%A4%A', 'x')).toBeNull();
    expect(cookieValue('xx=1', 'x')).toBeNull();
  });
});

describe('requestFactsOf', () => {
  it('collects the facts procedures rely on', () => {
    const facts = requestFactsOf(
      fakeRequest('192.0.2.4', {
        'user-agent': 'Browser/1.0',
        host: 'LocalHost:3000',
        origin: 'http://localhost:3000',
        cookie: 'aurora_session=s3cret; aurora_device=dev.mac.user',
        authorization: 'Bearer tok_123',
      }),
      [],
    );
    expect(facts).toEqual({
      clientIp: '192.0.2.4',
      userAgent: 'Browser/1.0',
      origin: 'http://localhost:3000',
      sessionSecret: 's3cret',
      knownDevice: 'dev.mac.user',
      bearerToken: 'tok_123',
    });
  });

  it('derives the origin from the Referer when Origin is absent', () => {
    const facts = requestFactsOf(fakeRequest('192.0.2.4', { referer: 'https://evil.example/page?x=1' }), []);
    expect(facts.origin).toBe('https://evil.example');
    expect(facts.bearerToken).toBeNull();
  });

  it('has no origin or credentials when the request names none', () => {
    const facts = requestFactsOf(fakeRequest('192.0.2.4'), []);
    expect(facts).toMatchObject({ origin: null, sessionSecret: null, bearerToken: null });
  });
});
