/**
 * Renders pages. Every inline script Remix writes (hydration data, scroll restoration,
 * streamed loader data) carries the request's CSP nonce from the load context.
 *
 * A page is sent whole, once React has rendered all of it: Aurora's loaders finish
 * before rendering starts, so streaming the shell early gained nothing a reader could
 * see, and cost a stream per chunk in three shapes (React's, a web stream, the socket).
 * A whole document is also what the HTTP layer can compress cheaply and give a
 * Content-Length (decision 0036).
 */
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { Writable } from 'node:stream';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceContext } from '~/lib/nonce';

/**
 * What Remix reports as a failure. Its own refusals (405 for a route without an action,
 * 404 for no route) are the client's doing and are not logged; a request the client
 * gave up on, or that the server cut off (a body past its limit), is not either.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs): void {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}

/** How long streamed (deferred) data may take before the page is finished without it. */
export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;

  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    const errors: unknown[] = [];
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    document.on('finish', () => {
      clearTimeout(deadline);
      // Errors inside the page are already on their way to an ErrorBoundary; logged once here.
      for (const error of errors) console.error(error);
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
      resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status }));
    });
    // A little longer than streamTimeout so pending promises reject before React gives up;
    // cleared when the page is done, so a finished page holds nothing for those seconds.
    const deadline = setTimeout(() => render.abort(), streamTimeout + 1_000);
    const render = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          render.pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(deadline);
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          errors.push(error);
        },
      },
    );
  });
}
