/**
 * Lesson attachments in the `course-materials` bucket. An attachment is a logical file
 * (its id is the id of its first stored version) with one `file_metadata` row per
 * version; each row's id is the id of that version's stored file. Replacing a file adds
 * a version and keeps the older ones for history; removing the attachment removes all.
 *
 * An upload may carry the key of the form it came from: the row it wrote records the
 * key (hashed with who uploaded what where), so the same submission sent again — a
 * double click, a resent POST, two racing requests — finds that row instead of storing
 * the file twice. The unique index on `uploadKey` settles the race.
 */
import { createHash } from 'node:crypto';
import { Query } from 'node-appwrite';
import { firstRow } from '../rows';
import type { AuthUser, Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import { FILE_METADATA } from '../tables';
import { discardStoredFile } from '../files';
import { listByIds } from '../rows-by-ids';
import {
  ALLOWED_EXTENSIONS,
  ATTACHMENT_TYPES,
  extensionOf,
  looksExecutable,
  looksLikeMarkup,
} from './attachment-types';
import { parseFileVersion, type FileVersion } from './records';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import type { Upload } from './schemas';
import { decodeBase64 } from './thumbnails';

export const MATERIALS_BUCKET = 'course-materials';
/** The bucket's maximumFileSize in appwrite.json (a test keeps the two equal). */
export const MAX_ATTACHMENT_BYTES = UPLOAD_MAX_BYTES.attachment;
export const MAX_ATTACHMENTS_PER_LESSON = 20;

const TYPES_MESSAGE = `Attachments may be ${ALLOWED_EXTENSIONS.join(', ')} files of at most 25 MiB.`;

export interface CheckedAttachment {
  data: Buffer;
  name: string;
  mimeType: string;
}

/** Keeps a name people recognise but that is safe in a header and on any disk. */
function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim();
  return cleaned.slice(-255);
}

/** Decodes and checks an upload without storing anything, so a refusal writes nothing. */
export function checkAttachment(upload: Upload): CheckedAttachment {
  const name = cleanFileName(upload.fileName);
  const extension = extensionOf(name);
  const type = ATTACHMENT_TYPES[extension];
  if (!type || name.length <= extension.length + 1) {
    throw new ServiceError(
      'bad_request',
      `“.${extension || '?'}” files cannot be attached. ${TYPES_MESSAGE}`,
    );
  }
  const data = decodeBase64(upload.base64, 'The file');
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new ServiceError('bad_request', `This file is larger than 25 MiB. ${TYPES_MESSAGE}`);
  }
  if (looksExecutable(data) || (!type.mimeType.startsWith('text/') && looksLikeMarkup(data))) {
    throw new ServiceError('bad_request', 'Programs and web pages cannot be attached, whatever their name.');
  }
  if (!type.matches(data)) {
    throw new ServiceError('bad_request', `This file is not really a .${extension} file. ${TYPES_MESSAGE}`);
  }
  return { data, name, mimeType: type.mimeType };
}

/**
 * What `uploadKey` stores for a form's key: bound to the uploader, the lesson and the
 * target (`new` or the attachment replaced), so a key sent elsewhere is a new upload
 * and never reveals or returns someone else's file.
 */
export function scopedUploadKey(
  uploader: AuthUser,
  lessonId: string,
  target: { attachmentId?: string },
  formKey: string,
): string {
  return createHash('sha256')
    .update([uploader.id, lessonId, target.attachmentId ?? 'new', formKey].join('\n'))
    .digest('hex');
}

/** The version an earlier submission of the same form wrote, if any. */
export async function versionByUploadKey(backend: Backend, uploadKey: string): Promise<FileVersion | null> {
  const row = await firstRow(backend, FILE_METADATA, [Query.equal('uploadKey', uploadKey)]);
  return row ? parseFileVersion(row) : null;
}

/** Stores the bytes and writes the metadata row for `version` of `attachmentId` (its own id for a new one). */
export async function storeVersion(
  backend: Backend,
  file: CheckedAttachment,
  uploader: AuthUser,
  attachment: { attachmentId?: string; version: number; uploadKey?: string },
  now: Date,
): Promise<FileVersion> {
  const stored = await backend.storage.put({ bucketId: MATERIALS_BUCKET, ...file });
  try {
    const row = await backend.tables.create({
      ...FILE_METADATA,
      rowId: stored.id,
      data: {
        fileId: attachment.attachmentId ?? stored.id,
        originalName: file.name,
        mimeType: file.mimeType,
        size: file.data.length,
        bucket: MATERIALS_BUCKET,
        uploadedBy: uploader.id,
        uploadedAt: now.toISOString(),
        tags: ['lesson-attachment'],
        version: attachment.version,
        ...(attachment.uploadKey ? { uploadKey: attachment.uploadKey } : {}),
      },
    });
    return parseFileVersion(row);
  } catch (error) {
    await discardFile(backend, stored.id);
    throw error;
  }
}

/** Every version of an attachment, newest first. */
export async function versionsOf(backend: Backend, attachmentId: string): Promise<FileVersion[]> {
  const { rows } = await backend.tables.list({
    ...FILE_METADATA,
    queries: [Query.equal('fileId', attachmentId), Query.orderDesc('version'), Query.limit(500)],
  });
  return rows.map(parseFileVersion);
}

export async function latestVersion(backend: Backend, attachmentId: string): Promise<FileVersion | null> {
  const row = await firstRow(backend, FILE_METADATA, [
    Query.equal('fileId', attachmentId),
    Query.orderDesc('version'),
  ]);
  return row ? parseFileVersion(row) : null;
}

/**
 * The latest version of each of `attachmentIds`, in one list for all of them (a
 * lesson's attachments are read with every lesson view): the versions of a lesson's
 * files are few, so reading them all costs less than a round trip per file.
 */
export async function latestVersionsOf(
  backend: Backend,
  attachmentIds: readonly string[],
): Promise<Map<string, FileVersion>> {
  const latest = new Map<string, FileVersion>();
  if (attachmentIds.length === 0) return latest;
  const rows = await listByIds(backend, FILE_METADATA, attachmentIds, { column: 'fileId' });
  for (const version of rows.map(parseFileVersion)) {
    const known = latest.get(version.fileId);
    if (!known || version.version > known.version) latest.set(version.fileId, version);
  }
  return latest;
}

function discardFile(backend: Backend, fileId: string): Promise<void> {
  return discardStoredFile(backend, { bucketId: MATERIALS_BUCKET, fileId }, 'attachment file');
}

/** Removes every version's file and metadata row; idempotent. */
export async function deleteLessonFiles(backend: Backend, attachmentIds: readonly string[]): Promise<void> {
  for (const attachmentId of attachmentIds) {
    for (const version of await versionsOf(backend, attachmentId)) {
      await discardFile(backend, version.$id);
      await backend.tables.delete({ ...FILE_METADATA, rowId: version.$id });
    }
  }
}
