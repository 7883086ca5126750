import type { IncomingMessage } from 'node:http';

/**
 * The CSP nonce chosen for a request, so the page renderer uses the very nonce that is
 * in the response's Content-Security-Policy header. Weakly held: it goes with the request.
 */
const nonces = new WeakMap<IncomingMessage, string>();

export function rememberNonce(req: IncomingMessage, nonce: string): void {
  nonces.set(req, nonce);
}

export function nonceOf(req: IncomingMessage): string {
  const nonce = nonces.get(req);
  if (!nonce) throw new Error('no CSP nonce for this request: security headers must be applied first');
  return nonce;
}
