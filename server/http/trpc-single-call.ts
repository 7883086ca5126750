/**
 * A lean path for single tRPC calls: `GET /api/trpc/<path>?input=…` (a query) and
 * `POST /api/trpc/<path>` with a JSON body (a mutation), served with node:http alone.
 * tRPC's Node adapter turns every request into a fetch `Request` (URL, Headers, an
 * AbortController, a web stream for the body) and its answer back out of a `Response`
 * through another stream; for one call that is more CPU than the procedure itself
 * (docs/decisions/0037). Everything else (batches, other content types, odd URLs,
 * subscriptions, lazy routers) goes to the adapter unchanged.
 *
 * What this path answers must be what the adapter answers, byte for byte: it follows
 * tRPC 11.19's `resolveResponse` step by step (context first, then procedure, method,
 * the call through the procedure's own middleware chain, the error shape, the status,
 * `responseMeta`'s headers) with tRPC's exported functions. trpc-single-call.test.ts
 * sends the same requests both ways and compares; keep it passing on tRPC upgrades.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  transformTRPCResponse,
  TRPCError,
  type AnyProcedure,
  type ProcedureType,
  type TRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { Context } from '../trpc/context';
import { appRouter } from '../trpc/root';
import { TRPC_PATH, type TrpcHooks } from './trpc-handler';

const PREFIX = `${TRPC_PATH}/`;
const config = appRouter._def._config;
/** Procedure names as the routers spell them; anything else (`%`, `,`, `/`) falls back. */
const PROCEDURE_NAME = /^[\w-]+(?:\.[\w-]+)*$/;
/** A query string URL's parser would keep as it is: printable ASCII, no fragment. */
const PLAIN_QUERY = /^[\x21-\x22\x24-\x7e]*$/;
/** tRPC accepts a query by GET and a mutation by POST only (no method override). */
const METHOD_OF: Record<'query' | 'mutation', string> = { query: 'GET', mutation: 'POST' };

interface SingleCall {
  path: string;
  /** `?input=` of a GET, as URLSearchParams decodes it; null when absent. */
  queryInput: string | null;
  /** undefined: no such procedure. */
  procedure: AnyProcedure | undefined;
  type: 'query' | 'mutation' | 'unknown';
}

/** What tRPC's content-type handlers would do with this request's type: json, or not ours. */
function takesJson(req: IncomingMessage): boolean {
  const contentType = req.headers['content-type'];
  if (req.method === 'POST') return contentType?.startsWith('application/json') ?? false;
  // A GET is tRPC's json handler unless its content type names another handler.
  return (
    !contentType?.startsWith('multipart/form-data') && !contentType?.startsWith('application/octet-stream')
  );
}

/** tRPC answers a jsonl accept on a single call with an error; the adapter can say it. */
function asksForStream(req: IncomingMessage): boolean {
  if (req.headers['trpc-accept'] !== undefined) return true;
  return req.headers.accept?.split(',').some((type) => type.trim() === 'application/jsonl') ?? false;
}

/** The call this path serves, or null for anything the adapter must serve. */
function singleCallOf(req: IncomingMessage): SingleCall | null {
  const { method, url } = req;
  if ((method !== 'GET' && method !== 'POST') || !url?.startsWith(PREFIX)) return null;
  if (!takesJson(req) || asksForStream(req)) return null;
  const queryAt = url.indexOf('?');
  const path = url.slice(PREFIX.length, queryAt === -1 ? undefined : queryAt);
  if (!PROCEDURE_NAME.test(path)) return null;
  let queryInput: string | null = null;
  if (queryAt !== -1) {
    const query = url.slice(queryAt + 1);
    if (!PLAIN_QUERY.test(query)) return null;
    // `batch`, `connectionParams` or a second `input` each change what tRPC does.
    for (const [name, value] of new URLSearchParams(query)) {
      if (name !== 'input' || queryInput !== null) return null;
      queryInput = value;
    }
  }
  const { procedures, lazy } = appRouter._def;
  // A null-prototype record, as tRPC builds it: `constructor` is no procedure either.
  const found: unknown = (procedures as Record<string, unknown>)[path];
  if (found === undefined) {
    // A lazy router would be loaded by tRPC first; not here.
    return Object.keys(lazy).length > 0 ? null : { path, queryInput, procedure: undefined, type: 'unknown' };
  }
  if (typeof found !== 'function') return null;
  const procedure = found as AnyProcedure;
  const type: ProcedureType = procedure._def.type;
  if (type === 'subscription') return null;
  return { path, queryInput, procedure, type };
}

/**
 * The body as tRPC's adapter reads it: from the start of the request whether or not the
 * procedure wants it, counted against `maxBodySize` as it arrives.
 */
