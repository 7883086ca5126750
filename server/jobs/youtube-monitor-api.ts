/**
 * The monitor's one question to the YouTube Data API: can each of these (up to 50)
 * videos still be played by students? One `videos.list` call with `part=status` per
 * batch — 50 ids is the API's limit per call and costs one quota unit.
 *
 * YouTube's answer is data from outside, checked with zod. A failed call is never read
 * as "the videos are gone": the caller stops the run and tries again tomorrow.
 */
import { z } from 'zod';
import { fetchYouTubeApi, type YouTubeApiConfig } from '../services/video/youtube-api';
import type { VideoIssue } from '../services/mail/templates/video-unavailable';

export const YOUTUBE_IDS_PER_CALL = 50;

const statusListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      status: z
        .object({
          uploadStatus: z.string().optional(),
          privacyStatus: z.string().optional(),
          embeddable: z.boolean().optional(),
        })
        .optional(),
    }),
  ),
});

const GONE_UPLOADS = new Set(['rejected', 'deleted', 'failed']);

export type AvailabilityAnswer =
  | { ok: true; issues: Map<string, VideoIssue | null> }
  | { ok: false; problem: 'unreachable' | 'rejected_key' };

/** Each id's issue (null: it plays), or why YouTube gave no usable answer. */
export async function fetchVideoAvailability(
  config: YouTubeApiConfig,
  videoIds: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<AvailabilityAnswer> {
  if (videoIds.length === 0) return { ok: true, issues: new Map() };
  if (videoIds.length > YOUTUBE_IDS_PER_CALL) throw new Error(`at most ${YOUTUBE_IDS_PER_CALL} ids per call`);
  const url =
    `${config.baseUrl}/videos?part=status&maxResults=${YOUTUBE_IDS_PER_CALL}` +
    `&id=${videoIds.map(encodeURIComponent).join(',')}&key=${encodeURIComponent(config.apiKey)}`;
  const response = await fetchYouTubeApi(url, options.timeoutMs);
  if (!response) return { ok: false, problem: 'unreachable' };
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 400 || response.status === 403) return { ok: false, problem: 'rejected_key' };
  const parsed = statusListSchema.safeParse(body);
  if (!response.ok || !parsed.success) return { ok: false, problem: 'unreachable' };
  const byId = new Map(parsed.data.items.map((item) => [item.id, item.status]));
  const issues = new Map<string, VideoIssue | null>();
  for (const id of videoIds) {
    // Not in the answer: YouTube has no such video any more.
    if (!byId.has(id)) {
      issues.set(id, 'deleted');
      continue;
    }
    const status = byId.get(id);
    if (status?.uploadStatus && GONE_UPLOADS.has(status.uploadStatus)) issues.set(id, 'deleted');
    else if (status?.privacyStatus === 'private') issues.set(id, 'private');
    else if (status?.embeddable === false) issues.set(id, 'not_embeddable');
    else issues.set(id, null);
  }
  return { ok: true, issues };
}
