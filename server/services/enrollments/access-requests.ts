/**
 * Access requests: until Aurora takes payments, a learner asks to join a paid course and
 * its instructor (or an admin) approves — which enrolls them — or declines (decision 0020).
 *
 * One row per learner and course (unique index), reused when they ask again, so an
 * instructor never sees the same person twice. Every change of status is a
 * compare-and-set on the status read, so racing approvals and declines have one winner.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { isBackendError } from '../../backend/errors';
import type { Backend, Row } from '../../backend/port';
import { findCourse, NO_SUCH_COURSE, requireCourse, type CourseRecord } from '../courses/records';
import { ServiceError } from '../errors';
import { findProfile, profilesByIds } from '../identity/profiles';
import { avatarUrlOf } from '../identity/viewer';
import { canDecideAccess, canRequestAccess, canSeeCourse, mayEnrollOthers } from '../policy';
import { firstRow, getRowOrNull, rowDatetime } from '../rows';
import { ACCESS_REQUESTS } from '../tables';
import { admitLearner } from './membership';
import { pageAfter, type Page } from './paging';
import { findEnrollment } from './records';
import type { Access } from '../permissions/access';
import type { SignedInScope } from '../scope';
import type { ACCESS_DECISIONS } from '../../../shared/fields/limits';

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];
export type AccessDecision = (typeof ACCESS_DECISIONS)[number];

/** After a decline, a learner may ask again this long after the decision: a week, not a flood. */
export const ASK_AGAIN_AFTER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export const NO_SUCH_REQUEST = 'That access request does not exist (it may have been withdrawn).';
const ONLY_EDITORS = 'Only the instructor of this course or an admin can answer its access requests.';
/** A status flip-flopping under us more often than this is someone hammering the button. */
const MAX_ATTEMPTS = 5;

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
const requestRowSchema = z.object({
  $id: z.string(),
  courseId: z.string(),
  userId: z.string(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  createdAt: rowDatetime,
  decidedAt: optional(rowDatetime),
  decidedBy: optional(z.string()),
});
type RequestRecord = z.output<typeof requestRowSchema>;
const parseRequest = (row: unknown): RequestRecord => requestRowSchema.parse(row);

/** A learner's own request, as the course page shows it. */
export interface AccessRequest {
  id: string;
  courseId: string;
  status: AccessRequestStatus;
  createdAt: string;
  decidedAt: string | null;
  /** When they may ask again: after a decline, a week later; null while pending. */
  askAgainFrom: string | null;
  /** Whether asking again is open right now (decided by the server's clock, not the browser's). */
  mayAskAgain: boolean;
}

/** A row of the instructor's list. */
export interface AccessRequestRow {
  id: string;
  user: { id: string; name: string; email: string; avatarUrl: string | null };
  status: AccessRequestStatus;
  createdAt: string;
  decidedAt: string | null;
}

function askAgainFrom(record: RequestRecord): string | null {
  if (record.status === 'pending' || !record.decidedAt) return null;
  if (record.status === 'approved') return record.decidedAt;
  return new Date(Date.parse(record.decidedAt) + ASK_AGAIN_AFTER_DAYS * DAY_MS).toISOString();
}

function toAccessRequest(record: RequestRecord, now: Date): AccessRequest {
  const from = askAgainFrom(record);
  return {
    id: record.$id,
    courseId: record.courseId,
    status: record.status,
    createdAt: record.createdAt,
    decidedAt: record.decidedAt,
    askAgainFrom: from,
    mayAskAgain: from !== null && Date.parse(from) <= now.getTime(),
  };
}

async function findRequest(
  backend: Backend,
  courseId: string,
  userId: string,
): Promise<RequestRecord | null> {
  const row = await firstRow(backend, ACCESS_REQUESTS, [
    Query.equal('courseId', courseId),
    Query.equal('userId', userId),
  ]);
  return row ? parseRequest(row) : null;
}

async function getRequest(backend: Backend, requestId: string): Promise<RequestRecord | null> {
  const row = await getRowOrNull(backend, ACCESS_REQUESTS, requestId);
  return row ? parseRequest(row) : null;
}

/** Sets the row's columns only if its status is still `from`; null when someone else changed it first. */
async function moveFrom(
  backend: Backend,
  record: RequestRecord,
  data: Record<string, string | null>,
): Promise<RequestRecord | null> {
  const row: Row | null = await backend.tables.updateIf({
    ...ACCESS_REQUESTS,
    rowId: record.$id,
    where: [Query.equal('status', record.status)],
    data,
  });
  return row ? parseRequest(row) : null;
}

async function refuseRequest(course: CourseRecord, access: Access): Promise<void> {
  switch (await canRequestAccess(access, course)) {
    case 'not_found':
      throw new ServiceError('not_found', NO_SUCH_COURSE);
    case 'not_published':
      throw new ServiceError('bad_request', 'Publish this course before anyone can ask to join it.');
    case 'free':
      throw new ServiceError('bad_request', 'This course is free: enroll instead of asking.');
    case 'teaches':
      throw new ServiceError(
        'bad_request',
        // Whoever enrolls people enrolls themselves; anyone else who may edit the course teaches it.
        mayEnrollOthers(access) && access.userId !== course.instructor
          ? 'As an admin you can enroll yourself (or anyone) directly.'
          : 'You teach this course: every lesson is already open to you.',
      );
    case 'ok':
      return;
  }
}

/**
 * Asks the instructor of a paid course to let the actor in. Asking while a request is
 * pending returns it (a double click makes one request); after a decline, asking is
 * open again `ASK_AGAIN_AFTER_DAYS` later; after an approval (the learner left since),
 * at once.
 */
export async function requestAccess(scope: SignedInScope, courseId: string): Promise<AccessRequest> {
  const { backend, actor } = scope;
  const now = scope.now();
  const course = await requireCourse(backend, courseId);
  await refuseRequest(course, scope.access);
  if (await findEnrollment(backend, actor.id, courseId)) {
    throw new ServiceError('bad_request', 'You are already enrolled in this course.');
  }
  const fresh = { status: 'pending', createdAt: now.toISOString(), decidedAt: null, decidedBy: null };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const existing = await findRequest(backend, courseId, actor.id);
    if (!existing) {
      try {
        const row = await backend.tables.create({
          ...ACCESS_REQUESTS,
          data: { courseId, userId: actor.id, ...fresh },
        });
        return toAccessRequest(parseRequest(row), now);
      } catch (error) {
        // Another tab asked at the same moment: the unique index kept one; read it.
        if (!isBackendError(error, 'conflict')) throw error;
        continue;
      }
    }
    if (existing.status === 'pending') return toAccessRequest(existing, now);
    const current = toAccessRequest(existing, now);
    if (!current.mayAskAgain) {
      throw new ServiceError(
        'bad_request',
        `Your request was declined. You can ask again from ${current.askAgainFrom?.slice(0, 10) ?? 'next week'}.`,
      );
    }
    const moved = await moveFrom(backend, existing, fresh);
    if (moved) return toAccessRequest(moved, now);
  }
  throw new ServiceError('conflict', 'Your request changed while we were saving it. Try again.');
}

