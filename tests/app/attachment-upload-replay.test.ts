/**
 * One submission of an upload form is one attachment, however often it arrives: the
 * lesson editor's form post replayed (a resent POST, a double click) through the page's
 * action and the real router, the same tRPC call made twice, and two copies racing each
 * other. Each stores one file, one metadata row and one set of outbox events; a new key
 * (the next rendered form) is a new upload.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonEditorAction } from '../../app/routes/teach.courses.$courseId.lessons.$lessonId/actions.server';
import type { AuthUser } from '../../server/backend/port';
import { pageViewsOf } from '../../server/http/load-context';
import type { Context } from '../../server/trpc/context';
import { createCaller, type Caller } from '../../server/trpc/root';
import { samples } from '../fixtures/images';
import { courseWritesSoFar, pdfUpload, seedCourse } from '../helpers/courses';
import { outcome } from '../helpers/identity';
import { contextFor, createTestServices, createTestUser, type TestServices } from '../helpers/services';
import { FILE_METADATA } from '../../server/services/tables';

let services: TestServices;
let owner: AuthUser;
let caller: Caller;
let ctx: Context;
beforeAll(async () => {
  services = await createTestServices();
  owner = await createTestUser(services, 'instructor');
  ctx = await contextFor(services, owner);
  caller = createCaller(ctx);
});
afterAll(async () => {
  await services.cleanup();
});

const KEY = 'k7Yd2mQxW9pLr4Tz';

/** The multipart POST a browser sends for the editor's "Upload file" or "Replace" form. */
function uploadPost(
  courseId: string,
  lessonId: string,
  fields: { intent: string; uploadKey?: string; attachmentId?: string; name?: string },
): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  form.set(
    'file',
    new File([new Uint8Array(samples.pdf)], fields.name ?? 'worksheet.pdf', { type: 'application/pdf' }),
  );
  return new Request(`${services.env.publicUrl.origin}/teach/courses/${courseId}/lessons/${lessonId}`, {
    method: 'POST',
    body: form,
  });
}

async function postForm(courseId: string, lessonId: string, fields: Parameters<typeof uploadPost>[2]) {
  const answer = await lessonEditorAction({
    request: uploadPost(courseId, lessonId, fields),
    context: {
      trpc: caller,
      cspNonce: 'test',
      responseHeaders: new Headers(),
      pageViews: pageViewsOf(ctx),
      signedIn: ctx.user !== null,
    },
    courseId,
    lessonId,
  });
  return answer instanceof Response ? answer.status : 'data';
}

const attachmentsOf = async (lessonId: string) => (await caller.lesson.get({ lessonId })).attachments;
const versionRows = async () =>
  (await services.backend.tables.list({ ...FILE_METADATA, queries: [Query.limit(500)] })).rows.length;

describe('the upload form replayed', () => {
  it('adds one attachment, one file and one set of events, however often it is posted', async () => {
    const { courseId, lessonId } = await seedCourse(services, owner);
    const before = await courseWritesSoFar(services);
    expect(await postForm(courseId, lessonId, { intent: 'add-attachment', uploadKey: KEY })).toBe(302);
    const once = await courseWritesSoFar(services);
    expect(once.fileMetadata).toBe(before.fileMetadata + 1);
    expect(once.materials).toBe(before.materials + 1);

    expect(await postForm(courseId, lessonId, { intent: 'add-attachment', uploadKey: KEY })).toBe(302);
    expect(await postForm(courseId, lessonId, { intent: 'add-attachment', uploadKey: KEY })).toBe(302);
    expect(await courseWritesSoFar(services)).toEqual(once);
    const names = (await attachmentsOf(lessonId)).map((file) => [file.name, file.version]);
    expect(names).toEqual([
      ['notes.pdf', 1],
      ['worksheet.pdf', 1],
    ]);

    // The next rendered form has a new key: that is a new upload.
    expect(
      await postForm(courseId, lessonId, { intent: 'add-attachment', uploadKey: 'second-form-key-000' }),
    ).toBe(302);
    expect(await attachmentsOf(lessonId)).toHaveLength(3);
  });

  it('adds one version when a "Replace" form is posted twice', async () => {
    const { courseId, lessonId, attachmentId } = await seedCourse(services, owner);
    const fields = { intent: 'replace-attachment', attachmentId, uploadKey: KEY, name: 'notes v2.pdf' };
    expect(await postForm(courseId, lessonId, fields)).toBe(302);
    const once = await courseWritesSoFar(services);
    expect(await postForm(courseId, lessonId, fields)).toBe(302);
    expect(await courseWritesSoFar(services)).toEqual(once);
    const history = await caller.lesson.attachmentHistory({ lessonId, attachmentId });
    expect(history.items.map((item) => item.version)).toEqual([2, 1]);
  });

  it('without a key (an old page, a script) every post is its own upload', async () => {
    const { courseId, lessonId } = await seedCourse(services, owner);
    await postForm(courseId, lessonId, { intent: 'add-attachment' });
    await postForm(courseId, lessonId, { intent: 'add-attachment' });
    expect(await attachmentsOf(lessonId)).toHaveLength(3);
  });
});

