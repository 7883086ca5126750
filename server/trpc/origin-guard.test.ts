import { describe, expect, it } from 'vitest';
import { isCrossSiteMutation } from './origin-guard';

const publicUrl = new URL('https://learn.example.org');
const cookie = 'secret';

describe('isCrossSiteMutation', () => {
  it.each<[string, { origin: string | null; host: string | null; sessionSecret: string | null }, boolean]>([
    [
      'the public origin',
      { origin: 'https://learn.example.org', host: 'internal:3000', sessionSecret: cookie },
      false,
    ],
    [
      'the server’s own host',
      { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', sessionSecret: cookie },
      false,
    ],
    [
      'the own host on a default port',
      { origin: 'http://box', host: 'box:80', sessionSecret: cookie },
      false,
    ],
    [
      'another site',
      { origin: 'https://evil.example', host: 'learn.example.org', sessionSecret: cookie },
      true,
    ],
    ['another site, no cookie', { origin: 'https://evil.example', host: null, sessionSecret: null }, true],
    [
      'a look-alike port',
      { origin: 'https://learn.example.org:8443', host: 'learn.example.org', sessionSecret: null },
      true,
    ],
    ['the opaque origin "null"', { origin: 'null', host: 'learn.example.org', sessionSecret: cookie }, true],
    [
      'a non-web scheme',
      { origin: 'file://learn.example.org', host: 'learn.example.org', sessionSecret: null },
      true,
    ],
    ['no origin with a cookie', { origin: null, host: 'learn.example.org', sessionSecret: cookie }, true],
    [
      'no origin and no cookie (a script)',
      { origin: null, host: 'learn.example.org', sessionSecret: null },
      false,
    ],
  ])('%s → refused: %s', (_label, request, refused) => {
    expect(isCrossSiteMutation(request, publicUrl)).toBe(refused);
  });
});
