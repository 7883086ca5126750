import { describe, expect, it } from 'vitest';
import { rememberCleanedCopies } from './display-cache';

function counted() {
  const calls: string[] = [];
  const clean = (raw: string) => {
    calls.push(raw);
    return raw.toUpperCase();
  };
  return { calls, clean };
}

describe('remembered cleaned copies', () => {
  it('cleans a text once and answers the same copy after', () => {
    const { calls, clean } = counted();
    const copies = rememberCleanedCopies(clean, 100);
    expect(copies.cleaned('<p>a</p>')).toBe('<P>A</P>');
    expect(copies.cleaned('<p>a</p>')).toBe('<P>A</P>');
    expect(calls).toEqual(['<p>a</p>']);
  });

  it('lets the least recently shown text go first when over budget', () => {
    const { calls, clean } = counted();
    // Each entry holds 2 × 10 characters: the budget keeps four.
    const copies = rememberCleanedCopies(clean, 80);
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((letter) => letter.repeat(10)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    for (const text of [a, b, c, d]) copies.cleaned(text);
    copies.cleaned(a); // a is now the most recent
    copies.cleaned(e); // b goes
    calls.length = 0;
    for (const text of [a, c, d, e]) copies.cleaned(text);
    expect(calls).toEqual([]);
    copies.cleaned(b);
    expect(calls).toEqual([b]);
  });

  it('does not keep a text larger than a quarter of the budget', () => {
    const { calls, clean } = counted();
    const copies = rememberCleanedCopies(clean, 40);
    const large = 'x'.repeat(6); // 12 characters held, over a quarter of 40
    copies.cleaned(large);
    copies.cleaned(large);
    expect(calls).toEqual([large, large]);
  });
});
