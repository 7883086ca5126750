/**
 * Backend calls per request (issue 14): every page of the production build and every
 * read procedure, on both adapters, in a small and a large world (backend-world.ts).
 * A case passes when its number of backend calls is the same in both worlds (nothing
 * per row) and within its budget. In Appwrite mode each call is an HTTP round trip, so
 * this is the budget that matters most in production.
 *
 * Each case is measured twice (docs/decisions/0038): cold, right after a content change
 * dropped the content rows requests share, and warm, the same request again, as nearly
 * every request is under load. The budgets hold for the warm request; the cold
 * one is held to what it costs now, so it cannot start reading per row either.
 *
 * Authentication is part of the count: a request with a session cookie pays one
 * `sessions.resolve` before anything else (its user comes with it), a visitor's pays
 * nothing; a signed-in request is held to the same budget as a visitor's.
 *
 * The tables below must name every query procedure of the router and every route of
 * the build with a loader: a procedure or page added later fails the guard until it is
 * measured here. The root route's loader runs with every page, so it is counted in each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { appRouter } from '../../server/trpc/root';
import { createWorld, loaderRouteIds, type Adapter, type Who, type World } from './backend-world';
import { BROWSER, sendHttp } from './production-server';

type Ids = World['ids'];

interface Measured {
  who: Who;
  /**
   * Calls of a warm request, with the content rows shared (server/services/shared-reads.ts),
   * as nearly every request is under load: issue 14's budget, or where the issue sets
   * none, what the case costs now.
   */
  budget: number;
  /** Calls of a cold request, right after a content change, where more than `budget`. */
  cold?: number;
}

interface ProcedureCase extends Measured {
  input?: (ids: Ids) => unknown;
}

interface PageCase extends Measured {
  path: (ids: Ids) => string;
  status?: number;
}

const VIDEO_LINK = 'https://www.youtube.com/watch?v=Qz7PrevW3xY';

/** Issue 14: every read procedure ≤ 3 calls, the session lookup included. */
const PROCEDURES: Record<string, ProcedureCase[]> = {
  health: [{ who: 'visitor', budget: 1 }],
  'auth.me': [
    { who: 'visitor', budget: 3 },
    { who: 'learner', budget: 3 },
  ],
  // From the session's user alone: the session lookup is the only call (decision 0039).
  'auth.permissions': [
    { who: 'visitor', budget: 1 },
    { who: 'learner', budget: 1 },
  ],
  'auth.listApiTokens': [{ who: 'learner', budget: 3 }],
  'course.list': [
    { who: 'visitor', budget: 3 },
    { who: 'learner', budget: 3 },
  ],
  'course.categories': [{ who: 'visitor', budget: 3 }],
  'course.get': [
    { who: 'visitor', budget: 3, input: (ids) => ({ courseId: ids.courseId }) },
    { who: 'learner', budget: 3, cold: 4, input: (ids) => ({ courseId: ids.courseId }) },
  ],
  'course.mine': [{ who: 'instructor', budget: 3, cold: 4 }],
  'course.teamChoices': [
    { who: 'instructor', budget: 3, cold: 4, input: (ids) => ({ courseId: ids.courseId }) },
  ],
  'course.listAll': [{ who: 'admin', budget: 3 }],
  // Review before publishing (decision 0040): the queue's page and its authors; the editor's
  // panel: the course, then the setting (the measured course has no team and no reviewer).
  'course.reviewQueue': [{ who: 'admin', budget: 3 }],
  'course.reviewState': [{ who: 'instructor', budget: 3, input: (ids) => ({ courseId: ids.courseId }) }],
  'settings.get': [{ who: 'admin', budget: 2 }],
  'enrollment.get': [{ who: 'learner', budget: 3, input: (ids) => ({ courseId: ids.courseId }) }],
  'enrollment.mine': [{ who: 'learner', budget: 3, cold: 5 }],
  'enrollment.students': [
    { who: 'instructor', budget: 3, cold: 5, input: (ids) => ({ courseId: ids.courseId }) },
  ],
  'enrollment.recent': [{ who: 'instructor', budget: 3, cold: 4 }],
  'enrollment.myAccessRequest': [
    { who: 'stranger', budget: 3, input: (ids) => ({ courseId: ids.courseId }) },
  ],
  'enrollment.accessRequests': [
    { who: 'instructor', budget: 3, input: (ids) => ({ courseId: ids.courseId }) },
  ],
  'lesson.get': [
    { who: 'visitor', budget: 3, input: (ids) => ({ lessonId: ids.previewLessonId }) },
    { who: 'learner', budget: 3, cold: 6, input: (ids) => ({ lessonId: ids.lessonId }) },
  ],
  'lesson.previewContent': [{ who: 'instructor', budget: 3, input: () => ({ content: '<p>Draft</p>' }) }],
  'lesson.attachmentHistory': [
    {
      who: 'instructor',
      budget: 3,
      cold: 4,
      input: (ids) => ({ lessonId: ids.lessonId, attachmentId: ids.attachmentId }),
    },
  ],
  'lesson.validateVideo': [
    {
      who: 'instructor',
      budget: 3,
      input: (ids) => ({ lessonId: ids.lessonId, youtubeUrl: VIDEO_LINK }),
    },
  ],
  'lesson.getVideoProgress': [
    { who: 'learner', budget: 3, cold: 5, input: (ids) => ({ lessonId: ids.lessonId }) },
  ],
  // Every team for an admin; a member's own: their memberships, then those teams.
  'team.list': [
    { who: 'admin', budget: 2 },
    { who: 'learner', budget: 3 },
  ],
  'team.get': [
    { who: 'admin', budget: 3, input: (ids) => ({ teamId: ids.teamId }) },
    { who: 'learner', budget: 3, input: (ids) => ({ teamId: ids.teamId }) },
  ],
  // Who may ask (the team's members), then the people search.
  'team.candidates': [
    { who: 'admin', budget: 2, cold: 3, input: (ids) => ({ teamId: ids.teamId, search: 'a' }) },
    { who: 'instructor', budget: 2, cold: 3, input: (ids) => ({ teamId: ids.teamId, search: 'a' }) },
  ],
  'users.list': [{ who: 'admin', budget: 3 }],
  'video.validateAccess': [
    { who: 'learner', budget: 3, cold: 4, input: (ids) => ({ lessonId: ids.lessonId }) },
  ],
  // The world's log names courses (review steps, decision 0040): their titles in one read.
  'video.securityLog': [{ who: 'admin', budget: 3, cold: 4 }],
  'jobs.status': [{ who: 'admin', budget: 3 }],
  'mail.list': [{ who: 'admin', budget: 3 }],
  'mail.get': [{ who: 'admin', budget: 3, input: (ids) => ({ messageId: ids.mailId }) }],
};

