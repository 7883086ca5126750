import { describe, expect, it } from 'vitest';
import { acceptsEncoding } from './accept-encoding';

describe('acceptsEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br', true],
    ['gzip, deflate, br', 'gzip', true],
    ['gzip', 'br', false],
    ['BR;q=0.5', 'br', true],
    ['br;q=0, gzip', 'br', false],
    ['br; q=0.0', 'br', false],
    ['*', 'br', true],
    ['*;q=0', 'gzip', false],
    ['gzip;q=0, *', 'gzip', false],
    ['identity', 'gzip', false],
    ['x-gzip', 'gzip', true],
    ['', 'gzip', false],
    [undefined, 'br', false],
  ] as const)('%s admits %s: %s', (header, coding, expected) => {
    expect(acceptsEncoding(header, coding)).toBe(expected);
  });
});
