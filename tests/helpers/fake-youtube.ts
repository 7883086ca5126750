/**
 * A small fake of the YouTube Data API v3 on 127.0.0.1 (a random port), so the client
 * is tested over real HTTP: `GET /youtube/v3/videos` in the real response shape, Google's
 * error body for a wrong key, and thumbnails at `/vi/<id>/<size>.jpg` on the fake's own
 * origin. Only what Aurora asks for is served.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FakeVideo {
  title?: string;
  /** ISO 8601, as the real API gives it (`PT4M13S`). */
  duration?: string;
  privacyStatus?: 'public' | 'unlisted' | 'private';
  embeddable?: boolean;
  /** `processed` by default; `uploaded` while processing, `deleted`, `failed`, `rejected`. */
  uploadStatus?: string;
  /** `none` by default; `live` or `upcoming` for streams. */
  liveBroadcastContent?: string;
}

export interface FakeYouTube {
  /** The API root, `http://127.0.0.1:<port>/youtube/v3`. */
  baseUrl: string;
  origin: string;
  /** Every path and query asked for, in order, with the API key redacted. */
  requests: string[];
  /** The videos served; change them between requests as a test needs. */
  videos: Record<string, FakeVideo>;
  close(): Promise<void>;
}

export interface FakeYouTubeOptions {
  apiKey: string;
  videos: Record<string, FakeVideo>;
  /** Delays every answer, to exercise timeouts. */
  delayMs?: number;
  /** Answers every API request with this status and Google's error body (e.g. 503, or 403 for a spent quota). */
  failStatus?: number;
}

const THUMBNAIL_SIZES = {
  default: { width: 120, height: 90 },
  mqdefault: { width: 320, height: 180 },
  hqdefault: { width: 480, height: 360 },
} as const;
type ThumbnailName = keyof typeof THUMBNAIL_SIZES;

/**
 * The headers of a baseline JPEG and nothing else: SOI, a JFIF APP0 segment, a SOF0
 * frame header carrying the size (3 components), EOI. Enough for detectImageType and
 * imageSizeOf, which read headers only; no image decoder would show it.
 */
export function minimalJpeg(width: number, height: number): Buffer {
  const soi = [0xff, 0xd8];
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  ];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03];
  const components = [0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Buffer.from([...soi, ...app0, 0x00, 0x00, ...sof0, ...components, 0xff, 0xd9]);
}

/** Google's error body, as the real API sends it for a key it does not accept. */
function googleError(code: number, message: string, reason: string, status: string) {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain: 'global', reason }],
      status,
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function videoResource(origin: string, id: string, video: FakeVideo, parts: ReadonlySet<string>) {
  const thumbnails = Object.fromEntries(
    (Object.keys(THUMBNAIL_SIZES) as ThumbnailName[]).map((name) => [
      name === 'default' ? 'default' : name === 'mqdefault' ? 'medium' : 'high',
      { url: `${origin}/vi/${id}/${name}.jpg`, ...THUMBNAIL_SIZES[name] },
    ]),
  );
  return {
    kind: 'youtube#video',
    etag: `etag-${id}`,
    id,
    ...(parts.has('snippet') && {
      snippet: {
        publishedAt: '2024-01-01T00:00:00Z',
        channelId: 'UCfakechannel000000000000',
        title: video.title ?? 'A fake video',
        description: 'Served by the fake YouTube of the tests.',
        thumbnails,
        channelTitle: 'Fake channel',
        categoryId: '27',
        liveBroadcastContent: video.liveBroadcastContent ?? 'none',
      },
    }),
    ...(parts.has('contentDetails') && {
      contentDetails: {
        ...(video.duration !== '' && { duration: video.duration ?? 'PT4M13S' }),
        dimension: '2d',
        definition: 'hd',
        caption: 'false',
        licensedContent: false,
        contentRating: {},
        projection: 'rectangular',
      },
    }),
    ...(parts.has('status') && {
      status: {
        uploadStatus: video.uploadStatus ?? 'processed',
        privacyStatus: video.privacyStatus ?? 'public',
        license: 'youtube',
        embeddable: video.embeddable ?? true,
        publicStatsViewable: true,
        madeForKids: false,
      },
    }),
  };
}

function answer(
  options: FakeYouTubeOptions,
  origin: string,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? '/', origin);
  if (request.method !== 'GET') {
    sendJson(
      response,
      405,
      googleError(405, 'Method not allowed.', 'methodNotAllowed', 'METHOD_NOT_ALLOWED'),
    );
    return;
  }

  if (url.pathname === '/youtube/v3/videos' && options.failStatus) {
    const status = options.failStatus;
    const [message, reason, code] =
      status === 403
        ? [
            'The request cannot be completed because you have exceeded your quota.',
            'quotaExceeded',
            'PERMISSION_DENIED',
          ]
        : ['The service is currently unavailable.', 'backendError', 'UNAVAILABLE'];
    sendJson(response, status, googleError(status, message, reason, code));
    return;
  }

  if (url.pathname === '/youtube/v3/videos') {
    if (url.searchParams.get('key') !== options.apiKey) {
      const message = 'API key not valid. Please pass a valid API key.';
      sendJson(response, 400, googleError(400, message, 'badRequest', 'INVALID_ARGUMENT'));
      return;
    }
    const parts = new Set((url.searchParams.get('part') ?? '').split(',').filter(Boolean));
    const ids = (url.searchParams.get('id') ?? '').split(',').filter(Boolean);
    if (parts.size === 0 || ids.length === 0) {
      const message = "No filter selected. Expected one of: id, chart, myRated, idParam'.";
      sendJson(response, 400, googleError(400, message, 'missingRequiredParameter', 'INVALID_ARGUMENT'));
      return;
    }
    const items = ids.flatMap((id) => {
      const video = options.videos[id];
      return video ? [videoResource(origin, id, video, parts)] : [];
    });
    sendJson(response, 200, {
      kind: 'youtube#videoListResponse',
      etag: 'etag-list',
      items,
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
    });
    return;
  }

  const thumbnail = /^\/vi\/([A-Za-z0-9_-]{11})\/(default|mqdefault|hqdefault)\.jpg$/.exec(url.pathname);
  if (thumbnail?.[1] && options.videos[thumbnail[1]]) {
    const size = THUMBNAIL_SIZES[thumbnail[2] as ThumbnailName];
    const body = minimalJpeg(size.width, size.height);
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
    response.end(body);
    return;
  }

  sendJson(response, 404, googleError(404, 'Not Found', 'notFound', 'NOT_FOUND'));
}

export async function startFakeYouTube(options: FakeYouTubeOptions): Promise<FakeYouTube> {
  const requests: string[] = [];
  let origin = '';
  const server = createServer((request, response) => {
    requests.push((request.url ?? '').replace(/([?&]key=)[^&]*/g, '$1REDACTED'));
    const delay = options.delayMs ?? 0;
    void (delay > 0 ? sleep(delay) : Promise.resolve()).then(() => {
      if (!response.destroyed) answer(options, origin, request, response);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/youtube/v3`,
    origin,
    requests,
    videos: options.videos,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A delayed answer still pending must not hold the close open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
