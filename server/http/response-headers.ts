import type { ServerResponse } from 'node:http';

/**
 * The `responseHeaders` handed to procedures called from pages: every change is
 * mirrored onto the Node response at once. Remix writes its headers only after loaders
 * and actions finish, so what a procedure sets (Set-Cookie) goes out with the page,
 * the data request or the resource route alike.
 *
 * Setting a header here *replaces* a server-wide default of the same name, which is
 * how a route deliberately changes a security header (the video embed page's CSP).
 * Headers on a route's returned Response are *added* to the defaults instead, so they
 * can only tighten them.
 */
export class NodeResponseHeaders extends Headers {
  readonly #res: ServerResponse;

  constructor(res: ServerResponse) {
    super();
    this.#res = res;
  }

  override append(name: string, value: string): void {
    super.append(name, value);
    this.#mirror(name);
  }

  override set(name: string, value: string): void {
    super.set(name, value);
    this.#mirror(name);
  }

  override delete(name: string): void {
    super.delete(name);
    this.#mirror(name);
  }

  #mirror(name: string): void {
    if (this.#res.headersSent) {
      // Only possible from a deferred (streamed) loader promise; the header cannot be sent.
      console.warn(`response header "${name}" was set after the response started; it is dropped`);
      return;
    }
    const value = name.toLowerCase() === 'set-cookie' ? this.getSetCookie() : this.get(name);
    if (value === null || value.length === 0) this.#res.removeHeader(name);
    else this.#res.setHeader(name, value);
  }
}
