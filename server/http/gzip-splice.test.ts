/** The spliced gzip bodies the page cache serves decode, whatever value fills the slots, to the text they stand for. */
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipWith, joined, spliceable } from './gzip-splice';

const SLOT = 'p0bTnQm6bXh3AGPVu1Ua5A==';

describe('gzip with a spliced value', () => {
  it('decodes to the text with the new value in every slot', () => {
    const text = Buffer.from(
      `<script nonce="${SLOT}">a</script>${'<p>card</p>'.repeat(500)}<script nonce="${SLOT}">b</script>${SLOT}`,
    );
    const spliced = spliceable(text, SLOT, 4);
    expect(spliced.pieces).toHaveLength(4);
    for (let round = 0; round < 20; round++) {
      const value = randomBytes(16).toString('base64');
      const expected = text.toString().split(SLOT).join(value);
      expect(gunzipSync(gzipWith(spliced, value)).toString()).toBe(expected);
      expect(joined(spliced, value).toString()).toBe(expected);
    }
  });

  it('handles a text without a slot, an empty text, and binary pieces', () => {
    for (const text of [Buffer.from('no slot here'), Buffer.alloc(0), randomBytes(70_000)]) {
      const spliced = spliceable(text, SLOT, 6);
      expect(gunzipSync(gzipWith(spliced, 'other')).equals(text)).toBe(true);
    }
  });

  it('decodes a text with NUL bytes of its own, and refuses a value of another length', () => {
    const text = Buffer.concat([Buffer.from(`a\u0000b${SLOT}`), Buffer.alloc(40), Buffer.from(`${SLOT}c`)]);
    const spliced = spliceable(text, SLOT, 9);
    const value = randomBytes(16).toString('base64');
    expect(
      gunzipSync(gzipWith(spliced, value)).equals(
        Buffer.from(text.toString('latin1').split(SLOT).join(value), 'latin1'),
      ),
    ).toBe(true);
    expect(() => gzipWith(spliced, 'short')).toThrow(/as long as the slot/);
  });

  it('keeps the compressed form small', () => {
    const text = Buffer.from(
      `${'<li class="course-card">Joins and indexes</li>'.repeat(400)}${SLOT}<p>end</p>`,
    );
    expect(gzipWith(spliceable(text, SLOT, 4), SLOT).length).toBeLessThan(text.length / 10);
  });
});