const course = (ids: Ids) => `/courses/${ids.courseId}`;
const teach = (ids: Ids) => `/teach/courses/${ids.courseId}`;

/**
 * Issue 14: catalog ≤ 3, course page ≤ 4, lesson page ≤ 5, the session included. The
 * other pages have no budget of their own in the issue: theirs is what they cost now (a
 * request reads each row once: server/backend/request-reads.ts, and shares content rows:
 * server/services/shared-reads.ts), so a page that starts reading per row, or twice, fails.
 */
const PAGES: Record<string, PageCase[]> = {
  'routes/catalog': [
    { who: 'visitor', budget: 3, path: () => '/catalog' },
    { who: 'learner', budget: 3, cold: 5, path: () => '/catalog' },
  ],
  'routes/courses.$courseId._index': [
    { who: 'visitor', budget: 4, path: course },
    { who: 'learner', budget: 4, cold: 7, path: course },
  ],
  'routes/courses.$courseId.lessons.$lessonId': [
    { who: 'visitor', budget: 5, path: (ids) => `${course(ids)}/lessons/${ids.previewLessonId}` },
    { who: 'learner', budget: 5, cold: 8, path: (ids) => `${course(ids)}/lessons/${ids.lessonId}` },
  ],
  'routes/_index': [
    { who: 'visitor', budget: 0, path: () => '/' },
    { who: 'learner', budget: 2, cold: 8, path: () => '/' },
  ],
  'routes/$': [{ who: 'visitor', budget: 0, path: () => '/no-such-page', status: 404 }],
  'routes/account': [{ who: 'learner', budget: 2, cold: 3, path: () => '/account' }],
  'routes/admin': [{ who: 'admin', budget: 1, cold: 3, path: () => '/admin' }],
  'routes/admin_.courses': [{ who: 'admin', budget: 1, cold: 4, path: () => '/admin/courses' }],
  // Teams (issue 15): a page of teams; one team with its members, and the lead's people search.
  'routes/admin_.teams': [
    { who: 'admin', budget: 2, cold: 3, path: () => '/admin/teams' },
    { who: 'learner', budget: 3, cold: 4, path: () => '/admin/teams' },
  ],
  'routes/admin_.teams_.$teamId': [
    { who: 'admin', budget: 3, cold: 4, path: (ids) => `/admin/teams/${ids.teamId}` },
    { who: 'instructor', budget: 3, cold: 5, path: (ids) => `/admin/teams/${ids.teamId}?person=a` },
  ],
  'routes/admin_.jobs': [{ who: 'admin', budget: 3, cold: 4, path: () => '/admin/jobs' }],
  'routes/admin_.mail': [{ who: 'admin', budget: 2, cold: 3, path: () => '/admin/mail' }],
  'routes/admin_.mail_.$messageId': [
    { who: 'admin', budget: 2, cold: 3, path: (ids) => `/admin/mail/${ids.mailId}` },
  ],
  'routes/admin_.security': [{ who: 'admin', budget: 2, cold: 5, path: () => '/admin/security' }],
  'routes/admin_.settings': [{ who: 'admin', budget: 2, cold: 3, path: () => '/admin/settings' }],
  'routes/review': [{ who: 'admin', budget: 3, cold: 4, path: () => '/review' }],
  'routes/get-started': [{ who: 'visitor', budget: 0, path: () => '/get-started', status: 301 }],
  'routes/my-learning': [{ who: 'learner', budget: 2, cold: 6, path: () => '/my-learning' }],
  'routes/set-password': [{ who: 'visitor', budget: 0, path: () => '/set-password' }],
  'routes/sign-in': [{ who: 'visitor', budget: 0, path: () => '/sign-in' }],
  'routes/sign-up': [{ who: 'visitor', budget: 0, path: () => '/sign-up' }],
  'routes/teach._index': [{ who: 'instructor', budget: 1, cold: 5, path: () => '/teach' }],
  // The Team select reads the editor's memberships (issue 15): one call, their teams one more;
  // whether the course is reviewed before publishing, the platform setting (decision 0040).
  'routes/teach.courses.$courseId._index': [{ who: 'instructor', budget: 4, cold: 7, path: teach }],
  'routes/teach.courses.$courseId.lessons.$lessonId': [
    { who: 'instructor', budget: 1, cold: 7, path: (ids) => `${teach(ids)}/lessons/${ids.lessonId}` },
  ],
  'routes/teach.courses.$courseId.lessons.new': [
    { who: 'instructor', budget: 1, cold: 4, path: (ids) => `${teach(ids)}/lessons/new` },
  ],
  'routes/teach.courses.$courseId.students': [
    { who: 'instructor', budget: 3, cold: 7, path: (ids) => `${teach(ids)}/students` },
  ],
  'routes/teach.courses.$courseId.students[.]csv': [
    { who: 'instructor', budget: 2, cold: 6, path: (ids) => `${teach(ids)}/students.csv` },
  ],
  'routes/teach.courses.new': [{ who: 'instructor', budget: 1, cold: 3, path: () => '/teach/courses/new' }],
};

