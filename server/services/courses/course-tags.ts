/**
 * `course_tags`: one row per (course, tag), copying the course's published flag and
 * creation time, so "published courses tagged X, newest first" is one indexed range
 * read ([tag, isPublished, createdAt]) instead of a scan of an array column.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { deleteRowsWhere } from '../rows';
import { COURSE_TAGS } from '../tables';
import { COURSE_SEARCH_TEXT_LENGTH } from '../column-sizes';
import type { CourseRecord } from './records';

/** Rewrites the course's tag rows from the course as it now is (tags, published flag). */
export async function syncCourseTags(backend: Backend, course: CourseRecord): Promise<void> {
  await deleteRowsWhere(backend, COURSE_TAGS, [Query.equal('courseId', course.$id)]);
  for (const tag of course.tags) {
    await backend.tables.create({
      ...COURSE_TAGS,
      data: { courseId: course.$id, tag, isPublished: course.isPublished, createdAt: course.createdAt },
    });
  }
}

export function deleteCourseTags(backend: Backend, courseId: string): Promise<number> {
  return deleteRowsWhere(backend, COURSE_TAGS, [Query.equal('courseId', courseId)]);
}

/** What the full-text index covers: title, description and tags, in one column. */
export function searchTextOf(course: {
  title: string;
  description: string;
  tags: readonly string[];
}): string {
  return [course.title, course.description, course.tags.join(' ')]
    .join('\n')
    .slice(0, COURSE_SEARCH_TEXT_LENGTH);
}
