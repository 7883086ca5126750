/**
 * Adding, replacing (a new version) and removing a lesson's attachments, and their
 * history. Adding and replacing take the upload form's key (`uploadKey`): a submission
 * seen before answers with the lesson as it is and writes nothing (see attachments.ts).
 */
import { isBackendError } from '../../backend/errors';
import type { AuthUser, Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import type { SignedInScope } from '../scope';
import type { Access } from '../permissions/access';
import { LESSONS } from '../tables';
import {
  checkAttachment,
  deleteLessonFiles,
  latestVersion,
  MAX_ATTACHMENTS_PER_LESSON,
  scopedUploadKey,
  storeVersion,
  versionByUploadKey,
  versionsOf,
  type CheckedAttachment,
} from './attachments';
import { toLessonView, type LessonView } from './lesson-view';
import { requireEditableLesson } from './lessons';
import {
  findLesson,
  NO_SUCH_LESSON,
  parseLesson,
  type CourseRecord,
  type FileVersion,
  type LessonRecord,
} from './records';
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

/**
 * Stores `file` as a new version. When a copy of the same submission (same `uploadKey`)
 * raced this one and won, the unique index on `uploadKey` refuses this row, its file is
 * discarded, and the winner's version is the answer.
 */
async function storeOnce(
  backend: Backend,
  file: CheckedAttachment,
  actor: AuthUser,
  target: { attachmentId?: string; version: number; uploadKey?: string },
  now: Date,
): Promise<{ version: FileVersion; replayed: boolean }> {
  try {
    return { version: await storeVersion(backend, file, actor, target, now), replayed: false };
  } catch (error) {
    if (!target.uploadKey || !isBackendError(error, 'conflict')) throw error;
    const winner = await versionByUploadKey(backend, target.uploadKey);
    if (!winner) throw error;
    return { version: winner, replayed: true };
  }
}

export async function addAttachment(
  scope: SignedInScope,
  input: { lessonId: string; file: Upload; uploadKey?: string },
): Promise<LessonView> {
  const { backend, actor, access } = scope;
  const now = scope.now();
  const { lessonId, file: upload, uploadKey: formKey } = input;
  const file = checkAttachment(upload);
  const editable = await requireEditableLesson(backend, access, lessonId);
  const { lesson, course } = editable;
  const uploadKey = formKey ? scopedUploadKey(actor, lessonId, {}, formKey) : undefined;
  const earlier = uploadKey ? await versionByUploadKey(backend, uploadKey) : null;
  if (earlier) return settleReplayedAdd(backend, access, editable, earlier, now);
  if (lesson.attachments.length >= MAX_ATTACHMENTS_PER_LESSON) {
    throw new ServiceError('bad_request', `A lesson has at most ${MAX_ATTACHMENTS_PER_LESSON} attachments.`);
  }
  const { version, replayed } = await storeOnce(backend, file, actor, { version: 1, uploadKey }, now);
  if (replayed) return settleReplayedAdd(backend, access, editable, version, now);
  const updated = await setAttachments(backend, lessonId, [...lesson.attachments, version.fileId], now);
  return toLessonView(backend, access, updated, course);
}

/**
 * A replayed "add": the lesson normally lists the file already, and nothing is written.
 * If it does not (the first request is still on its way, or stopped between storing the
 * file and listing it), the file is listed now, so it is never left orphaned.
 */
async function settleReplayedAdd(
  backend: Backend,
  access: Access,
  read: { lesson: LessonRecord; course: CourseRecord },
  version: FileVersion,
  now: Date,
): Promise<LessonView> {
  const { course } = read;
  const listed = (lesson: LessonRecord | null) => lesson?.attachments.includes(version.fileId) ?? false;
  // The lesson read at the start may predate the first request's update: read it again.
  const lesson = listed(read.lesson) ? read.lesson : await findLesson(backend, read.lesson.$id);
  if (!lesson) throw new ServiceError('not_found', NO_SUCH_LESSON);
  if (listed(lesson)) return toLessonView(backend, access, lesson, course);
  const updated = await setAttachments(backend, lesson.$id, [...lesson.attachments, version.fileId], now);
  return toLessonView(backend, access, updated, course);
}

export async function replaceAttachment(
  scope: SignedInScope,
  input: { lessonId: string; attachmentId: string; file: Upload; uploadKey?: string },
): Promise<LessonView> {
  const { backend, actor, access } = scope;
  const now = scope.now();
  const { lessonId, attachmentId, file: upload, uploadKey: formKey } = input;
  const file = checkAttachment(upload);
  const { lesson, course } = await requireEditableLesson(backend, access, lessonId);
  requireAttachment(lesson, attachmentId);
  const uploadKey = formKey ? scopedUploadKey(actor, lessonId, { attachmentId }, formKey) : undefined;
  // The version this form already added: the lesson is answered as it is.
  if (uploadKey && (await versionByUploadKey(backend, uploadKey)))
    return toLessonView(backend, access, lesson, course);
  const latest = await latestVersion(backend, attachmentId);
  // The unique index on (fileId, version) refuses a second replacement racing this one.
  const { replayed } = await storeOnce(
    backend,
    file,
    actor,
    { attachmentId, version: (latest?.version ?? 0) + 1, uploadKey },
    now,
  );
  if (replayed) return toLessonView(backend, access, lesson, course);
  const updated = await setAttachments(backend, lessonId, lesson.attachments, now);
  return toLessonView(backend, access, updated, course);
}

export async function removeAttachment(
  scope: SignedInScope,
  input: { lessonId: string; attachmentId: string },
): Promise<LessonView> {
  const { backend, access } = scope;
  const now = scope.now();
  const { lessonId, attachmentId } = input;
  const { lesson, course } = await requireEditableLesson(backend, access, lessonId);
  requireAttachment(lesson, attachmentId);
  const remaining = lesson.attachments.filter((id) => id !== attachmentId);
  const updated = await setAttachments(backend, lessonId, remaining, now);
  await deleteLessonFiles(backend, [attachmentId]);
  return toLessonView(backend, access, updated, course);
}

export interface AttachmentHistoryItem {
  version: number;
  name: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export async function attachmentHistory(
  scope: SignedInScope,
  input: { lessonId: string; attachmentId: string },
): Promise<{ items: AttachmentHistoryItem[] }> {
  const { backend, access } = scope;
  const { lessonId, attachmentId } = input;
  const { lesson } = await requireEditableLesson(backend, access, lessonId);
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