interface Count {
  status: number;
  calls: string[];
  /** HTTP requests the Appwrite fake answered; 0 on the embedded backend. */
  roundTrips: number;
}

/** One case measured cold and warm (see `measure`). */
interface Visit {
  cold: Count;
  warm: Count;
}

const caseName = (target: string, who: Who) => `${target} as ${who}`;

/** Lets work a response started but did not wait for land in this request's count. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function measureOnce(world: World, who: Who, path: string): Promise<Count> {
  const cookie = world.cookies[who];
  const headers: Record<string, string> = { 'user-agent': BROWSER, accept: 'text/html,application/json' };
  if (cookie) headers.cookie = cookie;
  await settle();
  world.counter.reset();
  const before = world.fake?.requests.length ?? 0;
  const answer = await sendHttp(world.port, { path, headers });
  await settle();
  return {
    status: answer.status,
    calls: world.counter.calls(),
    roundTrips: (world.fake?.requests.length ?? 0) - before,
  };
}

/**
 * A request twice: cold, with no content rows shared (as after an edit), then warm, the
 * same request again at once (as nearly every request is under load).
 */
async function measure(world: World, who: Who, path: string): Promise<Visit> {
  world.sharedReads.forget();
  const cold = await measureOnce(world, who, path);
  const warm = await measureOnce(world, who, path);
  return { cold, warm };
}

