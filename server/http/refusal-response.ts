/**
 * The answer for a request refused before any handler ran (too large, wrong method,
 * malformed Host, foreign origin, wrong content type, unknown API token): a short page
 * a person can read for pages, tRPC's own error shape for /api/trpc, so @trpc/client
 * reports it like any other error. Nothing is logged: these are the client's mistakes.
 */
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type RefusalStatus = 400 | 401 | 403 | 405 | 413 | 415;

export interface Refusal {
  status: RefusalStatus;
  /** The headline of the page. */
  title: string;
  /** What happened and what to do, in a sentence or two; the API's error message. */
  message: string;
  headers?: Record<string, string>;
}

/** Whether the refused request wanted the API's JSON or a page. */
export type Surface = 'api' | 'page';

const TRPC_CODE: Record<RefusalStatus, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  405: 'METHOD_NOT_SUPPORTED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** The page carries no script and only its own inline style, whatever the site-wide CSP allows. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function pageHtml(refusal: Refusal): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(refusal.title)} · Aurora</title>
<style>
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f6f7fb;color:#141a2e;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:34rem;margin:1.5rem;padding:2rem;background:#fff;border:1px solid #dde1ee;border-radius:12px}
p.status{margin:0 0 .5rem;color:#4a5270;font-size:.875rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
h1{margin:0 0 .75rem;font-size:1.6rem;line-height:1.2}
a{color:#4c3bcf;font-weight:600}
@media (prefers-color-scheme:dark){body{background:#0c1120;color:#e8ecf7}main{background:#151c30;border-color:#2a3350}p.status{color:#aab3cf}a{color:#a99cff}}
</style>
</head>
<body>
<main>
<p class="status">Error ${refusal.status}</p>
<h1>${escapeHtml(refusal.title)}</h1>
<p>${escapeHtml(refusal.message)}</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;
}

function apiJson(refusal: Refusal): string {
  const code = TRPC_CODE[refusal.status];
  // Shaped as server/trpc/init.ts formats errors, under superjson's `json` key.
  return JSON.stringify({
    error: {
      json: {
        message: refusal.message,
        code: TRPC_ERROR_CODES_BY_KEY[code],
        data: { code, httpStatus: refusal.status, path: null, zodIssues: null },
      },
    },
  });
}

/** How long a refused upload may go on arriving (and be thrown away) before the connection is cut. */
const LINGER_MS = 5_000;

/**
 * Answers with the refusal and closes the connection. A body that was not read is
 * discarded as it arrives (closing with unread data would reset the connection and
 * the client might never read the answer), for a few seconds at most; memory stays flat.
 */
export function sendRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  surface: Surface,
  refusal: Refusal,
): void {
  const body = surface === 'api' ? apiJson(refusal) : pageHtml(refusal);
  res.writeHead(refusal.status, {
    ...refusal.headers,
    'Content-Type': surface === 'api' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(surface === 'page' ? { 'Content-Security-Policy': PAGE_CSP } : {}),
    Connection: 'close',
  });
  res.end(req.method === 'HEAD' ? undefined : body, () => {
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
  req.resume();
}
