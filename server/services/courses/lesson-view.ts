/** A lesson as its page shows it: sanitized content, attachments, neighbours, the course. */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import type { Access } from '../permissions/access';
import { sanitizeStoredLessonHtml } from '../content/sanitize';
import { canEditCourse } from '../policy';
import { LESSONS } from '../tables';
import { latestVersionsOf } from './attachments';
import { thumbnailUrlOf } from './thumbnails';
import {
  LESSON_OUTLINE_COLUMNS,
  parseLessonOutline,
  type CourseRecord,
  type LessonOutlineRecord,
  type LessonRecord,
} from './records';

export interface AttachmentView {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  version: number;
  uploadedAt: string;
  /** The authorized download route; never a bucket URL. */
  url: string;
}

/** A lesson as a course outline lists it (the course page, the lesson page's sidebar). */
export interface CourseOutlineLesson {
  id: string;
  title: string;
  /** The lesson's one-line summary, public like its title (a syllabus line). */
  description: string;
  order: number;
  isPreview: boolean;
  videoDuration: number | null;
  attachmentCount: number;
  /** Editors only (null for everyone else): the daily YouTube check found the video cannot be played. */
  videoIssue: 'private' | 'deleted' | 'not_embeddable' | null;
}

export function outlineOf(lessons: readonly LessonOutlineRecord[], canEdit: boolean): CourseOutlineLesson[] {
  return lessons.map((lesson) => ({
    id: lesson.$id,
    title: lesson.title,
    description: lesson.description,
    order: lesson.order,
    isPreview: lesson.isPreview,
    videoDuration: lesson.videoDuration,
    attachmentCount: lesson.attachments.length,
    videoIssue: canEdit && lesson.encryptedVideoData ? lesson.videoIssue : null,
  }));
}

export interface LessonView {
  id: string;
  courseId: string;
  title: string;
  description: string;
  contentHtml: string;
  order: number;
  isPreview: boolean;
  videoDuration: number | null;
  /** The lesson's video as pages may show it — never its YouTube ID; null without one. */
  video: {
    durationSeconds: number | null;
    thumbnailUrl: string | null;
    /** Only for the course's editors, and only when the daily YouTube check found the video cannot be played. */
    issue?: NonNullable<LessonRecord['videoIssue']>;
  } | null;
  attachments: AttachmentView[];
  prevLessonId: string | null;
  nextLessonId: string | null;
  /** The course's lessons in order, as its outline shows them: read with the lesson anyway. */
  outline: CourseOutlineLesson[];
  course: { id: string; title: string; isPublished: boolean; instructorId: string };
  canEdit: boolean;
}

export function attachmentUrl(lessonId: string, attachmentId: string): string {
  return `/files/lessons/${encodeURIComponent(lessonId)}/${encodeURIComponent(attachmentId)}`;
}

/**
 * Lessons of a course in their order, without their content; a course holds tens of
 * lessons, not thousands.
 */
export async function lessonsOf(backend: Backend, courseId: string): Promise<LessonOutlineRecord[]> {
  const { rows } = await backend.tables.list({
    ...LESSONS,
    queries: [
      Query.equal('courseId', courseId),
      Query.orderAsc('order'),
      Query.select(LESSON_OUTLINE_COLUMNS),
      Query.limit(1000),
    ],
    total: false,
  });
  return rows.map(parseLessonOutline);
}

export async function toLessonView(
  backend: Backend,
  viewer: Access,
  lesson: LessonRecord,
  course: CourseRecord,
): Promise<LessonView> {
  const [siblings, versions, canEdit] = await Promise.all([
    lessonsOf(backend, course.$id),
    latestVersionsOf(backend, lesson.attachments),
    canEditCourse(viewer, course),
  ]);
  const index = siblings.findIndex((sibling) => sibling.$id === lesson.$id);
  const attachments: AttachmentView[] = [];
  for (const attachmentId of lesson.attachments) {
    const latest = versions.get(attachmentId);
    if (!latest) continue;
    attachments.push({
      id: attachmentId,
      name: latest.originalName,
      mimeType: latest.mimeType,
      size: latest.size,
      version: latest.version,
      uploadedAt: latest.uploadedAt,
      url: attachmentUrl(lesson.$id, attachmentId),
    });
  }
  return {
    id: lesson.$id,
    courseId: lesson.courseId,
    title: lesson.title,
    description: lesson.description,
    // Stored content is already clean; cleaning again on the way out applies today's rules to old rows.
    contentHtml: sanitizeStoredLessonHtml(lesson.content),
    order: lesson.order,
    isPreview: lesson.isPreview,
    videoDuration: lesson.videoDuration,
    video: lesson.encryptedVideoData
      ? {
          durationSeconds: lesson.videoDuration,
          thumbnailUrl: thumbnailUrlOf(lesson.youtubeThumbnail),
          ...(lesson.videoIssue && canEdit ? { issue: lesson.videoIssue } : {}),
        }
      : null,
    attachments,
    prevLessonId: index > 0 ? (siblings[index - 1]?.$id ?? null) : null,
    nextLessonId: index >= 0 ? (siblings[index + 1]?.$id ?? null) : null,
    outline: outlineOf(siblings, canEdit),
    course: {
      id: course.$id,
      title: course.title,
      isPublished: course.isPublished,
      instructorId: course.instructor,
    },
    canEdit,
  };
}
