import { createContext, useContext } from 'react';

/**
 * The request's CSP nonce, provided by entry.server while rendering. In the browser it
 * is empty: scripts added after hydration are Remix's own module imports, allowed by
 * 'self', and browsers hide nonce values from the DOM anyway.
 */
export const NonceContext = createContext('');

export function useNonce(): string {
  return useContext(NonceContext);
}
