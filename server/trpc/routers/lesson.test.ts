/** Lesson authoring, ordering and attachments through the real procedures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../../tests/fixtures/images';
import { courseWritesSoFar, pdfUpload, seedCourse } from '../../../tests/helpers/courses';
import { outcome } from '../../../tests/helpers/identity';
import {
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { MAX_ATTACHMENT_BYTES } from '../../services/courses/attachments';
import { findBucket, projectSchemaSpec } from '../../backend/schema';
import { createCaller, type Caller } from '../root';

let services: TestServices;
let owner: AuthUser;
let caller: Caller;
beforeAll(async () => {
  services = await createTestServices();
  owner = await createTestUser(services, 'instructor');
  caller = createCaller(await contextFor(services, owner));
});
afterAll(async () => {
  await services.cleanup();
});

describe('lesson content', () => {
  it('is sanitized when saved and links are made safe', async () => {
    const { courseId } = await seedCourse(services, owner);
    const lesson = await caller.lesson.create({
      courseId,
      title: 'Unsafe',
      content: '<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">bad</a></p>',
      isPreview: false,
    });
    expect(lesson.contentHtml).toBe(
      '<p>Hi <a rel="noopener noreferrer nofollow" target="_blank">bad</a></p>',
    );
    expect(lesson.order).toBe(3);
    const updated = await caller.lesson.update({
      lessonId: lesson.id,
      content: '<h2>Ok</h2><iframe src="x"></iframe>',
    });
    expect(updated.contentHtml).toBe('<h2>Ok</h2>');
  });

  it('is previewed exactly as a save would sanitize it, and nothing is written', async () => {
    const content =
      '<h2 style="color:red">Plan</h2><img src="https://example.org/a.png" onerror="alert(1)"><p>Go</p>';
    const before = await courseWritesSoFar(services);
    const { html } = await caller.lesson.previewContent({ content });
    expect(html).toBe('<h2>Plan</h2><img src="https://example.org/a.png" /><p>Go</p>');
    expect(await courseWritesSoFar(services)).toEqual(before);
  });

  it('knows its neighbours', async () => {
    const { courseId, previewLessonId, lessonId } = await seedCourse(services, owner);
    const first = await caller.lesson.get({ lessonId: previewLessonId });
    expect(first).toMatchObject({ prevLessonId: null, nextLessonId: lessonId, canEdit: true });
    expect(first.course).toMatchObject({ id: courseId, isPublished: true, instructorId: owner.id });
  });
});

describe('lesson.reorder and lesson.delete', () => {
  it('reorders, and deleting renumbers the rest', async () => {
    const { courseId, previewLessonId, lessonId } = await seedCourse(services, owner);
    const third = await caller.lesson.create({ courseId, title: 'Third', isPreview: false });
    await caller.lesson.reorder({ courseId, lessonIds: [third.id, lessonId, previewLessonId] });
    const outline = async () => (await caller.course.get({ courseId })).lessons.map((l) => [l.id, l.order]);
    expect(await outline()).toEqual([
      [third.id, 1],
      [lessonId, 2],
      [previewLessonId, 3],
    ]);
    await caller.lesson.delete({ lessonId });
    expect(await outline()).toEqual([
      [third.id, 1],
      [previewLessonId, 2],
    ]);
  });

  it.each([
    ['a lesson of another course', 'foreign'],
    ['a missing lesson', 'missing'],
    ['a duplicate', 'duplicate'],
  ])('refuses %s and changes nothing', async (_, kind) => {
    const { courseId, previewLessonId, lessonId } = await seedCourse(services, owner);
    const other = await seedCourse(services, owner);
    const ids =
      kind === 'foreign'
        ? [lessonId, other.lessonId]
        : kind === 'missing'
          ? [lessonId]
          : [lessonId, lessonId, previewLessonId];
    const before = await courseWritesSoFar(services);
    expect(await outcome(caller.lesson.reorder({ courseId, lessonIds: ids }))).toBe('BAD_REQUEST');
    expect(await courseWritesSoFar(services)).toEqual(before);
  });
});

describe('attachments', () => {
  it('match the course-materials bucket in appwrite.json', () => {
    expect(findBucket(projectSchemaSpec(), 'course-materials')?.maximumFileSize).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('keep a version history when replaced, and are removed with every version', async () => {
    const { lessonId, attachmentId } = await seedCourse(services, owner);
    const replaced = await caller.lesson.replaceAttachment({
      lessonId,
      attachmentId,
      file: pdfUpload('notes v2.pdf', Buffer.concat([samples.pdf, Buffer.from('more')])),
    });
    expect(replaced.attachments).toEqual([
      expect.objectContaining({
        id: attachmentId,
        name: 'notes v2.pdf',
        version: 2,
        mimeType: 'application/pdf',
      }),
    ]);
    const history = await caller.lesson.attachmentHistory({ lessonId, attachmentId });
    expect(history.items.map((item) => [item.version, item.name, item.uploadedBy])).toEqual([
      [2, 'notes v2.pdf', owner.id],
      [1, 'notes.pdf', owner.id],
    ]);

    const before = await courseWritesSoFar(services);
    const removed = await caller.lesson.removeAttachment({ lessonId, attachmentId });
    expect(removed.attachments).toEqual([]);
    const after = await courseWritesSoFar(services);
    expect(before.materials - after.materials).toBe(2);
    expect(before.fileMetadata - after.fileMetadata).toBe(2);
  });

  const upload = (fileName: string, data: Buffer) => ({
    fileName,
    mimeType: 'application/pdf',
    base64: data.toString('base64'),
  });
  it.each([
    ['an executable', upload('setup.exe', Buffer.from('MZ\x90\x00', 'latin1')), 'cannot be attached'],
    [
      'an executable named .pdf',
      upload('notes.pdf', Buffer.from('MZ\x90\x00', 'latin1')),
      'Programs and web pages',
    ],
    ['a web page named .pdf', upload('notes.pdf', samples.script), 'Programs and web pages'],
    ['a web page named .txt', upload('notes.txt', Buffer.from('<!DOCTYPE html><p>x')), 'not really a .txt'],
    ['an SVG', upload('pic.svg', samples.svg), 'cannot be attached'],
    ['a PNG named .pdf', upload('notes.pdf', samples.png), 'not really a .pdf'],
    [
      'a file over 25 MiB',
      upload('big.pdf', Buffer.concat([samples.pdf, Buffer.alloc(MAX_ATTACHMENT_BYTES)])),
      '25 MiB',
    ],
    ['a file without a name', upload('.pdf', samples.pdf), 'cannot be attached'],
  ])('refuse %s and change nothing', async (_, file, words) => {
    const { lessonId } = await seedCourse(services, owner);
    const before = await courseWritesSoFar(services);
    await expect(caller.lesson.addAttachment({ lessonId, file })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(words),
    });
    expect(await courseWritesSoFar(services)).toEqual(before);
  });
});
