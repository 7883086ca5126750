/**
 * Every field rule in shared/fields allows exactly what its column in appwrite.json
 * holds: the longest value the column takes passes, one character more is refused.
 * A limit that drifts from its column (or a column resized without its rule) fails here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { projectSchemaSpec, type ColumnSpec } from '../../server/backend/schema';
import {
  categorySchema,
  courseDescriptionSchema,
  courseTitleSchema,
  difficultySchema,
  durationSchema,
  priceSchema,
  reviewCommentSchema,
  tagSchema,
  unpublishReasonSchema,
} from '../../shared/fields/course';
import { idSchema } from '../../shared/fields/ids';
import {
  lessonContentSchema,
  lessonDescriptionSchema,
  lessonTitleSchema,
  videoDurationSchema,
} from '../../shared/fields/lesson';
import {
  DIFFICULTIES,
  ID_MAX_LENGTH,
  ROLES,
  UPLOAD_MAX_BYTES,
  VIDEO_MAX_SECONDS,
} from '../../shared/fields/limits';
import {
  apiTokenNameSchema,
  bioSchema,
  emailSchema,
  personNameSchema,
  roleSchema,
} from '../../shared/fields/people';

const project = projectSchemaSpec();

function columnOf(tableId: string, key: string): ColumnSpec {
  const table = project.tables.find((each) => each.$id === tableId);
  const column = table?.columns.find((each) => each.key === key);
  if (!column) throw new Error(`appwrite.json has no column ${tableId}.${key}`);
  return column;
}

function sizeOf(tableId: string, key: string): number {
  const column = columnOf(tableId, key);
  if (column.type !== 'string' || column.size === undefined) throw new Error(`${tableId}.${key} has no size`);
  return column.size;
}

const letters = (length: number) => 'x'.repeat(length);
const email = (length: number) => `${'a'.repeat(length - '@school.org'.length)}@school.org`;

const TEXT_FIELDS: [string, string, z.ZodType, (length: number) => string][] = [
  ['courses', 'title', courseTitleSchema, letters],
  ['courses', 'description', courseDescriptionSchema, letters],
  ['courses', 'category', categorySchema, letters],
  ['courses', 'tags', tagSchema, letters],
  ['course_tags', 'tag', tagSchema, letters],
  ['lessons', 'title', lessonTitleSchema, letters],
  ['lessons', 'description', lessonDescriptionSchema, letters],
  ['lessons', 'content', lessonContentSchema, letters],
  ['users', 'email', emailSchema, email],
  ['users', 'name', personNameSchema, letters],
  ['users', 'bio', bioSchema, letters],
  ['api_tokens', 'name', apiTokenNameSchema, letters],
  ['security_logs', 'reason', unpublishReasonSchema, letters],
  ['courses', 'reviewComment', reviewCommentSchema, letters],
  ['courses', 'instructor', idSchema, letters],
  ['lessons', 'courseId', idSchema, letters],
  ['enrollments', 'userId', idSchema, letters],
];

describe('field rules and appwrite.json columns', () => {
  it.each(TEXT_FIELDS)('%s.%s: its size passes, one more is refused', (table, key, rule, valueOf) => {
    const size = sizeOf(table, key);
    expect(rule.safeParse(valueOf(size)).success).toBe(true);
    expect(rule.safeParse(valueOf(size + 1)).success).toBe(false);
  });

  it('ids are as long as every id column', () => {
    expect(sizeOf('file_metadata', 'fileId')).toBe(ID_MAX_LENGTH);
    expect(sizeOf('lessons', 'attachments')).toBe(ID_MAX_LENGTH);
  });

  it.each([
    ['courses', 'duration', durationSchema],
    ['courses', 'price', priceSchema],
  ] as const)('%s.%s: the column’s range passes, a cent outside it is refused', (table, key, rule) => {
    const column = columnOf(table, key);
    if (column.type !== 'double' || column.min == null || column.max == null)
      throw new Error(`${table}.${key} has no range`);
    expect(rule.safeParse(column.min).success).toBe(true);
    expect(rule.safeParse(column.max).success).toBe(true);
    expect(rule.safeParse(column.min - 0.01).success).toBe(false);
    expect(rule.safeParse(column.max + 0.01).success).toBe(false);
  });

  it.each([
    ['courses', 'difficulty', DIFFICULTIES, difficultySchema],
    ['users', 'role', ROLES, roleSchema],
  ] as const)('%s.%s: the choices are the column’s elements', (table, key, choices, rule) => {
    const column = columnOf(table, key);
    const elements = column.type === 'string' ? column.elements : undefined;
    expect([...choices]).toEqual(elements);
    for (const choice of choices) expect(rule.safeParse(choice).success).toBe(true);
    expect(rule.safeParse('other').success).toBe(false);
  });

  it('a video’s length is what lessons.videoDuration and the watch-time columns hold', () => {
    for (const [table, key] of [
      ['lessons', 'videoDuration'],
      ['video_progress', 'watchedSeconds'],
      ['video_progress', 'totalSeconds'],
    ] as const) {
      const column = columnOf(table, key);
      expect(column.type === 'integer' ? column.max : undefined, `${table}.${key}`).toBe(VIDEO_MAX_SECONDS);
    }
    expect(videoDurationSchema.safeParse(VIDEO_MAX_SECONDS).success).toBe(true);
    expect(videoDurationSchema.safeParse(VIDEO_MAX_SECONDS + 1).success).toBe(false);
  });

  it.each([
    ['course-materials', UPLOAD_MAX_BYTES.attachment],
    ['thumbnails', UPLOAD_MAX_BYTES.thumbnail],
    ['user-uploads', UPLOAD_MAX_BYTES.avatar],
  ] as const)('uploads to %s are capped at the bucket’s maximumFileSize', (bucketId, maxBytes) => {
    expect(project.buckets.find((bucket) => bucket.$id === bucketId)?.maximumFileSize).toBe(maxBytes);
  });
});