function readBody(req: IncomingMessage, maxBodySize: number): Promise<Buffer> {
  const body = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodySize) return void chunks.push(chunk);
      stop();
      reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    // A client gone mid-body: nobody will read the answer, but nothing must wait forever.
    const onClose = () => {
      stop();
      reject(new Error('The request closed before its body ended'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
  body.catch(() => undefined); // a procedure that never reads its input never asks
  return body;
}

const utf8 = new TextDecoder();

/** As `Request.json()`: one byte-order mark stripped, then decoded as UTF-8 (which strips another). */
function jsonOf(bytes: Buffer): unknown {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return JSON.parse(utf8.decode(hasBom ? bytes.subarray(3) : bytes));
}

/** tRPC's lazy, remembered input: parse errors become BAD_REQUEST with the parser's message. */
function inputReader(read: () => Promise<unknown>) {
  let promise: Promise<unknown> | null = null;
  let done: { input: unknown } | null = null;
  return {
    getRawInput: () =>
      (promise ??= read().then(
        (input) => {
          done = { input };
          return input;
        },
        (cause: unknown) => {
          if (cause instanceof TRPCError) throw cause;
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: cause instanceof Error ? cause.message : 'Invalid input',
            cause,
          });
        },
      )),
    /** The input once read, for the error shape and onError. */
    result: () => done?.input,
  };
}

function isPromiseLike(value: unknown): boolean {
  return (
    (isObject(value) || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function' &&
    typeof (value as { catch?: unknown }).catch === 'function'
  );
}

/** tRPC refuses to answer a single call with promises or iterables inside. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromiseLike) || values.some(isAsyncIterable);
}

/** Writes the answer as tRPC's `writeResponse` writes a `Response`: lower-case names, sorted. */
function writeAnswer(res: ServerResponse, status: number, headers: Headers, body: string): void {
  if (res.statusCode === 200) res.statusCode = status;
  for (const [name, value] of headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.write(body);
  res.end();
}

export interface SingleCallOptions {
  /** The request gate's body limit for this request. */
  maxBodySize: number;
  /** tRPC's adapter, for everything this path does not serve. */
  fallback: RequestListener;
}

export function createSingleCallHandler(hooks: TrpcHooks, options: SingleCallOptions): RequestListener {
  const { maxBodySize, fallback } = options;

  async function serve(req: IncomingMessage, res: ServerResponse, call: SingleCall): Promise<void> {
    const { path, procedure, type } = call;
    const body = req.method === 'POST' ? readBody(req, maxBodySize) : null;
    const input = inputReader(async () => {
      let raw: unknown;
      if (body) raw = jsonOf(await body);
      else if (call.queryInput) raw = JSON.parse(call.queryInput);
      return raw === undefined ? undefined : config.transformer.input.deserialize(raw);
    });
    const headers = new Headers([['vary', 'trpc-accept, accept']]);

    let ctx: Context | undefined;
    let contextError: TRPCError | undefined;
    try {
      ctx = await hooks.createContext(req);
    } catch (cause) {
      contextError = getTRPCErrorFromUnknown(cause);
    }

    let error: TRPCError | undefined;
    let data: unknown;
    try {
      if (!procedure)
        throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
      if (type === 'unknown' || METHOD_OF[type] !== req.method) {
        throw new TRPCError({
          code: 'METHOD_NOT_SUPPORTED',
          message: `Unsupported ${req.method}-request to ${type} procedure at path "${path}"`,
        });
      }
      if (contextError) throw contextError;
      data = await procedure({
        path,
        getRawInput: input.getRawInput,
        ctx,
        type,
        signal: undefined,
        batchIndex: 0,
      });
    } catch (cause) {
      error = getTRPCErrorFromUnknown(cause);
      hooks.onError({ error, path, input: input.result(), ctx, type, req });
    }

    /** tRPC's `initResponse`: status from the answer, then responseMeta's headers appended. */
    const statusWithMeta = (answer: TRPCResponse | TRPCResponse[], errors: TRPCError[]) => {
      const status = getHTTPStatusCode(answer);
      for (const [name, value] of hooks.responseMeta({ ctx, errors }).headers.entries())
        headers.append(name, value);
      return status;
    };

    let status: number;
    let text: string;
    try {
      headers.set('content-type', 'application/json');
      if (isDataStream(data)) {
        throw new TRPCError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
        });
      }
      const answer: TRPCResponse = error
        ? { error: getErrorShape({ config, ctx, error, input: input.result(), path, type }) }
        : { result: { data } };
      status = statusWithMeta([answer], error ? [error] : []);
      text = JSON.stringify(transformTRPCResponse(config, answer));
    } catch (cause) {
      // As tRPC's outer catch: the error of the whole request, without path or input.
      const failure = getTRPCErrorFromUnknown(cause);
      hooks.onError({ error: failure, path: undefined, input: undefined, ctx, type, req });
      const answer: TRPCResponse = {
        error: getErrorShape({ config, ctx, error: failure, input: undefined, path: undefined, type }),
      };
      text = JSON.stringify(transformTRPCResponse(config, answer));
      status = statusWithMeta(answer, [failure]);
    }
    writeAnswer(res, status, headers, text);
  }

  return (req, res) => {
    const call = singleCallOf(req);
    if (!call) return fallback(req, res);
    serve(req, res, call).catch((error: unknown) => {
      console.error('tRPC single call failed:', error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}
