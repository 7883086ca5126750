/**
 * The YouTube Data API v3, for what a lesson needs to know about a video before it is
 * attached: that it exists, can be embedded by anyone holding the link, has finished
 * processing and is not a live stream; plus its title, duration and thumbnail.
 *
 * Everything YouTube answers is data from outside, checked with zod. Every failure is a
 * `problem` with a reason for the instructor; reasons are constant texts, so they never
 * carry the video ID or the API key (both end up in logs and responses otherwise).
 */
import { z } from 'zod';
import { detectImageType } from '../identity/image-type';
import { VIDEO_ID_PATTERN } from './youtube-link';

export interface YouTubeApiConfig {
  apiKey: string;
  /** e.g. `https://www.googleapis.com/youtube/v3`, without a trailing slash. */
  baseUrl: string;
}

export interface VideoMetadata {
  title: string;
  durationSeconds: number;
  thumbnailUrl: string | null;
}

export type MetadataProblem =
  'not_found' | 'private' | 'not_embeddable' | 'not_processed' | 'live' | 'unreachable' | 'rejected_key';

export type MetadataResult =
  { ok: true; video: VideoMetadata } | { ok: false; problem: MetadataProblem; reason: string };

export const DEFAULT_TIMEOUT_MS = 5000;
/** Thumbnails are JPEGs of a few tens of KiB; anything near this is not one. */
export const MAX_THUMBNAIL_BYTES = 1024 * 1024;
const THUMBNAIL_HOST = 'i.ytimg.com';

const REASONS: Record<MetadataProblem, string> = {
  not_found: 'YouTube has no video with this link: it may have been deleted.',
  private:
    'This video is private, so students could not watch it. In YouTube Studio, set its visibility to Unlisted (or Public) and try again.',
  not_embeddable:
    'This video may not be played outside YouTube. In YouTube Studio, open its details and allow embedding, then try again.',
  not_processed: 'YouTube is still processing this video. Try again once it has finished.',
  live: 'This is a live stream or a scheduled premiere; only videos that have finished streaming can be used.',
  unreachable: 'YouTube could not be reached just now. Try again in a minute.',
  rejected_key:
    'YouTube refused the API key Aurora uses to check videos. An administrator should check YOUTUBE_API_KEY (that it is valid, has the YouTube Data API enabled and has quota left).',
};

const fail = (problem: MetadataProblem): MetadataResult => ({ ok: false, problem, reason: REASONS[problem] });

const thumbnailSchema = z.object({ url: z.string() });
const videoSchema = z.object({
  id: z.string(),
  snippet: z.object({
    title: z.string(),
    thumbnails: z
      .object({
        default: thumbnailSchema.optional(),
        medium: thumbnailSchema.optional(),
        high: thumbnailSchema.optional(),
      })
      .optional(),
    liveBroadcastContent: z.string().optional(),
  }),
  contentDetails: z.object({ duration: z.string().optional() }).optional(),
  status: z.object({
    uploadStatus: z.string().optional(),
    privacyStatus: z.string().optional(),
    embeddable: z.boolean().optional(),
  }),
});
const listSchema = z.object({ items: z.array(videoSchema) });
/** Google's error body: `{ "error": { "code", "message", "errors": [...] } }`. */
const errorSchema = z.object({ error: z.object({ code: z.number(), message: z.string().optional() }) });

const GONE_UPLOADS = new Set(['rejected', 'deleted', 'failed']);
const LIVE_CONTENT = new Set(['live', 'upcoming']);

/**
 * Seconds in an ISO 8601 duration as YouTube writes them (`PT1H2M3S`, `P1DT2H`,
 * `PT0S`). Years and months have no fixed length and YouTube does not use them: refused.
 */
export function parseIsoDuration(value: string): number | null {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  const total =
    (weeks ?? 0) * 604800 + (days ?? 0) * 86400 + (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0);
  return Number.isSafeInteger(total) ? total : null;
}

function describe(item: z.infer<typeof videoSchema>): MetadataResult {
  const { snippet, status } = item;
  if (status.uploadStatus && GONE_UPLOADS.has(status.uploadStatus)) return fail('not_found');
  if (status.privacyStatus === 'private') return fail('private');
  if (status.embeddable === false) return fail('not_embeddable');
  if (snippet.liveBroadcastContent && LIVE_CONTENT.has(snippet.liveBroadcastContent)) return fail('live');
  if (status.uploadStatus === 'uploaded') return fail('not_processed');
  const durationSeconds = parseIsoDuration(item.contentDetails?.duration ?? '');
  // A finished upload always has a length; none (or P0D) means YouTube is not done with it.
  if (durationSeconds === null || durationSeconds === 0) return fail('not_processed');
  const thumbnails = snippet.thumbnails;
  const thumbnail = thumbnails?.high ?? thumbnails?.medium ?? thumbnails?.default;
  return { ok: true, video: { title: snippet.title, durationSeconds, thumbnailUrl: thumbnail?.url ?? null } };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * One Data API request. The key is in the URL, so a redirect is never followed anywhere
 * else; null when YouTube cannot be reached in time.
 */
export async function fetchYouTubeApi(url: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Response | null> {
  try {
    return await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return null;
  }
}

export async function fetchVideoMetadata(
  config: YouTubeApiConfig,
  videoId: string,
  options: { timeoutMs?: number } = {},
): Promise<MetadataResult> {
  if (!VIDEO_ID_PATTERN.test(videoId)) return fail('not_found');
  const url =
    `${config.baseUrl}/videos?part=snippet,contentDetails,status` +
    `&id=${encodeURIComponent(videoId)}&key=${encodeURIComponent(config.apiKey)}`;
  const response = await fetchYouTubeApi(url, options.timeoutMs);
  if (!response) return fail('unreachable');
  const body = await readJson(response);
  if (response.status === 400 || response.status === 403) {
    return errorSchema.safeParse(body).success ? fail('rejected_key') : fail('unreachable');
  }
  if (!response.ok) return fail('unreachable');
  const parsed = listSchema.safeParse(body);
  // An answer in another shape is a YouTube (or proxy) fault, not a fact about the video.
  if (!parsed.success) return fail('unreachable');
  const item = parsed.data.items.find((candidate) => candidate.id === videoId);
  return item ? describe(item) : fail('not_found');
}

function isAllowedThumbnailUrl(config: YouTubeApiConfig, url: URL): boolean {
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:' && url.hostname === THUMBNAIL_HOST && url.port === '') return true;
  // The API's own origin: where the tests' fake serves its thumbnails.
  return url.origin === new URL(config.baseUrl).origin;
}

/** The body, or null once it grows past `limit` bytes (the rest is not read). */
async function readCapped(response: Response, limit: number): Promise<Buffer | null> {
  if (!response.body) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

/**
 * Downloads a video's thumbnail so Aurora can serve it itself (students' browsers then
 * ask YouTube nothing before they press play). Any failure is null: a lesson without a
 * thumbnail is fine.
 */
export async function fetchVideoThumbnail(
  config: YouTubeApiConfig,
  url: string,
  options: { timeoutMs?: number } = {},
): Promise<{ data: Buffer; mimeType: string } | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (!isAllowedThumbnailUrl(config, target)) return null;
  try {
    const response = await fetch(target, {
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_THUMBNAIL_BYTES) {
      await response.body?.cancel();
      return null;
    }
    const data = await readCapped(response, MAX_THUMBNAIL_BYTES);
    const type = data ? detectImageType(data) : null;
    if (!data || !type || type.extension === 'gif') return null;
    return { data, mimeType: type.mimeType };
  } catch {
    return null;
  }
}
