/**
 * Fills an embedded data directory for the bench: world.ts writes one of each kind of
 * row through the services, clone.ts copies them to the requested size. Courses get
 * LESSONS_PER_COURSE lessons, two tags and their analytics row; one instructor per 100
 * courses; enrollments are spread over learners 10 each (with their analytics receipts),
 * plus `benchLearners` learners enrolled in the video course for the signed-in scenarios.
 *
 * Not copied: the welcome mails of copied enrollments (mail_messages) and the audit rows
 * of course creation: history the pages under test never read.
 *
 * Going through the port instead (tables.create per row: one transaction and one outbox
 * event each) was measured at ~500 enrollment rows/s against ~8,000 copied here, both on
 * the same busy 2-core machine (17x), and would leave a million events for the server's
 * job runner to work off during the bench. 100,000 courses with 1,000,000 enrollments
 * (3.1 million rows with lessons, tags, receipts and accounts) took 4.2 minutes there.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateId } from '../../../server/backend/embedded/ids';
import { INTERNAL_TABLES, rowTableName, SYSTEM_COLUMNS } from '../../../server/backend/embedded/naming';
import { DATABASE_FILE } from '../../../server/backend/embedded/store';
import type { TableRef } from '../../../server/backend/port';
import {
  ANALYTICS_RECEIPTS,
  COURSE_ANALYTICS,
  COURSE_TAGS,
  COURSES,
  ENROLLMENTS,
  LESSONS,
  PROFILES,
} from '../../../server/services/tables';
import { rowsCopier, templateRows, type Substitutions } from './clone';
import { readManifest, writeManifest, type SeedManifest } from './manifest';
import {
  BENCH_PASSWORD,
  createTemplateWorld,
  seedServices,
  TEMPLATE_WORDS,
  type TemplateWorld,
} from './world';

export interface SeedSize {
  courses: number;
  enrollments: number;
  benchLearners: number;
}

const COURSES_PER_INSTRUCTOR = 100;
const ENROLLMENTS_PER_LEARNER = 10;
const BATCH = 20_000;

const sqlName = (ref: TableRef) => rowTableName(ref.databaseId, ref.tableId);
const SEQUENCE = SYSTEM_COLUMNS.sequence;
const USERS = INTERNAL_TABLES.users;

/** Runs `work(i)` for i in [from, to) in transactions of BATCH items. */
function inBatches(db: Database.Database, from: number, to: number, work: (index: number) => void): void {
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH);
    db.transaction(() => {
      for (let index = start; index < end; index++) work(index);
    }).immediate();
  }
}

/** Copies an account (auth user and profile) with its id, email and name replaced. */
function accountCopier(db: Database.Database, template: { id: string; email: string; name: string }) {
  const auth = rowsCopier(db, USERS, templateRows(db, USERS, 'id', template.id), 'seq');
  const profile = rowsCopier(
    db,
    sqlName(PROFILES),
    templateRows(db, sqlName(PROFILES), '$id', template.id),
    SEQUENCE,
  );
  return (id: string, email: string, name: string): void => {
    const substitutions: Substitutions = [
      [template.id, id],
      [template.email, email],
      [template.name, name],
      [template.name.toLowerCase(), name.toLowerCase()],
    ];
    auth(substitutions);
    profile(substitutions);
  };
}

/** Copies an enrollment and its analytics receipt into another (learner, course). */
function enrollmentCopier(db: Database.Database, userId: string) {
  const [template] = templateRows(db, sqlName(ENROLLMENTS), 'userId', userId);
  if (!template || typeof template.$id !== 'string' || typeof template.courseId !== 'string')
    throw new Error('the template enrollment is missing');
  const { $id: enrollmentId, courseId } = template;
  const enrollment = rowsCopier(db, sqlName(ENROLLMENTS), [template], SEQUENCE);
  const receipt = rowsCopier(
    db,
    sqlName(ANALYTICS_RECEIPTS),
    templateRows(db, sqlName(ANALYTICS_RECEIPTS), '$id', enrollmentId),
    SEQUENCE,
  );
  return (newUserId: string, newCourseId: string): void => {
    const substitutions: Substitutions = [
      [enrollmentId, generateId()],
      [userId, newUserId],
      [courseId, newCourseId],
    ];
    enrollment(substitutions);
    receipt(substitutions);
  };
}

