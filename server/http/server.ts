/**
 * The HTTP server. Per request, in order:
 *  1. security headers (with a fresh CSP nonce) on every response;
 *  2. /api/trpc → tRPC's Node adapter, ahead of Express and Remix (the API's hot path);
 *  3. /healthz → the `health` procedure as JSON;
 *  4. /avatars/:fileId → avatar images from the user-uploads bucket;
 *     /thumbnails/:fileId → course thumbnails; /files/lessons/:lessonId/:attachmentId →
 *     lesson attachments, access checked on every request;
 *     /api/video/player/:lessonId → a token for the viewer, then a redirect to
 *     /api/video/secure-embed/:token → the one-time video page (DESIGN §6);
 *  5. Express: static files (precompressed, immutable hashed assets), then Remix pages.
 */
import type { ServerBuild } from '@remix-run/node';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppServices } from '../trpc/context';
import { ATTACHMENT_PATH, createAttachmentHandler } from './attachment-handler';
import { AVATAR_PATH, createAvatarHandler } from './avatar-handler';
import { createExpressApp } from './express-app';
import { createHealthHandler } from './health-handler';
import { createRemixHandler } from './remix-handler';
import { rememberNonce } from './request-nonce';
import { createNonce, securityHeadersFor, type ServerMode } from './security-headers';
import { createStaticFiles } from './static-files';
import { createThumbnailHandler, THUMBNAIL_PATH } from './thumbnail-handler';
import { createTrpcHandler, TRPC_PATH } from './trpc-handler';
import {
  createVideoEmbedHandler,
  createVideoPlayerHandler,
  EMBED_PATH,
  PLAYER_PATH,
} from './video-embed-handler';
import { startViteDev } from './vite-dev';

export interface HttpServerOptions {
  mode: ServerMode;
  /** Where `remix vite:build` wrote its output; defaults to ./build. */
  buildDir?: string;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

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

export async function createHttpServer(services: AppServices, options: HttpServerOptions): Promise<Server> {
  const { mode } = options;
  const buildDir = resolve(options.buildDir ?? 'build');
  const server = createServer();

  const trpc = createTrpcHandler(services);
  const health = createHealthHandler(services);
  const avatars = createAvatarHandler(services);
  const thumbnails = createThumbnailHandler(services);
  const attachments = createAttachmentHandler(services);
  const videoEmbeds = createVideoEmbedHandler(services);
  const videoPlayers = createVideoPlayerHandler(services);
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
    const build = await loadProductionBuild(buildDir);
    app = createExpressApp({
      services,
      files: await createStaticFiles(resolve(buildDir, 'client')),
      pages: createRemixHandler({ services, build, mode }),
    });
  }

  const securityHeaders = securityHeadersFor({ mode, publicUrl: services.env.publicUrl });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const nonce = createNonce();
    rememberNonce(req, nonce);
    for (const [name, value] of securityHeaders(nonce)) res.setHeader(name, value);

    const path = pathnameOf(req.url);
    if (path === TRPC_PATH || path.startsWith(`${TRPC_PATH}/`)) return trpc(req, res);
    if (path === '/healthz') return void health(req, res);
    if (path.startsWith(AVATAR_PATH)) return void avatars(req, res, path);
    if (path.startsWith(THUMBNAIL_PATH)) return void thumbnails(req, res, path);
    if (path.startsWith(ATTACHMENT_PATH)) return void attachments(req, res, path);
    if (path.startsWith(EMBED_PATH)) return void videoEmbeds(req, res, path);
    if (path.startsWith(PLAYER_PATH)) return void videoPlayers(req, res, path);
    app(req, res);
  });
  return server;
}
