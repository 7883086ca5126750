/**
 * The data and the server the backend-call test measures against: the production build
 * served in-process (the same listener, Express app and Remix handler as server/http's
 * createHttpServer) by services whose backend counts its calls, seeded with a world of
 * `size` courses, lessons, learners and instructors. The test builds a small and a large
 * world and compares: a page whose calls grow with the world makes a call per row.
 *
 * Two adapters: the embedded backend on a temp dir, and the Appwrite adapter's tables
 * over the intercepted-HTTP fake (fake-tablesdb.ts). The fake speaks TablesDB only, so
 * in Appwrite mode users, sessions and storage stay embedded; tables are where the
 * per-row calls happen, and each of their calls is then a real node-appwrite request.
 */
import type { ServerBuild } from '@remix-run/node';
import { Query } from 'node-appwrite';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppwriteBackend } from '../../server/backend/appwrite/index';
import { fakeTablesDb, type FakeTablesDb } from '../../server/backend/appwrite/fake-tablesdb';
import { CONFIG } from '../../server/backend/appwrite/mock-appwrite';
import type { AuthUser, Backend } from '../../server/backend/port';
import { createExpressApp } from '../../server/http/express-app';
import { createRemixHandler } from '../../server/http/remix-handler';
import { createRequestListener } from '../../server/http/server';
import { createStaticFiles } from '../../server/http/static-files';
import { SESSION_COOKIE } from '../../server/services/identity/session-cookie';
import { createApiToken } from '../../server/services/identity/api-tokens';
import { queueMail } from '../../server/services/mail/queue';
import { MAIL_MESSAGES } from '../../server/services/tables';
import { createCourse, publishCourse } from '../../server/services/courses/courses';
import { createLesson } from '../../server/services/courses/lessons';
import { submitForReview } from '../../server/services/courses/review';
import { addAttachment } from '../../server/services/courses/lesson-attachments';
import { enroll } from '../../server/services/enrollments/membership';
import { requestAccess } from '../../server/services/enrollments/access-requests';
import type { AppServices } from '../../server/services/scope';
import { jobs } from '../../server/jobs/index';
import { isEventJob } from '../../server/jobs/job';
import { claimRun } from '../../server/jobs/job-runs';
import { recentDue } from '../../server/jobs/scheduled-run';
import { shareContentReads, type SharedReads } from '../../server/services/shared-reads';
import { courseFields, pdfUpload } from '../helpers/courses';
import { countingBackend, type CountingBackend } from '../helpers/counting-backend';
import { giveOrgRole } from '../helpers/org-roles';
import { createTestServices, createTestUser, scopeFor, TEST_PASSWORD } from '../helpers/services';
import { BUILD_DIR } from './production-server';

export type Adapter = 'embedded' | 'appwrite';
export type Who = 'visitor' | 'learner' | 'instructor' | 'admin' | 'stranger';

export interface World {
  readonly adapter: Adapter;
  readonly size: number;
  readonly port: number;
  readonly counter: CountingBackend;
  /** The content rows GET requests share, as in production (server/services/shared-reads.ts). */
  readonly sharedReads: SharedReads;
  /** The Appwrite fake's requests (its HTTP round trips), in Appwrite mode. */
  readonly fake: FakeTablesDb | null;
  /** The session cookie of each role; none for the visitor. */
  readonly cookies: Readonly<Record<Who, string | null>>;
  readonly ids: {
    courseId: string;
    lessonId: string;
    previewLessonId: string;
    attachmentId: string;
    learnerId: string;
    mailId: string;
    teamId: string;
  };
  close(): Promise<void>;
}

let buildPromise: Promise<ServerBuild> | null = null;
function productionBuild(): Promise<ServerBuild> {
  buildPromise ??= import(pathToFileURL(resolve(BUILD_DIR, 'server/index.js')).href).then(
    (module: unknown) => module as ServerBuild,
  );
  return buildPromise;
}

