import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeYouTube, type FakeYouTube } from '../../../tests/helpers/fake-youtube';
import { imageSizeOf } from '../courses/image-size';
import { detectImageType } from '../identity/image-type';
import {
  fetchVideoMetadata,
  fetchVideoThumbnail,
  parseIsoDuration,
  type MetadataResult,
  type YouTubeApiConfig,
} from './youtube-api';

const API_KEY = 'AIzaFakeKeyForTests_0123456789abcdefXYZ';
const IDS = {
  ok: 'okVideo0001',
  unlisted: 'unlisted001',
  private: 'private0001',
  noEmbed: 'noEmbed0001',
  processing: 'processing1',
  live: 'liveStream1',
  upcoming: 'upcoming001',
  failed: 'failedUp001',
  deleted: 'deletedVid1',
} as const;

let fake: FakeYouTube;
let config: YouTubeApiConfig;

beforeAll(async () => {
  fake = await startFakeYouTube({
    apiKey: API_KEY,
    videos: {
      [IDS.ok]: { title: 'Fractions, part 1', duration: 'PT1H2M3S' },
      [IDS.unlisted]: { title: 'Unlisted one', duration: 'PT45S', privacyStatus: 'unlisted' },
      [IDS.private]: { privacyStatus: 'private' },
      [IDS.noEmbed]: { embeddable: false },
      [IDS.processing]: { uploadStatus: 'uploaded', duration: 'P0D' },
      [IDS.live]: { liveBroadcastContent: 'live', duration: 'P0D' },
      [IDS.upcoming]: { liveBroadcastContent: 'upcoming', duration: '' },
      [IDS.failed]: { uploadStatus: 'failed' },
    },
  });
  config = { apiKey: API_KEY, baseUrl: fake.baseUrl };
});

afterAll(async () => {
  await fake.close();
});

/** Asserts a refusal and that its reason gives away neither the video nor the key. */
function expectProblem(result: MetadataResult, problem: string, videoId: string, word: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problem).toBe(problem);
  expect(result.reason).toMatch(word);
  expect(result.reason).not.toContain(videoId);
  expect(result.reason).not.toContain(API_KEY);
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('fetchVideoMetadata', () => {
  it('returns the title, duration and best thumbnail of an embeddable video', async () => {
    const result = await fetchVideoMetadata(config, IDS.ok);
    expect(result).toEqual({
      ok: true,
      video: {
        title: 'Fractions, part 1',
        durationSeconds: 3723,
        thumbnailUrl: `${fake.origin}/vi/${IDS.ok}/hqdefault.jpg`,
      },
    });
    const asked = fake.requests.at(-1) ?? '';
    expect(asked).toBe(`/youtube/v3/videos?part=snippet,contentDetails,status&id=${IDS.ok}&key=REDACTED`);
  });

  it('accepts an unlisted video', async () => {
    const result = await fetchVideoMetadata(config, IDS.unlisted);
    expect(result.ok && result.video.durationSeconds).toBe(45);
  });

  it('refuses a private video, explaining how to make it usable', async () => {
    expectProblem(await fetchVideoMetadata(config, IDS.private), 'private', IDS.private, /Unlisted/);
  });

  it('refuses a video whose owner does not allow embedding', async () => {
    expectProblem(await fetchVideoMetadata(config, IDS.noEmbed), 'not_embeddable', IDS.noEmbed, /embedding/);
  });

  it('reports a deleted video (no items) or a failed upload as not found', async () => {
    expectProblem(await fetchVideoMetadata(config, IDS.deleted), 'not_found', IDS.deleted, /deleted/);
    expectProblem(await fetchVideoMetadata(config, IDS.failed), 'not_found', IDS.failed, /no video/);
  });

  it('asks to wait while YouTube is processing the upload', async () => {
    expectProblem(
      await fetchVideoMetadata(config, IDS.processing),
      'not_processed',
      IDS.processing,
      /processing/,
    );
  });

  it('refuses live streams and upcoming premieres', async () => {
    expectProblem(await fetchVideoMetadata(config, IDS.live), 'live', IDS.live, /live stream/);
    expectProblem(await fetchVideoMetadata(config, IDS.upcoming), 'live', IDS.upcoming, /live stream/);
  });

  it('sees a video change between two checks (the fake is live)', async () => {
    fake.videos[IDS.deleted] = { title: 'Restored' };
    const result = await fetchVideoMetadata(config, IDS.deleted);
    expect(result.ok && result.video.title).toBe('Restored');
    Reflect.deleteProperty(fake.videos, IDS.deleted);
  });

  it('reports a wrong API key without repeating it', async () => {
    const wrong = { ...config, apiKey: 'AIzaWrongKey_shouldNeverBeEchoed' };
    const result = await fetchVideoMetadata(wrong, IDS.ok);
    expectProblem(result, 'rejected_key', IDS.ok, /refused the API key/);
    expect(!result.ok && result.reason).not.toContain(wrong.apiKey);
    expect(fake.requests.join('\n')).not.toContain(wrong.apiKey);
  });

  it('reports a server that is down as unreachable', async () => {
    const down = { ...config, baseUrl: `http://127.0.0.1:${await closedPort()}/youtube/v3` };
    expectProblem(await fetchVideoMetadata(down, IDS.ok), 'unreachable', IDS.ok, /could not be reached/);
  });

  it('gives up on a server that does not answer in time', async () => {
    const slow = await startFakeYouTube({ apiKey: API_KEY, videos: { [IDS.ok]: {} }, delayMs: 2000 });
    try {
      const started = Date.now();
      const result = await fetchVideoMetadata({ ...config, baseUrl: slow.baseUrl }, IDS.ok, {
        timeoutMs: 100,
      });
      expectProblem(result, 'unreachable', IDS.ok, /could not be reached/);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await slow.close();
    }
  });

  it('tells a spent quota (403) from a YouTube outage (503)', async () => {
    for (const [status, problem] of [
      [403, 'rejected_key'],
      [503, 'unreachable'],
    ] as const) {
      const failing = await startFakeYouTube({ apiKey: API_KEY, videos: {}, failStatus: status });
      try {
        const result = await fetchVideoMetadata({ ...config, baseUrl: failing.baseUrl }, IDS.ok);
        expectProblem(result, problem, IDS.ok, /YouTube/);
      } finally {
        await failing.close();
      }
    }
  });

  it('treats an answer of another shape as unreachable', async () => {
    const elsewhere = { ...config, baseUrl: `${fake.origin}/not-the-api` };
    expectProblem(await fetchVideoMetadata(elsewhere, IDS.ok), 'unreachable', IDS.ok, /could not be reached/);
  });

  it('does not ask YouTube about something that is not a video ID', async () => {
    const before = fake.requests.length;
    expectProblem(await fetchVideoMetadata(config, '../x?key=1'), 'not_found', '../x', /no video/);
    expect(fake.requests.length).toBe(before);
  });
});

