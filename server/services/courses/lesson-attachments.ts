/** Adding, replacing (a new version) and removing a lesson's attachments, and their history. */
import type { AuthUser, Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import {
  checkAttachment,
  deleteLessonFiles,
  latestVersion,
  MAX_ATTACHMENTS_PER_LESSON,
  storeVersion,
  versionsOf,
} from './attachments';
import { toLessonView, type LessonView } from './lesson-view';
import { requireEditableLesson } from './lessons';
import { LESSONS, parseLesson, type LessonRecord } from './records';
import type { Upload } from './schemas';

const NO_SUCH_ATTACHMENT = 'That attachment is not part of this lesson (it may have been removed).';

function requireAttachment(lesson: LessonRecord, attachmentId: string): void {
  if (!lesson.attachments.includes(attachmentId)) throw new ServiceError('not_found', NO_SUCH_ATTACHMENT);
}

async function setAttachments(backend: Backend, lessonId: string, attachments: string[], now: Date) {
  return parseLesson(
    await backend.tables.update({
      ...LESSONS,
      rowId: lessonId,
      data: { attachments, updatedAt: now.toISOString() },
    }),
  );
}

export async function addAttachment(
  backend: Backend,
  actor: AuthUser,
  lessonId: string,
  upload: Upload,
  now: Date,
): Promise<LessonView> {
  const file = checkAttachment(upload);
  const { lesson, course } = await requireEditableLesson(backend, actor, lessonId);
  if (lesson.attachments.length >= MAX_ATTACHMENTS_PER_LESSON) {
    throw new ServiceError('bad_request', `A lesson has at most ${MAX_ATTACHMENTS_PER_LESSON} attachments.`);
  }
  const version = await storeVersion(backend, file, actor, { version: 1 }, now);
  const updated = await setAttachments(backend, lessonId, [...lesson.attachments, version.fileId], now);
  return toLessonView(backend, actor, updated, course);
}

export async function replaceAttachment(
  backend: Backend,
  actor: AuthUser,
  lessonId: string,
  attachmentId: string,
  upload: Upload,
  now: Date,
): Promise<LessonView> {
  const file = checkAttachment(upload);
  const { lesson, course } = await requireEditableLesson(backend, actor, lessonId);
  requireAttachment(lesson, attachmentId);
  const latest = await latestVersion(backend, attachmentId);
  // The unique index on (fileId, version) refuses a second replacement racing this one.
  await storeVersion(backend, file, actor, { attachmentId, version: (latest?.version ?? 0) + 1 }, now);
  const updated = await setAttachments(backend, lessonId, lesson.attachments, now);
  return toLessonView(backend, actor, updated, course);
}

export async function removeAttachment(
  backend: Backend,
  actor: AuthUser,
  lessonId: string,
  attachmentId: string,
  now: Date,
): Promise<LessonView> {
  const { lesson, course } = await requireEditableLesson(backend, actor, lessonId);
  requireAttachment(lesson, attachmentId);
  const remaining = lesson.attachments.filter((id) => id !== attachmentId);
  const updated = await setAttachments(backend, lessonId, remaining, now);
  await deleteLessonFiles(backend, [attachmentId]);
  return toLessonView(backend, actor, updated, course);
}

export interface AttachmentHistoryItem {
  version: number;
  name: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export async function attachmentHistory(
  backend: Backend,
  actor: AuthUser,
  lessonId: string,
  attachmentId: string,
): Promise<{ items: AttachmentHistoryItem[] }> {
  const { lesson } = await requireEditableLesson(backend, actor, lessonId);
  requireAttachment(lesson, attachmentId);
  const versions = await versionsOf(backend, attachmentId);
  return {
    items: versions.map((version) => ({
      version: version.version,
      name: version.originalName,
      size: version.size,
      uploadedAt: version.uploadedAt,
      uploadedBy: version.uploadedBy,
    })),
  };
}