/** The actor's own request for the course, or null when they never asked. */
export async function myAccessRequest(scope: SignedInScope, courseId: string): Promise<AccessRequest | null> {
  const { backend, actor } = scope;
  const now = scope.now();
  const record = await findRequest(backend, courseId, actor.id);
  return record ? toAccessRequest(record, now) : null;
}

/** A course whose requests `access` may answer; one it may not see is `missing` (never revealed). */
async function decidableOrRefused(
  access: Access,
  course: CourseRecord | null,
  missing: string,
): Promise<CourseRecord> {
  if (!course || !(await canSeeCourse(access, course))) throw new ServiceError('not_found', missing);
  if (!(await canDecideAccess(access, course))) throw new ServiceError('forbidden', ONLY_EDITORS);
  return course;
}

export interface AccessRequestQuery {
  courseId: string;
  status: AccessRequestStatus;
  cursor?: string | undefined;
  limit: number;
}

const PAGE = 100;

/**
 * A course's requests with one status (pending by default), oldest first: first come,
 * first served. Read whole, a hundred at a time, like the course's students (decision
 * 0012); requests of people whose account is gone are left out — there is nobody to let in.
 */
export async function listAccessRequests(
  scope: SignedInScope,
  query: AccessRequestQuery,
): Promise<Page<AccessRequestRow>> {
  const { backend } = scope;
  const course = await decidableOrRefused(
    scope.access,
    await findCourse(backend, query.courseId),
    NO_SUCH_COURSE,
  );
  const records: RequestRecord[] = [];
  let lastId: string | undefined;
  for (;;) {
    const queries = [
      Query.equal('courseId', course.$id),
      Query.equal('status', query.status),
      Query.orderAsc('$id'),
      Query.limit(PAGE),
    ];
    if (lastId) queries.push(Query.greaterThan('$id', lastId));
    const { rows } = await backend.tables.list({ ...ACCESS_REQUESTS, queries });
    records.push(...rows.map(parseRequest));
    if (rows.length < PAGE) break;
    lastId = rows.at(-1)?.$id;
  }
  const profiles = await profilesByIds(
    backend,
    records.map((record) => record.userId),
  );
  const entries = records.flatMap((record) => {
    const profile = profiles.get(record.userId);
    if (!profile) return [];
    const row: AccessRequestRow = {
      id: record.$id,
      user: {
        id: record.userId,
        name: profile.name,
        email: profile.email,
        avatarUrl: avatarUrlOf(profile.avatar),
      },
      status: record.status,
      createdAt: record.createdAt,
      decidedAt: record.decidedAt,
    };
    return [{ $id: record.$id, row }];
  });
  entries.sort((a, b) => a.row.createdAt.localeCompare(b.row.createdAt) || a.$id.localeCompare(b.$id));
  const { slice, nextCursor } = pageAfter(entries, query);
  return { items: slice.map((entry) => entry.row), nextCursor, total: entries.length, totalCapped: false };
}