function setEnrollmentTotal(db: Database.Database, courseId: string, total: number): void {
  db.prepare(`UPDATE "${sqlName(COURSE_ANALYTICS)}" SET "totalEnrollments" = ? WHERE "courseId" = ?`).run(
    total,
    courseId,
  );
}

/** The i-th learner's k-th course among `count` catalog courses: distinct for k < 10. */
function courseOf(learner: number, k: number, count: number): number {
  const stride = Math.max(1, Math.floor(count / ENROLLMENTS_PER_LEARNER));
  return (learner * 7919 + k * stride) % count;
}

function cloneWorld(db: Database.Database, world: TemplateWorld, size: SeedSize) {
  // The catalog's copyable courses: the template (index 0) and its copies; plus the video course.
  const catalogCount = Math.max(1, size.courses - 1);
  const instructorCount = Math.max(1, Math.ceil(size.courses / COURSES_PER_INSTRUCTOR));
  const perLearner = Math.min(ENROLLMENTS_PER_LEARNER, catalogCount);
  const spread = Math.max(0, size.enrollments - 1 - size.benchLearners);
  const learnerCount = Math.ceil(spread / perLearner);

  const instructorIds = [world.instructor.id];
  const copyInstructor = accountCopier(db, world.instructor);
  inBatches(db, 1, instructorCount, (i) => {
    const id = generateId();
    instructorIds.push(id);
    copyInstructor(id, `teacher${i}@bench.test`, `Teacher ${i} of the bench`);
  });

  const courseIds = [world.courseId];
  const course = (table: TableRef, column: string) =>
    rowsCopier(db, sqlName(table), templateRows(db, sqlName(table), column, world.courseId), SEQUENCE);
  const copyCourse = [
    course(COURSES, '$id'),
    course(COURSE_TAGS, 'courseId'),
    course(COURSE_ANALYTICS, 'courseId'),
  ];
  const lessonTemplates = world.lessonIds.map((lessonId) =>
    rowsCopier(db, sqlName(LESSONS), templateRows(db, sqlName(LESSONS), '$id', lessonId), SEQUENCE),
  );
  const totals = new Array<number>(catalogCount).fill(0);
  totals[0] = 1;
  for (let learner = 1; learner <= learnerCount; learner++) {
    const count = Math.min(perLearner, spread - (learner - 1) * perLearner);
    for (let k = 0; k < count; k++) {
      const index = courseOf(learner, k, catalogCount);
      totals[index] = (totals[index] ?? 0) + 1;
    }
  }
  inBatches(db, 1, catalogCount, (i) => {
    const id = generateId();
    courseIds.push(id);
    const instructor = instructorIds[i % instructorIds.length] ?? world.instructor.id;
    const substitutions: Substitutions = [
      [world.courseId, id],
      [world.instructor.id, instructor],
      [TEMPLATE_WORDS.courseTitle, `Course ${i}`],
      [TEMPLATE_WORDS.courseTitle.toLowerCase(), `course ${i}`],
    ];
    for (const copy of copyCourse) copy(substitutions, {});
    for (const [index, lessonId] of world.lessonIds.entries())
      lessonTemplates[index]?.([...substitutions, [lessonId, generateId()]]);
  });
  for (const [index, courseId] of courseIds.entries()) {
    if ((totals[index] ?? 0) !== 1 || index === 0) setEnrollmentTotal(db, courseId, totals[index] ?? 0);
  }

  const copyLearner = accountCopier(db, world.learner);
  const copyEnrollment = enrollmentCopier(db, world.learner.id);
  inBatches(db, 1, learnerCount + 1, (learner) => {
    const id = generateId();
    copyLearner(id, `learner${learner}@bench.test`, `Learner ${learner} of the bench`);
    const count = Math.min(perLearner, spread - (learner - 1) * perLearner);
    for (let k = 0; k < count; k++) copyEnrollment(id, courseIds[courseOf(learner, k, catalogCount)] ?? '');
  });

  const benchEmails = [world.benchLearner.email];
  const copyBench = accountCopier(db, world.benchLearner);
  const copyBenchEnrollment = enrollmentCopier(db, world.benchLearner.id);
  inBatches(db, 1, size.benchLearners, (i) => {
    const id = generateId();
    const email = `bench${i}@bench.test`;
    benchEmails.push(email);
    copyBench(id, email, `Bench Learner ${i}`);
    copyBenchEnrollment(id, world.videoCourseId);
  });
  setEnrollmentTotal(db, world.videoCourseId, size.benchLearners);

  return {
    instructors: instructorCount,
    learners: learnerCount + 1 + size.benchLearners,
    enrollments: 1 + spread + size.benchLearners,
    benchEmails,
  };
}

