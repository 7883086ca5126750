export type ContentCoding = 'br' | 'gzip';

/**
 * Whether a request's Accept-Encoding admits `coding`. Honours q-values, so
 * `br;q=0` refuses Brotli and `*` admits anything not named (RFC 9110 §12.5.3).
 */
export function acceptsEncoding(header: string | undefined, coding: ContentCoding): boolean {
  if (!header) return false;
  let wildcard: number | null = null;
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    const q = qualityOf(params);
    if (name === coding || (coding === 'gzip' && name === 'x-gzip')) return q > 0;
    if (name === '*') wildcard = q;
  }
  return wildcard !== null && wildcard > 0;
}

function qualityOf(params: string[]): number {
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() === 'q') {
      const q = Number(value?.trim());
      return Number.isFinite(q) ? q : 0;
    }
  }
  return 1;
}
