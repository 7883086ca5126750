/** Courses for tests, made through the real services, and "did anything change?" for course data. */
import { Query } from 'node-appwrite';
import type { AuthUser, BucketId, TableRef } from '../../server/backend/port';
import { createCourse, publishCourse } from '../../server/services/courses/courses';
import { addAttachment } from '../../server/services/courses/lesson-attachments';
import { createLesson } from '../../server/services/courses/lessons';
import {
  COURSES,
  COURSE_TAGS,
  ENROLLMENTS,
  FILE_METADATA,
  LESSONS,
  SECURITY_LOGS,
  USER_ACTIVITY,
} from '../../server/services/tables';
import { courseFieldsSchema, type CourseFields } from '../../server/services/courses/schemas';
import { samples } from '../fixtures/images';
import { scopeFor, type TestServices } from './services';

export function courseFields(overrides: Partial<CourseFields> = {}): CourseFields {
  return courseFieldsSchema.parse({
    title: 'Practical SQL',
    description: 'Query real data with joins, window functions and indexes.',
    category: 'data',
    difficulty: 'beginner',
    duration: 6,
    price: 0,
    tags: ['sql', 'data'],
    ...overrides,
  });
}

export const pdfUpload = (fileName = 'notes.pdf', data: Buffer = samples.pdf) => ({
  fileName,
  mimeType: 'application/pdf',
  base64: data.toString('base64'),
});

/** A PNG whose header claims `width`×`height` (the checks read only the header). */
export function pngOfSize(width: number, height: number): Buffer {
  const header = Buffer.from(samples.png);
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

export interface SeededCourse {
  courseId: string;
  /** A members-only lesson carrying one attachment. */
  lessonId: string;
  attachmentId: string;
  previewLessonId: string;
}

/** A course of `owner` with a preview lesson and a members-only lesson with an attachment. */
export async function seedCourse(
  services: TestServices,
  owner: AuthUser,
  options: { published?: boolean; fields?: Partial<CourseFields> } = {},
): Promise<SeededCourse> {
  const scope = scopeFor(services, owner);
  const course = await createCourse(scope, courseFields(options.fields));
  const preview = await createLesson(scope, {
    courseId: course.id,
    title: 'Welcome',
    description: '',
    content: '<p>Hello</p>',
    isPreview: true,
  });
  const lesson = await createLesson(scope, {
    courseId: course.id,
    title: 'Joins',
    description: '',
    content: '<p>Members only</p>',
    isPreview: false,
  });
  const withFile = await addAttachment(scope, { lessonId: lesson.id, file: pdfUpload() });
  if (options.published ?? true) await publishCourse(scope, course.id);
  return {
    courseId: course.id,
    lessonId: lesson.id,
    attachmentId: withFile.attachments[0]?.id ?? '',
    previewLessonId: preview.id,
  };
}

const count = async (services: TestServices, ref: TableRef, filters: string[] = []) =>
  (await services.backend.tables.list({ ...ref, queries: [...filters, Query.limit(1)] })).total;
const files = async (services: TestServices, bucketId: BucketId) =>
  (await services.backend.storage.list({ bucketId })).total;

/** Everything a refused course or lesson call could have written. */
export async function courseWritesSoFar(services: TestServices) {
  return {
    courses: await count(services, COURSES),
    lessons: await count(services, LESSONS),
    courseTags: await count(services, COURSE_TAGS),
    fileMetadata: await count(services, FILE_METADATA),
    enrollments: await count(services, ENROLLMENTS),
    securityLogs: await count(services, SECURITY_LOGS),
    activity: await count(services, USER_ACTIVITY),
    materials: await files(services, 'course-materials'),
    thumbnails: await files(services, 'thumbnails'),
    // Every write to rows or files records an event in the same transaction.
    events: (await services.backend.outbox.pending()).waiting,
  };
}