describe('lesson.addAttachment and lesson.replaceAttachment with an uploadKey', () => {
  it('answer a repeated call with the same lesson and write nothing', async () => {
    const { lessonId } = await seedCourse(services, owner);
    const first = await caller.lesson.addAttachment({ lessonId, file: pdfUpload('a.pdf'), uploadKey: KEY });
    const once = await courseWritesSoFar(services);
    const again = await caller.lesson.addAttachment({ lessonId, file: pdfUpload('a.pdf'), uploadKey: KEY });
    expect(await courseWritesSoFar(services)).toEqual(once);
    expect(again.attachments).toEqual(first.attachments);
    expect(again.attachments).toHaveLength(2);
  });

  it('store one attachment when two copies of the same call race', async () => {
    const { lessonId } = await seedCourse(services, owner);
    const rowsBefore = await versionRows();
    const before = await courseWritesSoFar(services);
    const call = () => caller.lesson.addAttachment({ lessonId, file: pdfUpload('race.pdf'), uploadKey: KEY });
    const answers = await Promise.all([call(), call(), call()]);
    const after = await courseWritesSoFar(services);
    expect(after.materials).toBe(before.materials + 1);
    expect(await versionRows()).toBe(rowsBefore + 1);
    const listed = (await attachmentsOf(lessonId)).filter((file) => file.name === 'race.pdf');
    expect(listed).toHaveLength(1);
    for (const answer of answers)
      expect(answer.attachments.filter((file) => file.name === 'race.pdf').length).toBeLessThanOrEqual(1);
  });

  it('store one version when two copies of the same replacement race', async () => {
    const { lessonId, attachmentId } = await seedCourse(services, owner);
    const call = () =>
      caller.lesson.replaceAttachment({ lessonId, attachmentId, file: pdfUpload('v2.pdf'), uploadKey: KEY });
    await Promise.all([call(), call()]);
    const history = await caller.lesson.attachmentHistory({ lessonId, attachmentId });
    expect(history.items.map((item) => item.version)).toEqual([2, 1]);
  });

  it('bind the key to the uploader and the lesson: the same key elsewhere is a new upload', async () => {
    const first = await seedCourse(services, owner);
    const second = await seedCourse(services, owner);
    await caller.lesson.addAttachment({ lessonId: first.lessonId, file: pdfUpload('x.pdf'), uploadKey: KEY });
    const other = await caller.lesson.addAttachment({
      lessonId: second.lessonId,
      file: pdfUpload('x.pdf'),
      uploadKey: KEY,
    });
    expect(other.attachments.map((file) => file.name)).toEqual(['notes.pdf', 'x.pdf']);

    const stranger = await createTestUser(services, 'instructor');
    const strangerCaller = createCaller(await contextFor(services, stranger));
    const before = await courseWritesSoFar(services);
    expect(
      await outcome(
        strangerCaller.lesson.addAttachment({
          lessonId: first.lessonId,
          file: pdfUpload('x.pdf'),
          uploadKey: KEY,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await courseWritesSoFar(services)).toEqual(before);
  });

  it('refuse a malformed key and change nothing', async () => {
    const { lessonId } = await seedCourse(services, owner);
    const before = await courseWritesSoFar(services);
    for (const uploadKey of ['short', 'x'.repeat(65), 'has spaces in it here', '../../etc/passwd/xx'])
      expect(await outcome(caller.lesson.addAttachment({ lessonId, file: pdfUpload(), uploadKey }))).toBe(
        'BAD_REQUEST',
      );
    expect(await courseWritesSoFar(services)).toEqual(before);
  });
});