export interface DecidedRequest {
  request: AccessRequestRow;
  /** Set on approval: the learner's enrollment (new, or the one they already had). */
  enrollmentId: string | null;
}

/**
 * Approves (enrolling the learner) or declines a request. Idempotent: approving an
 * approved request makes sure the enrollment exists and writes nothing else; declining a
 * declined one changes nothing. A decline cannot undo an approval (the learner is in),
 * while an approval may follow a decline (the instructor changed their mind).
 */
export async function decideAccess(
  scope: SignedInScope,
  input: { requestId: string; decision: AccessDecision },
): Promise<DecidedRequest> {
  const { backend, actor } = scope;
  const now = scope.now();
  const found = await getRequest(backend, input.requestId);
  if (!found) throw new ServiceError('not_found', NO_SUCH_REQUEST);
  // A request for a course the actor may not see (or one deleted since) is no business of theirs.
  const course = await decidableOrRefused(
    scope.access,
    await findCourse(backend, found.courseId),
    NO_SUCH_REQUEST,
  );
  const profile = await findProfile(backend, found.userId);
  if (!profile) throw new ServiceError('not_found', 'That learner’s account no longer exists.');
  const view = (record: RequestRecord): AccessRequestRow => ({
    id: record.$id,
    user: {
      id: profile.$id,
      name: profile.name,
      email: profile.email,
      avatarUrl: avatarUrlOf(profile.avatar),
    },
    status: record.status,
    createdAt: record.createdAt,
    decidedAt: record.decidedAt,
  });
  const decided = { decidedAt: now.toISOString(), decidedBy: actor.id };

  if (input.decision === 'approve' && !course.isPublished) {
    throw new ServiceError('bad_request', 'Publish this course before letting anyone in.');
  }
  let record = found;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (input.decision === 'decline') {
      if (record.status === 'declined') return { request: view(record), enrollmentId: null };
      if (record.status === 'approved') {
        throw new ServiceError('conflict', `This request was already approved: ${profile.name} is enrolled.`);
      }
      const moved = await moveFrom(backend, record, { status: 'declined', ...decided });
      if (moved) return { request: view(moved), enrollmentId: null };
    } else {
      if (record.status === 'approved') {
        // Already approved (a second click, or a retry after a failure): make sure they are in.
        const enrollment = await admitLearner(backend, record.userId, record.courseId, now);
        return { request: view(record), enrollmentId: enrollment.id };
      }
      const previous = record;
      const moved = await moveFrom(backend, record, { status: 'approved', ...decided });
      if (moved) {
        try {
          const enrollment = await admitLearner(backend, moved.userId, moved.courseId, now);
          return { request: view(moved), enrollmentId: enrollment.id };
        } catch (error) {
          // Not in after all: put the request back so it is still there to approve.
          await moveFrom(backend, moved, {
            status: previous.status,
            decidedAt: previous.decidedAt,
            decidedBy: previous.decidedBy,
          }).catch(() => null);
          throw error;
        }
      }
    }
    const reread = await getRequest(backend, record.$id);
    if (!reread) throw new ServiceError('not_found', NO_SUCH_REQUEST);
    record = reread;
  }
  throw new ServiceError('conflict', 'This request changed while we were saving it. Try again.');
}