describe('fetchVideoThumbnail', () => {
  it('fetches a thumbnail the API pointed at, checking its bytes', async () => {
    const result = await fetchVideoMetadata(config, IDS.ok);
    const url = result.ok ? result.video.thumbnailUrl : null;
    const thumbnail = url ? await fetchVideoThumbnail(config, url) : null;
    expect(thumbnail?.mimeType).toBe('image/jpeg');
    const data = thumbnail?.data ?? Buffer.alloc(0);
    const type = detectImageType(data);
    expect(type && imageSizeOf(data, type)).toEqual({ width: 480, height: 360 });
  });

  it('refuses hosts other than i.ytimg.com and the API itself', async () => {
    const path = `/vi/${IDS.ok}/hqdefault.jpg`;
    for (const url of [
      `http://localhost:${new URL(fake.origin).port}${path}`,
      `http://i.ytimg.com${path}`,
      `https://i.ytimg.com.evil.example${path}`,
      `https://user:pass@i.ytimg.com${path}`,
      `file:///etc/passwd`,
      'not a url',
    ]) {
      expect(await fetchVideoThumbnail(config, url), url).toBeNull();
    }
  });

  it('returns null for a missing thumbnail or bytes that are not an image', async () => {
    const before = fake.requests.length;
    expect(await fetchVideoThumbnail(config, `${fake.origin}/vi/${IDS.deleted}/hqdefault.jpg`)).toBeNull();
    // JSON, not an image.
    expect(await fetchVideoThumbnail(config, `${fake.baseUrl}/videos?part=id&id=${IDS.ok}`)).toBeNull();
    expect(fake.requests.length).toBe(before + 2);
  });
});

describe('parseIsoDuration', () => {
  it.each([
    ['PT1H2M3S', 3723],
    ['PT45S', 45],
    ['PT10M', 600],
    ['PT1H', 3600],
    ['PT1M5S', 65],
    ['P1DT2H', 93600],
    ['P1D', 86400],
    ['P1W', 604800],
    ['PT0S', 0],
    ['P0D', 0],
    ['PT', null],
    ['P', null],
    ['P1DT', null],
    ['', null],
    ['1H2M', null],
    ['PT1.5S', null],
    ['P1Y', null],
    ['PT-5S', null],
    ['pt1m', null],
    ['PT1S ', null],
    ['PT5S3M', null],
  ])('%j → %j', (value, seconds) => {
    expect(parseIsoDuration(value)).toBe(seconds);
  });
});
