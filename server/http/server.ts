/**
 * The HTTP server. Per request, in order:
 *  1. security headers (with a fresh CSP nonce) on every response;
 *  2. the request gate (request-gate.ts): method, Host, origin, content type and body
 *     limit, refused with 4xx before any handler reads a byte;
 *  3. /api/trpc, ahead of Express and Remix (the API's hot path): a single call (GET of a
 *     query, POST of a JSON mutation) on the lean path (trpc-single-call.ts, decision
 *     0037), everything else (batches, other content types, odd URLs) → tRPC's adapter;
 *  4. /healthz → the `health` procedure as JSON;
 *  5. /avatars/:fileId → avatar images from the user-uploads bucket;
 *     /thumbnails/:fileId → course thumbnails; /files/lessons/:lessonId/:attachmentId →
 *     lesson attachments, access checked on every request;
 *     /api/video/player/:lessonId → a token for the viewer, then a redirect to
 *     /api/video/secure-embed/:token → the one-time video page (DESIGN §6);
 *     /api/mail/preview/:messageId → a stored mail's HTML, for admins (strict CSP);
 *  6. Express: static files (precompressed, immutable hashed assets), then Remix pages,
 *     behind the visitors' page cache (page-cache.ts).
 * Pages and API answers are compressed whole once written (compression.ts, decision 0032).
 */
import type { ServerBuild } from '@remix-run/node';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppServices } from '../services/scope';
import { ATTACHMENT_PATH, createAttachmentHandler } from './attachment-handler';
import { AVATAR_PATH, createAvatarHandler } from './avatar-handler';
import { FORM_BODY_LIMIT, SIGNED_IN_BODY_LIMIT, UPLOAD_BODY_LIMIT } from './body-limits';
import { createExpressApp } from './express-app';
import { createHealthHandler } from './health-handler';
import { compressWhenDone } from './compression';
import { createMailPreviewHandler, MAIL_PREVIEW_PATH } from './mail-preview-handler';
import { createPageCache, type PageCache } from './page-cache';
import { sendRefusal } from './refusal-response';
import { createRemixHandler } from './remix-handler';
import { rememberRouteMatches } from './route-matching';
import { commonRefusal, createRequestGate, rememberBodyLimit, type GateResult } from './request-gate';
import { rememberNonce } from './request-nonce';
import { createNonce, securityHeadersFor, type ServerMode } from './security-headers';
import { createStaticFiles } from './static-files';
import { createThumbnailHandler, THUMBNAIL_PATH } from './thumbnail-handler';
import { createTrpcHandler, procedurePathsOf, TRPC_PATH, trpcHooks } from './trpc-handler';
import { createSingleCallHandler } from './trpc-single-call';
import {
  createVideoEmbedHandler,
  createVideoPlayerHandler,
  EMBED_PATH,
  PLAYER_PATH,
} from './video-embed-handler';
import { startViteDev } from './vite-dev';

export interface ListenerOptions {
  /** The visitors' page cache; one per listener unless a test brings its own (with its clock). */
  pageCache?: PageCache;
  /**
   * Who serves single tRPC calls: the lean path (the default) or tRPC's adapter, the
   * reference the differential test (trpc-single-call.test.ts) compares it with.
   */
  singleTrpcCalls?: 'lean' | 'adapter';
}

export interface HttpServerOptions {
  mode: ServerMode;
  /** Where `remix vite:build` wrote its output; defaults to ./build. */
  buildDir?: string;
}

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type RawRoute = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

async function loadProductionBuild(buildDir: string): Promise<ServerBuild> {
  const entry = resolve(buildDir, 'server/index.js');
  const build = (await import(pathToFileURL(entry).href).catch((error: unknown) => {
    throw new Error(`Aurora's production build is missing (${entry}): run \`npm run build\` first`, {
      cause: error,
    });
  })) as ServerBuild;
  return build;
}

function pathnameOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0];
  return path || '/';
}

/**
 * Everything but the pages: the gate, the API, the health check, files and video
 * routes; `pages` gets the rest. Tests serve the same listener with pages of their own.
 */
