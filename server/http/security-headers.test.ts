import { describe, expect, it } from 'vitest';
import { createNonce, securityHeadersFor } from './security-headers';

const http = new URL('http://localhost:3000');
const https = new URL('https://school.example');

function headerMap(entries: [string, string][]): Record<string, string> {
  return Object.fromEntries(entries);
}

describe('security headers', () => {
  it('put the request nonce in a strict production policy', () => {
    const headers = headerMap(securityHeadersFor({ mode: 'production', publicUrl: http })('abc123=='));
    const csp = headers['Content-Security-Policy'];
    expect(csp).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc123=='; style-src 'self'; " +
        "img-src 'self' data: https:; frame-src 'self' https://www.youtube-nocookie.com; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
    );
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['X-Frame-Options']).toBe('SAMEORIGIN');
    expect(headers['Permissions-Policy']).toContain('camera=()');
  });

  it('send HSTS only behind an https public URL', () => {
    expect(headerMap(securityHeadersFor({ mode: 'production', publicUrl: http })('n'))).not.toHaveProperty(
      'Strict-Transport-Security',
    );
    expect(
      headerMap(securityHeadersFor({ mode: 'production', publicUrl: https })('n'))[
        'Strict-Transport-Security'
      ],
    ).toMatch(/^max-age=31536000/);
  });

  it('relax only what Vite needs in development', () => {
    const csp = headerMap(securityHeadersFor({ mode: 'development', publicUrl: http })('n'))[
      'Content-Security-Policy'
    ];
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('nonce-');
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
  });
});

describe('CSP nonces', () => {
  it('are 128-bit base64 values, never repeated', () => {
    const nonces = Array.from({ length: 1000 }, createNonce);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
