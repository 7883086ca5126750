import { describe, expect, it } from 'vitest';
import { isWellFormedHost } from './host-header';

describe('isWellFormedHost', () => {
  it.each([
    'localhost:3000',
    '127.0.0.1',
    '[::1]:8080',
    'learn.example.org',
    'Example.ORG:443',
    'a_b.example',
  ])('accepts %s', (host) => expect(isWellFormedHost(host)).toBe(true));

  it.each([
    'a b',
    '[::1',
    '%zz',
    'evil.example:99999',
    '127.0.0.1:3201@evil.example',
    'a/b',
    'a?b',
    'a#b',
    '',
    ' learn.example.org',
    'é.example',
    '[1::2::3]',
    'host:',
  ])('refuses %j', (host) => expect(isWellFormedHost(host)).toBe(false));
});
