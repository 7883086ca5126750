/**
 * Enrollment rows as read back from a backend (checked with zod, like every row) and the
 * shape procedures return. `revision` is the compare-and-set counter every write bumps.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { firstRow, rowDatetime } from '../rows';
import type { Backend } from '../../backend/port';
import { ENROLLMENTS } from '../tables';

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);

const enrollmentRowSchema = z.object({
  $id: z.string(),
  userId: z.string(),
  courseId: z.string(),
  progress: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? 0),
  completedLessons: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  enrolledAt: rowDatetime,
  completedAt: optional(rowDatetime),
  lastLessonId: optional(z.string()),
  lastActivityAt: optional(rowDatetime),
  revision: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? 0),
});
export type EnrollmentRecord = z.output<typeof enrollmentRowSchema>;
export const parseEnrollment = (row: unknown): EnrollmentRecord => enrollmentRowSchema.parse(row);

export interface Enrollment {
  id: string;
  userId: string;
  courseId: string;
  progress: number;
  completedLessons: string[];
  enrolledAt: string;
  completedAt: string | null;
  lastLessonId: string | null;
  lastActivityAt: string | null;
}

export function toEnrollment(record: EnrollmentRecord): Enrollment {
  return {
    id: record.$id,
    userId: record.userId,
    courseId: record.courseId,
    progress: record.progress,
    completedLessons: record.completedLessons,
    enrolledAt: record.enrolledAt,
    completedAt: record.completedAt,
    lastLessonId: record.lastLessonId,
    lastActivityAt: record.lastActivityAt,
  };
}

/** The one enrollment of `userId` in `courseId` (the unique index guarantees at most one). */
export async function findEnrollment(
  backend: Backend,
  userId: string,
  courseId: string,
): Promise<EnrollmentRecord | null> {
  const row = await firstRow(backend, ENROLLMENTS, [
    Query.equal('userId', userId),
    Query.equal('courseId', courseId),
  ]);
  return row ? parseEnrollment(row) : null;
}

const PAGE = 100;

/**
 * Every enrollment matching `filters`, a page at a time. Callers use it for one course's
 * students or one learner's courses: thousands at most, which sort faster in memory than
 * an index per sort order would cost (decision 0012).
 */
export async function allEnrollments(backend: Backend, filters: string[]): Promise<EnrollmentRecord[]> {
  const found: EnrollmentRecord[] = [];
  let lastId: string | undefined;
  for (;;) {
    // By id rather than by cursor: a cursor must stay a row of the list, and the last
    // enrollment of a page may be deleted before the next page is read.
    const queries = [...filters, Query.orderAsc('$id'), Query.limit(PAGE)];
    if (lastId) queries.push(Query.greaterThan('$id', lastId));
    const { rows } = await backend.tables.list({ ...ENROLLMENTS, queries });
    found.push(...rows.map(parseEnrollment));
    if (rows.length < PAGE) return found;
    lastId = rows.at(-1)?.$id;
  }
}
