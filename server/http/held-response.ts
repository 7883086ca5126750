/**
 * Holds back what a handler writes to a Node response until it ends, so the whole body
 * can be compressed in one call or stored in the page cache. Whether to hold is decided
 * at the first write, when the status and headers are known; a response that is not
 * held (a file, a refusal sent with writeHead, a jsonl stream) goes out untouched.
 */
import type { ServerResponse } from 'node:http';

type Callback = (error?: Error | null) => void;
type Write = ServerResponse['write'];
type End = ServerResponse['end'];

function bufferOf(chunk: unknown, encoding: unknown): Buffer | null {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return null;
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('a response chunk must be a string or bytes');
}

function callbackOf(args: unknown[]): Callback | undefined {
  const last = args.findLast((arg) => typeof arg === 'function');
  return last as Callback | undefined;
}

export interface HoldOptions {
  /** Asked once, at the first write or end: hold this response? */
  shouldHold(): boolean;
  /** Gets the whole body once the handler ends; must end `res` itself. */
  finish(body: Buffer): void;
}

export function holdResponse(res: ServerResponse, options: HoldOptions): void {
  const write = res.write;
  const end = res.end;
  const chunks: Buffer[] = [];
  let holding: boolean | null = null;
  const release = () => {
    res.write = write;
    res.end = end;
  };
  const isHolding = () => {
    if (holding === null) {
      holding = !res.headersSent && options.shouldHold();
      if (!holding) release();
    }
    return holding;
  };

  res.write = function heldWrite(this: ServerResponse, ...args: unknown[]): boolean {
    if (!isHolding()) return Reflect.apply(write, res, args) as boolean;
    const [chunk, encoding] = args;
    const bytes = bufferOf(chunk, encoding);
    if (bytes) chunks.push(bytes);
    const callback = callbackOf(args.slice(1));
    if (callback) process.nextTick(callback);
    return true;
  } as Write;

  res.end = function heldEnd(this: ServerResponse, ...args: unknown[]): ServerResponse {
    if (!isHolding()) return Reflect.apply(end, res, args) as ServerResponse;
    const [chunk, encoding] = args;
    const bytes = bufferOf(chunk, encoding);
    if (bytes) chunks.push(bytes);
    const callback = callbackOf(args);
    if (callback) res.once('finish', () => callback());
    release();
    options.finish(Buffer.concat(chunks));
    return res;
  } as End;
}
