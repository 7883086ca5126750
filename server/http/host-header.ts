/**
 * Whether a Host header is a host name or address with an optional port, as RFC 9110
 * allows. Anything else (`a b`, `[::1`, `%zz`, `evil.example:99999`, userinfo such as
 * `127.0.0.1:3201@evil.example`) is refused with 400 before any handler builds a URL
 * from it. Aurora never trusts the Host for decisions (the public URL is configured);
 * this only keeps a malformed one from reaching code that parses it.
 */
const HOST_SHAPE = /^(?:\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::[0-9]{1,5})?$/i;

export function isWellFormedHost(host: string): boolean {
  if (!HOST_SHAPE.test(host)) return false;
  try {
    // The shape check lets `[1::2::3]` and port 99999 through; URL's parser does not.
    return new URL(`http://${host}`).hostname.length > 0;
  } catch {
    return false;
  }
}