/** The route ids of the build that have a loader (every page and resource route a GET runs). */
export async function loaderRouteIds(): Promise<string[]> {
  const build = await productionBuild();
  return Object.values(build.routes)
    .filter((route) => route !== undefined && typeof route.module.loader === 'function')
    .map((route) => route?.id ?? '')
    .sort();
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A draft with one members-only lesson, as the catalog's and the review queue's courses are. */
async function courseOfOneLesson(scope: ReturnType<typeof scopeFor>, title: string) {
  const course = await createCourse(scope, courseFields({ title }));
  await createLesson(scope, {
    courseId: course.id,
    title: 'Only lesson',
    description: '',
    content: '<p>Text</p>',
    isPreview: false,
  });
  return course;
}

async function seed(services: AppServices, size: number) {
  // The admin is the Owner, as an install's first admin is: the settings are theirs.
  const admin = await giveOrgRole(services, await createTestUser(services, 'admin'), 'owner');
  const owner = await createTestUser(services, 'instructor');
  const learner = await createTestUser(services, 'regular');
  const stranger = await createTestUser(services, 'regular');
  const ownerScope = scopeFor(services, owner);

  // The measured course: `size` lessons (the first a preview), one attachment, `size` learners.
  const course = await createCourse(ownerScope, courseFields({ title: 'Measured course' }));
  const lessonIds: string[] = [];
  for (let index = 0; index < size; index++) {
    const lesson = await createLesson(ownerScope, {
      courseId: course.id,
      title: `Lesson ${index + 1}`,
      description: '',
      content: '<p>Text</p>',
      isPreview: index === 0,
    });
    lessonIds.push(lesson.id);
  }
  const previewLessonId = lessonIds[0] ?? '';
  const lessonId = lessonIds[1] ?? '';
  const withFile = await addAttachment(ownerScope, { lessonId, file: pdfUpload() });
  await publishCourse(ownerScope, course.id);
  await enroll(scopeFor(services, learner), { courseId: course.id });
  for (let index = 1; index < size; index++) {
    const other = await createTestUser(services, 'regular');
    await enroll(scopeFor(services, other), { courseId: course.id });
  }

  // The catalog: `size` published courses in all, half by the owner, half each by an instructor of its own.
  for (let index = 1; index < size; index++) {
    const author = index % 2 === 0 ? owner : await createTestUser(services, 'instructor');
    const scope = scopeFor(services, author);
    const other = await courseOfOneLesson(scope, `Course ${index}`);
    await publishCourse(scope, other.id);
    await enroll(scopeFor(services, learner), { courseId: other.id });
  }
  // The review queue: `size` drafts waiting for review, half by the owner, half each by an instructor of its own.
  for (let index = 0; index < size; index++) {
    const author = index % 2 === 0 ? owner : await createTestUser(services, 'instructor');
    const scope = scopeFor(services, author);
    const draft = await courseOfOneLesson(scope, `Draft ${index}`);
    await submitForReview(scope, draft.id);
  }
  for (let index = 0; index < size; index++)
    await createApiToken(scopeFor(services, learner), { name: `t${index}` });
  await requestAccess(scopeFor(services, stranger), course.id).catch(() => undefined);
  // Mail for the admin's mail pages: one message per row of the world.
  for (let index = 0; index < size; index++) {
    await queueMail(
      services.backend,
      {
        key: `world-${index}`,
        to: `reader-${index}@example.test`,
        kind: 'world-note',
        rendered: {
          subject: `Note ${index}`,
          html: `<p>Note ${index}</p>`,
          text: `Note ${index}`,
          headers: {},
        },
      },
      services.now(),
    );
  }
  const { rows: mail } = await services.backend.tables.list({ ...MAIL_MESSAGES, queries: [Query.limit(1)] });
  // Teams: `size` of them, the learner a member of each, the instructor leading the first.
  const teamIds: string[] = [];
  for (let index = 0; index < size; index++) {
    const team = await services.backend.teams.create({
      name: `World team ${index}`,
      description: `Team ${index}`,
      permissions: ['courses.modify'],
    });
    await services.backend.teams.addMember({ teamId: team.id, userId: learner.id, role: 'member' });
    teamIds.push(team.id);
  }
  if (teamIds[0])
    await services.backend.teams.addMember({ teamId: teamIds[0], userId: owner.id, role: 'lead' });
  // A running server: every scheduled job has run in each of its latest `size` slots.
  for (const job of jobs) {
    if (isEventJob(job)) continue;
    for (const slot of recentDue(job.schedule, services.now(), size))
      await claimRun(services.backend, {
        jobName: job.name,
        scheduledFor: slot,
        status: 'baseline',
        now: slot,
      });
  }

  return {
    users: { admin, learner, instructor: owner, stranger } satisfies Record<
      Exclude<Who, 'visitor'>,
      AuthUser
    >,
    ids: {
      courseId: course.id,
      lessonId,
      previewLessonId,
      attachmentId: withFile.attachments[0]?.id ?? '',
      learnerId: learner.id,
      mailId: mail[0]?.$id ?? '',
      teamId: teamIds[0] ?? '',
    },
  };
}

/** The embedded backend, or (Appwrite mode) its users, sessions and storage with the Appwrite adapter's tables. */
function backendFor(adapter: Adapter, embedded: Backend): Backend {
  if (adapter === 'embedded') return embedded;
  const appwrite = createAppwriteBackend(CONFIG);
  // The fake answers TablesDB row calls only, not the database list the health check reads.
  return { ...embedded, kind: 'appwrite', tables: appwrite.tables };
}

export async function createWorld(adapter: Adapter, size: number): Promise<World> {
  const server = createServer();
  const port = await listen(server);
  const fake = adapter === 'appwrite' ? fakeTablesDb() : null;
  const test = await createTestServices({ env: { AURORA_PUBLIC_URL: `http://127.0.0.1:${port}` } });
  const counter = countingBackend(backendFor(adapter, test.backend));
  const sharedReads = shareContentReads(counter.backend);
  const services: AppServices = {
    env: test.env,
    backend: sharedReads.backend,
    displayBackend: sharedReads.forDisplay,
    startedAt: test.startedAt,
    now: test.now,
    mailer: test.mailer,
  };
  const seeded = await seed(services, size);
  const signIn = async (user: AuthUser) => {
    const session = await test.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
    return `${SESSION_COOKIE}=${encodeURIComponent(session.secret)}`;
  };
  const cookies: Record<Who, string | null> = {
    visitor: null,
    admin: await signIn(seeded.users.admin),
    learner: await signIn(seeded.users.learner),
    instructor: await signIn(seeded.users.instructor),
    stranger: await signIn(seeded.users.stranger),
  };
  const pages = createRemixHandler({ services, build: await productionBuild(), mode: 'production' });
  const files = await createStaticFiles(resolve(BUILD_DIR, 'client'));
  server.on(
    'request',
    createRequestListener(services, 'production', createExpressApp({ services, files, pages })),
  );
  return {
    adapter,
    size,
    port,
    counter,
    sharedReads,
    fake,
    cookies,
    ids: seeded.ids,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sharedReads.close();
      await fake?.close();
      await test.cleanup();
    },
  };
}