/** Enrollments a seed of `size` holds: the template's and the bench learners' count too. */
export const enrollmentTotal = (size: SeedSize): number => Math.max(size.enrollments, 1 + size.benchLearners);

const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * The manifest of `dataDir`: reused when it was seeded at this size, otherwise seeded now
 * (the directory must then be empty or missing).
 */
export async function seedBenchData(
  dataDir: string,
  size: SeedSize,
  log: (line: string) => void = console.log,
): Promise<SeedManifest> {
  const existing = readManifest(dataDir);
  if (existing) {
    if (existing.courses !== size.courses || existing.enrollments !== enrollmentTotal(size))
      throw new Error(
        `${dataDir} was seeded with ${existing.courses} courses and ${existing.enrollments} enrollments, not ${size.courses} and ${size.enrollments}`,
      );
    if (existing.benchLearnerEmails.length < size.benchLearners)
      throw new Error(
        `${dataDir} has ${existing.benchLearnerEmails.length} bench learners, fewer than ${size.benchLearners}`,
      );
    log(
      `reusing the bench data in ${dataDir} (${existing.courses} courses, ${existing.enrollments} enrollments)`,
    );
    return existing;
  }
  if (!isEmptyDir(dataDir)) throw new Error(`${dataDir} is neither empty nor a seeded bench directory`);
  if (size.courses < 2) throw new Error('seed at least 2 courses (the template and the video course)');
  mkdirSync(dataDir, { recursive: true });
  const started = performance.now();
  const { services, backend } = seedServices(dataDir);
  let world: TemplateWorld;
  try {
    world = await createTemplateWorld(services, backend);
  } finally {
    await backend.close();
  }
  log(`seeding ${dataDir}: the template world through the services took ${seconds(started)} s`);
  const db = new Database(join(dataDir, DATABASE_FILE));
  let counts: ReturnType<typeof cloneWorld>;
  try {
    db.pragma('journal_mode = WAL');
    // A half-seeded directory is thrown away, not recovered: no need to sync while copying.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    counts = cloneWorld(db, world, size);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const manifest: SeedManifest = {
    format: 1,
    courses: size.courses,
    enrollments: counts.enrollments,
    instructors: counts.instructors,
    learners: counts.learners,
    benchLearnerEmails: counts.benchEmails,
    password: BENCH_PASSWORD,
    catalogCourseId: world.courseId,
    videoCourseId: world.videoCourseId,
    videoLessonIds: world.videoLessonIds,
    seedSeconds: seconds(started),
  };
  writeManifest(dataDir, manifest);
  log(
    `seeded ${dataDir}: ${manifest.courses} courses, ${manifest.enrollments} enrollments, ${manifest.learners} learners, ${manifest.instructors} instructors in ${manifest.seedSeconds} s`,
  );
  return manifest;
}
