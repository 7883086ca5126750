/**
 * How a page says "visitors may share this one": the catalog, the home page and a course
 * page read the same for everyone signed out, so for a visitor their loader marks the
 * answer shared-cacheable for a second (decision 0032). The server's page cache stores
 * only pages that say so, and only for requests without credentials; a CDN in front may
 * keep them as long. Browsers still ask every time (max-age=0), and Vary keeps a shared
 * cache from answering a signed-in browser with a visitor's page.
 */
import type { AppLoadContext } from '@remix-run/node';

export const VISITOR_CACHE_CONTROL = 'public, max-age=0, s-maxage=1';

/** Marks the response shared-cacheable when nobody is signed in. */
export function shareWithVisitors(context: AppLoadContext): void {
  if (context.signedIn) return;
  context.responseHeaders.set('Cache-Control', VISITOR_CACHE_CONTROL);
  context.responseHeaders.set('Vary', 'Cookie, Authorization');
}
