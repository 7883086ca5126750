/**
 * The signed-in side of the scenarios: bench learners (seeded, enrolled in the video
 * course) get a session through the backend port before their server starts, and a
 * progress token per video lesson the way a browser gets one — the lesson's player
 * frame (GET /api/video/player/:lessonId, redirected to the one-time embed page, whose
 * JSON config carries the token). Each learner speaks from its own address
 * (X-Forwarded-For, the bench being the trusted proxy) so the per-address token
 * allowance (server/services/video/rate-limits.ts) bounds no one; each watcher takes one
 * token of its 60. Sessions and tokens outlive a server, so both are kept per directory.
 */
import { createEmbeddedBackend } from '../../server/backend/embedded/index';
import { SESSION_COOKIE } from '../../server/services/identity/session-cookie';
import type { SeedManifest } from './seed/manifest';

export interface Watcher {
  cookie: string;
  /** The learner's address, as a proxy in front of the server would pass it on. */
  forwardedFor: string;
  lessonId: string;
  progressToken: string;
  /** When the token was issued: the server credits no more watch time than has passed since. */
  issuedAtMs: number;
}

export interface Learner {
  cookie: string;
  forwardedFor: string;
}

const sessions = new Map<string, Learner[]>();
const watchers = new Map<string, Watcher[]>();
const USER_AGENT = 'aurora-bench';

const addressOf = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

/** Sessions for the first `count` bench learners; made once per data directory. */
export async function signInLearners(
  dataDir: string,
  manifest: SeedManifest,
  count: number,
): Promise<Learner[]> {
  const known = sessions.get(dataDir);
  if (known && known.length >= count) return known.slice(0, count);
  const emails = manifest.benchLearnerEmails.slice(0, count);
  if (emails.length < count)
    throw new Error(`the data set has ${emails.length} bench learners; BENCH_LEARNERS asks for ${count}`);
  const backend = createEmbeddedBackend({ dataDir });
  try {
    const learners: Learner[] = [];
    for (const [index, email] of emails.entries()) {
      const session = await backend.sessions.create({ email, password: manifest.password });
      learners.push({
        cookie: `${SESSION_COOKIE}=${encodeURIComponent(session.secret)}`,
        forwardedFor: addressOf(index + 1),
      });
    }
    sessions.set(dataDir, learners);
    return learners;
  } finally {
    await backend.close();
  }
}

function browserHeaders(learner: Learner): Record<string, string> {
  return {
    cookie: learner.cookie,
    'x-forwarded-for': learner.forwardedFor,
    'user-agent': USER_AGENT,
    'sec-fetch-site': 'same-origin',
  };
}

async function progressTokenOf(baseUrl: string, learner: Learner, lessonId: string): Promise<string> {
  const headers = browserHeaders(learner);
  const player = await fetch(`${baseUrl}/api/video/player/${encodeURIComponent(lessonId)}`, {
    headers,
    redirect: 'manual',
  });
  const location = player.headers.get('location');
  if (player.status !== 303 || !location)
    throw new Error(
      `the player of lesson ${lessonId} answered ${player.status}, not a redirect to its embed page`,
    );
  const embed = await fetch(new URL(location, baseUrl), { headers });
  const html = await embed.text();
  const token = /"progressToken":"([^"]+)"/.exec(html)?.[1];
  if (!embed.ok || !token)
    throw new Error(`the embed page of lesson ${lessonId} (${embed.status}) had no progress token`);
  return token;
}

/** One watcher per (learner, video lesson), each with its own progress token. */
export async function watchersOf(
  baseUrl: string,
  dataDir: string,
  learners: readonly Learner[],
  lessonIds: readonly string[],
): Promise<Watcher[]> {
  const known = watchers.get(dataDir);
  if (known && known.length >= learners.length * lessonIds.length) return known;
  const made: Watcher[] = [];
  for (const learner of learners) {
    for (const lessonId of lessonIds) {
      const progressToken = await progressTokenOf(baseUrl, learner, lessonId);
      made.push({ ...learner, lessonId, progressToken, issuedAtMs: Date.now() });
    }
  }
  watchers.set(dataDir, made);
  return made;
}