export function createRequestListener(
  services: AppServices,
  mode: ServerMode,
  pages: Listener,
  options: ListenerOptions = {},
): Listener {
  const gate = createRequestGate(services);
  const pageCache = options.pageCache ?? createPageCache();
  // One tRPC handler per body limit the gate can choose.
  const hooks = trpcHooks(services);
  const trpcHandler = (maxBodySize: number) => {
    const fallback = createTrpcHandler(hooks, { maxBodySize });
    return options.singleTrpcCalls === 'adapter'
      ? fallback
      : createSingleCallHandler(hooks, { maxBodySize, fallback });
  };
  const trpcForForms = trpcHandler(FORM_BODY_LIMIT);
  const trpcForSignedIn = trpcHandler(SIGNED_IN_BODY_LIMIT);
  const trpcForUploads = trpcHandler(UPLOAD_BODY_LIMIT);
  const trpcFor = (limit: number) =>
    limit > SIGNED_IN_BODY_LIMIT ? trpcForUploads : limit > FORM_BODY_LIMIT ? trpcForSignedIn : trpcForForms;
  const health = createHealthHandler(services);
  const rawRoutes: [prefix: string, handler: RawRoute][] = [
    [AVATAR_PATH, createAvatarHandler(services)],
    [THUMBNAIL_PATH, createThumbnailHandler(services)],
    [ATTACHMENT_PATH, createAttachmentHandler(services)],
    [EMBED_PATH, createVideoEmbedHandler(services)],
    [PLAYER_PATH, createVideoPlayerHandler(services)],
    [MAIL_PREVIEW_PATH, createMailPreviewHandler(services)],
  ];
  const securityHeaders = securityHeadersFor({ mode, publicUrl: services.env.publicUrl });

  /** Runs `serve` once the gate lets the request through; answers the refusal otherwise. */
  const through = (
    req: IncomingMessage,
    res: ServerResponse,
    surface: 'api' | 'page',
    decision: Promise<GateResult>,
    serve: (bodyLimit: number) => void,
  ) => {
    decision.then(
      (result) =>
        'refusal' in result ? sendRefusal(req, res, surface, result.refusal) : serve(result.bodyLimit),
      (error: unknown) => {
        // Only the sign-in check behind a large body can fail here (backend down).
        console.error('request gate failed:', error);
        if (!res.headersSent) res.writeHead(503, { 'Retry-After': '5', Connection: 'close' });
        res.end();
      },
    );
  };

  return (req, res) => {
    const nonce = createNonce();
    rememberNonce(req, nonce);
    for (const [name, value] of securityHeaders(nonce)) res.setHeader(name, value);

    const path = pathnameOf(req.url);
    const isApi = path === TRPC_PATH || path.startsWith(`${TRPC_PATH}/`);
    const refusal = commonRefusal(req);
    if (refusal) return sendRefusal(req, res, isApi ? 'api' : 'page', refusal);

    if (isApi) {
      const procedures = procedurePathsOf(path);
      return through(req, res, 'api', gate.api(req, procedures), (limit) => {
        compressWhenDone(req, res);
        trpcFor(limit)(req, res);
      });
    }
    if (path === '/healthz') return through(req, res, 'api', gate.other(req), () => void health(req, res));
    const raw = rawRoutes.find(([prefix]) => path.startsWith(prefix));
    if (raw) return through(req, res, 'page', gate.other(req), () => void raw[1](req, res, path));
    through(req, res, 'page', gate.page(req, path), (limit) => {
      rememberBodyLimit(req, limit);
      pageCache.serve(req, res, () => pages(req, res));
    });
  };
}

export async function createHttpServer(services: AppServices, options: HttpServerOptions): Promise<Server> {
  const { mode } = options;
  const buildDir = resolve(options.buildDir ?? 'build');
  const server = createServer();

  let app: Listener;
  if (mode === 'development') {
    const { vite, loadBuild } = await startViteDev(server);
    server.on('close', () => void vite.close());
    app = createExpressApp({
      services,
      files: vite.middlewares,
      pages: createRemixHandler({ services, build: loadBuild, mode }),
    });
  } else {
    rememberRouteMatches();
    const build = await loadProductionBuild(buildDir);
    app = createExpressApp({
      services,
      files: await createStaticFiles(resolve(buildDir, 'client')),
      pages: createRemixHandler({ services, build, mode }),
    });
  }
  server.on('request', createRequestListener(services, mode, app));
  return server;
}
