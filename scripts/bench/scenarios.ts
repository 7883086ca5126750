/**
 * The requests of issue 14's scenarios. Visitors send what a browser sends; signed-in
 * scenarios go round the bench learners (and, for video.progress, their watchers), one
 * per request, each report claiming the watch time its token's age allows, so reports
 * move progress forward as a playing video's would.
 */
import type { Learner, Watcher } from './learners';
import type { LoadRequest } from './load';
import type { SeedManifest } from './seed/manifest';
import { VIDEO_SECONDS } from './seed/world';

export type ScenarioKey =
  'hello' | 'catalog' | 'courseList' | 'lessonGet' | 'lessonPage' | 'coursePage' | 'videoProgress';

export interface Scenario {
  key: ScenarioKey;
  name: string;
  request: LoadRequest;
}

/** What a browser sends, so a server that compresses is measured doing it. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,*/*' };
const API = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' };

const trpcInput = (input: unknown) => `input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** Each request goes to the next of `items`, changed for it by `change`. */
function rotating<T>(
  items: readonly T[],
  change: (request: LoadRequest, item: T) => LoadRequest,
): (request: LoadRequest) => LoadRequest {
  if (items.length === 0) throw new Error('a signed-in scenario needs at least one learner');
  let next = 0;
  return (request) => {
    const item = items[next % items.length] as T;
    next += 1;
    return change(request, item);
  };
}

const asLearner = (request: LoadRequest, learner: Learner): LoadRequest => ({
  ...request,
  headers: { ...request.headers, cookie: learner.cookie, 'x-forwarded-for': learner.forwardedFor },
});

export interface ScenarioWorld {
  baseUrl: string;
  manifest: SeedManifest;
  learners: readonly Learner[];
  watchers: readonly Watcher[];
}

/** The members-only lesson the learner scenarios read (the first is a free preview). */
const memberLesson = (manifest: SeedManifest) =>
  manifest.videoLessonIds[1] ?? manifest.videoLessonIds[0] ?? '';

export const hello: Scenario = {
  key: 'hello',
  name: 'bare node:http',
  request: { path: '/', headers: BROWSER },
};

export function catalog(): Scenario {
  return {
    key: 'catalog',
    name: 'GET /catalog (SSR, visitor)',
    request: { path: '/catalog', headers: BROWSER },
  };
}

export function courseList(): Scenario {
  return {
    key: 'courseList',
    name: 'course.list (API, visitor)',
    request: { path: `/api/trpc/course.list?${trpcInput({})}`, headers: API },
  };
}

export function lessonGet(world: ScenarioWorld): Scenario {
  return {
    key: 'lessonGet',
    name: 'lesson.get (API, learner)',
    request: {
      path: `/api/trpc/lesson.get?${trpcInput({ lessonId: memberLesson(world.manifest) })}`,
      headers: API,
      setupRequest: rotating(world.learners, asLearner),
    },
  };
}

export function lessonPage(world: ScenarioWorld): Scenario {
  const { videoCourseId } = world.manifest;
  return {
    key: 'lessonPage',
    name: 'lesson page (SSR, learner)',
    request: {
      path: `/courses/${videoCourseId}/lessons/${memberLesson(world.manifest)}`,
      headers: BROWSER,
      setupRequest: rotating(world.learners, asLearner),
    },
  };
}

export function coursePage(world: ScenarioWorld): Scenario {
  return {
    key: 'coursePage',
    name: 'course page (SSR, learner)',
    request: {
      path: `/courses/${world.manifest.videoCourseId}`,
      headers: BROWSER,
      setupRequest: rotating(world.learners, asLearner),
    },
  };
}

/**
 * A watcher's claim grows by a second each second, so a report writes (the stored point
 * moves) when a second has passed since that watcher's last one and otherwise is
 * answered from the comparison alone: with BENCH_LEARNERS × 5 watchers that is at most
 * 500 writes/s at the default, the rest reads — a real player reports every 10 s and so
 * writes almost every time; more learners make the mix closer to that.
 */
export function videoProgress(world: ScenarioWorld): Scenario {
  const origin = new URL(world.baseUrl).origin;
  return {
    key: 'videoProgress',
    name: 'video.progress (API, learner)',
    request: {
      method: 'POST',
      path: '/api/trpc/video.progress',
      headers: { ...API, 'content-type': 'application/json', origin },
      setupRequest: rotating(world.watchers, (request, watcher) => {
        const watchedSeconds = Math.min(VIDEO_SECONDS, Math.floor((Date.now() - watcher.issuedAtMs) / 1000));
        return {
          ...asLearner(request, watcher),
          body: JSON.stringify({
            json: { progressToken: watcher.progressToken, watchedSeconds, totalSeconds: VIDEO_SECONDS },
          }),
        };
      }),
    },
  };
}
