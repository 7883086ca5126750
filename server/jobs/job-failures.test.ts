import { describe, expect, it } from 'vitest';
import { payloadExcerpt } from './job-failures';

describe('payloadExcerpt', () => {
  it('keeps what helps find the row and hides credentials and video ids', () => {
    const excerpt = payloadExcerpt({
      $id: 'l1',
      title: 'Lesson',
      videoId: 'v1:encrypted',
      tokenHash: 'abc',
      nested: { password: 'pw', sessionSecret: 's', note: null, passwordResetAt: null },
    });
    expect(JSON.parse(excerpt)).toEqual({
      $id: 'l1',
      title: 'Lesson',
      videoId: '[redacted]',
      tokenHash: '[redacted]',
      nested: { password: '[redacted]', sessionSecret: '[redacted]', note: null, passwordResetAt: null },
    });
  });

  it('fits its column and never throws', () => {
    expect(payloadExcerpt({ text: 'x'.repeat(5000) })).toHaveLength(1000);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(payloadExcerpt(cyclic)).toBe('(payload not serialisable)');
    expect(payloadExcerpt(undefined)).toBe('undefined');
  });
});
