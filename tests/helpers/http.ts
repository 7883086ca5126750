/** The real tRPC endpoint on 127.0.0.1 and a random port: what scripts and browsers talk to. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import superjson from 'superjson';
import { ATTACHMENT_PATH, createAttachmentHandler } from '../../server/http/attachment-handler';
import { createAvatarHandler, AVATAR_PATH } from '../../server/http/avatar-handler';
import { createThumbnailHandler, THUMBNAIL_PATH } from '../../server/http/thumbnail-handler';
import { rememberNonce } from '../../server/http/request-nonce';
import { createNonce } from '../../server/http/security-headers';
import { createTrpcHandler } from '../../server/http/trpc-handler';
import {
  createVideoEmbedHandler,
  createVideoPlayerHandler,
  EMBED_PATH,
  PLAYER_PATH,
} from '../../server/http/video-embed-handler';
import type { AppServices } from '../../server/trpc/context';

export interface RunningApi {
  /** e.g. `http://127.0.0.1:41234` */
  base: string;
  close(): Promise<void>;
}

/**
 * Serves /api/trpc, /avatars, /thumbnails, /files/lessons and the video routes (the pages
 * need a production build; these do not).
 */
export async function startApi(services: AppServices): Promise<RunningApi> {
  const trpc = createTrpcHandler(services);
  const avatars = createAvatarHandler(services);
  const thumbnails = createThumbnailHandler(services);
  const attachments = createAttachmentHandler(services);
  const videoEmbeds = createVideoEmbedHandler(services);
  const videoPlayers = createVideoPlayerHandler(services);
  const server = createServer((req, res) => {
    rememberNonce(req, createNonce());
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (path.startsWith(EMBED_PATH)) return void videoEmbeds(req, res, path);
    if (path.startsWith(PLAYER_PATH)) return void videoPlayers(req, res, path);
    if (path.startsWith(AVATAR_PATH)) void avatars(req, res, path);
    else if (path.startsWith(THUMBNAIL_PATH)) void thumbnails(req, res, path);
    else if (path.startsWith(ATTACHMENT_PATH)) void attachments(req, res, path);
    else trpc(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Calls a mutation the way @trpc/client does without batching. */
export function postProcedure(
  base: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${base}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  });
}

export function getProcedure(base: string, path: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/trpc/${path}`, { headers });
}

/** The procedure's answer, or its error's code and message. */
export async function readProcedure(response: Response): Promise<unknown> {
  const body = (await response.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: { json: { message: string; data: { code: string } } };
  };
  if (body.result) return superjson.deserialize(body.result.data);
  return { code: body.error?.json.data.code, message: body.error?.json.message };
}
