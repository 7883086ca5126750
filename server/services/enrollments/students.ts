/**
 * A course's students for its instructor and admins. Every sort (name included, which
 * lives on the profile, not the enrollment) is done in memory over the course's
 * enrollments: a course has at most a few thousand students, and one list plus one
 * profile read per hundred students is cheaper than keeping a copy of names in
 * enrollments in step (decision 0012).
 */
import { Query } from 'node-appwrite';
import { lessonsOf } from '../courses/lesson-view';
import { findCourse, NO_SUCH_COURSE } from '../courses/records';
import { ServiceError } from '../errors';
import { profilesByIds } from '../identity/profiles';
import { avatarUrlOf } from '../identity/viewer';
import { canSeeCourse, canSeeStudents } from '../policy';
import { pageAfter, type Page } from './paging';
import { completedCount } from './progress';
import { allEnrollments, type EnrollmentRecord } from './records';
import type { SignedInScope } from '../scope';
import type { STUDENT_SORTS } from '../../../shared/fields/limits';

export type StudentSort = (typeof STUDENT_SORTS)[number];

export interface StudentRow {
  user: { id: string; name: string; email: string; avatarUrl: string | null };
  progress: number;
  completedLessonCount: number;
  lessonCount: number;
  enrolledAt: string;
  completedAt: string | null;
  lastActivityAt: string | null;
}

export interface StudentQuery {
  courseId: string;
  cursor?: string | undefined;
  limit: number;
  sort: StudentSort;
  order: 'asc' | 'desc';
}

type Entry = EnrollmentRecord & { row: StudentRow };

function compare(sort: StudentSort): (a: Entry, b: Entry) => number {
  switch (sort) {
    case 'name':
      return (a, b) => a.row.user.name.localeCompare(b.row.user.name, 'en', { sensitivity: 'base' });
    case 'progress':
      return (a, b) => a.row.progress - b.row.progress;
    case 'enrolledAt':
      return (a, b) => a.row.enrolledAt.localeCompare(b.row.enrolledAt);
    case 'lastActivityAt':
      // Never active sorts as the oldest activity.
      return (a, b) => (a.row.lastActivityAt ?? '').localeCompare(b.row.lastActivityAt ?? '');
  }
}

export async function listStudents(scope: SignedInScope, query: StudentQuery): Promise<Page<StudentRow>> {
  const { backend, access } = scope;
  const course = await findCourse(backend, query.courseId);
  if (!course || !(await canSeeCourse(access, course))) throw new ServiceError('not_found', NO_SUCH_COURSE);
  if (!(await canSeeStudents(access, course))) {
    throw new ServiceError(
      'forbidden',
      'Only the instructor of this course or an admin can see its students.',
    );
  }
  const enrollments = await allEnrollments(backend, [Query.equal('courseId', course.$id)]);
  const lessonIds = (await lessonsOf(backend, course.$id)).map((lesson) => lesson.$id);
  const profiles = await profilesByIds(
    backend,
    enrollments.map((enrollment) => enrollment.userId),
  );
  const entries: Entry[] = enrollments.map((enrollment) => {
    const profile = profiles.get(enrollment.userId);
    return {
      ...enrollment,
      row: {
        user: {
          id: enrollment.userId,
          name: profile?.name ?? 'Former learner',
          email: profile?.email ?? '',
          avatarUrl: avatarUrlOf(profile?.avatar ?? null),
        },
        progress: enrollment.progress,
        completedLessonCount: completedCount(enrollment.completedLessons, lessonIds),
        lessonCount: lessonIds.length,
        enrolledAt: enrollment.enrolledAt,
        completedAt: enrollment.completedAt,
        lastActivityAt: enrollment.lastActivityAt,
      },
    };
  });
  const byField = compare(query.sort);
  const direction = query.order === 'asc' ? 1 : -1;
  // The id breaks ties, so pages never repeat or skip a student.
  entries.sort((a, b) => direction * byField(a, b) || a.$id.localeCompare(b.$id));
  const { slice, nextCursor } = pageAfter(entries, query);
  return { items: slice.map((entry) => entry.row), nextCursor, total: entries.length, totalCapped: false };
}