async function measureAll(world: World): Promise<Map<string, Visit>> {
  const counts = new Map<string, Visit>();
  for (const [path, cases] of Object.entries(PROCEDURES)) {
    for (const { who, input } of cases) {
      const given = input?.(world.ids);
      const query =
        given === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(given)))}`;
      counts.set(caseName(path, who), await measure(world, who, `/api/trpc/${path}${query}`));
    }
  }
  for (const [route, cases] of Object.entries(PAGES)) {
    for (const { who, path } of cases)
      counts.set(caseName(route, who), await measure(world, who, path(world.ids)));
  }
  return counts;
}

const SMALL = 2;
const LARGE = 30;

const isQuery = (procedure: unknown): boolean =>
  (typeof procedure === 'function' || typeof procedure === 'object') &&
  procedure !== null &&
  '_def' in procedure &&
  typeof procedure._def === 'object' &&
  procedure._def !== null &&
  'type' in procedure._def &&
  procedure._def.type === 'query';

/** The router's procedures by dotted path (tRPC keeps them flat at run time) that are queries. */
function queryProcedurePaths(): string[] {
  const procedures: Record<string, unknown> = { ...appRouter._def.procedures };
  return Object.entries(procedures)
    .filter(([, procedure]) => isQuery(procedure))
    .map(([path]) => path)
    .sort();
}

describe('what each request costs in backend calls', () => {
  it('measures every query procedure of the router and every route with a loader', async () => {
    expect(Object.keys(PROCEDURES).sort()).toEqual(queryProcedurePaths());
    expect(Object.keys(PAGES).sort()).toEqual((await loaderRouteIds()).filter((id) => id !== 'root'));
  });
});

const report: string[] = [];

describe.each<Adapter>(['embedded', 'appwrite'])('on the %s backend', (adapter) => {
  const counts: Record<'small' | 'large', Map<string, Visit>> = { small: new Map(), large: new Map() };

  beforeAll(async () => {
    // One world at a time: the Appwrite fake is the process's one HTTP dispatcher.
    for (const [label, size] of [
      ['small', SMALL],
      ['large', LARGE],
    ] as const) {
      const world = await createWorld(adapter, size);
      try {
        counts[label] = await measureAll(world);
      } finally {
        await world.close();
      }
    }
  }, 240_000);

  afterAll(() => {
    for (const [name, small] of counts.small) {
      const large = counts.large.get(name);
      report.push(
        `${adapter}\t${name}\t${small.cold.calls.length}\t${small.warm.calls.length}\t${large?.warm.calls.length ?? '?'}\t${small.cold.roundTrips}\t${small.warm.roundTrips}\t${small.warm.status}\t${small.warm.calls.join(' ')}`,
      );
    }
    if (adapter === 'appwrite')
      console.log(
        `adapter\tcase\tcold\twarm\twarm(large)\tcoldHttp\twarmHttp\tstatus\twarm calls\n${report.join('\n')}`,
      );
  });

  const cases = [
    ...Object.entries(PROCEDURES).flatMap(([path, list]) =>
      list.map((entry) => ({ name: caseName(path, entry.who), ...entry })),
    ),
    ...Object.entries(PAGES).flatMap(([route, list]) =>
      list.map((entry) => ({ name: caseName(route, entry.who), ...entry })),
    ),
  ];

  it.each(cases)(
    '$name: the same calls in a small and a large world, within $budget warm',
    ({ name, budget, cold, ...rest }) => {
      const small = counts.small.get(name);
      const large = counts.large.get(name);
      const expected = 'status' in rest && rest.status !== undefined ? rest.status : 200;
      for (const visit of ['cold', 'warm'] as const) {
        const [few, many] = [small?.[visit], large?.[visit]];
        expect(few?.status, `${name} (${visit}): status`).toBe(expected);
        expect(many?.status, `${name} (${visit}): status`).toBe(expected);
        expect(many?.calls, `${name} (${visit}): calls grow with the data`).toEqual(few?.calls);
        expect(many?.roundTrips, `${name} (${visit}): Appwrite round trips grow with the data`).toBe(
          few?.roundTrips,
        );
      }
      expect(
        small?.warm.calls.length ?? Infinity,
        `${name} warm: ${small?.warm.calls.join(', ')}`,
      ).toBeLessThanOrEqual(budget);
      expect(
        small?.cold.calls.length ?? Infinity,
        `${name} cold: ${small?.cold.calls.join(', ')}`,
      ).toBeLessThanOrEqual(cold ?? budget);
    },
  );
});
