/** Lesson attachments over real HTTP: access checked on every request, downloads never cached. */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../tests/fixtures/images';
import { seedCourse, type SeededCourse } from '../../tests/helpers/courses';
import { startApi, type RunningApi } from '../../tests/helpers/http';
import {
  scopeFor,
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import type { AuthUser } from '../backend/port';
import { unpublishCourse } from '../services/courses/courses';
import { addAttachment } from '../services/courses/lesson-attachments';
import { USER_ACTIVITY } from '../services/tables';
import { contentDisposition } from './attachment-handler';
import { SESSION_COOKIE } from './request-facts';

let services: TestServices;
let api: RunningApi;
let owner: AuthUser;
let course: SeededCourse;
let previewAttachment: string;
beforeAll(async () => {
  services = await createTestServices();
  api = await startApi(services);
  owner = await createTestUser(services, 'instructor');
  course = await seedCourse(services, owner);
  const preview = await addAttachment(scopeFor(services, owner), {
    lessonId: course.previewLessonId,
    file: { fileName: 'Übung 1.pdf', mimeType: 'application/pdf', base64: samples.pdf.toString('base64') },
  });
  previewAttachment = preview.attachments[0]?.id ?? '';
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});

async function cookieFor(user: AuthUser): Promise<Record<string, string>> {
  const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(session.secret)}` };
}

const download = (lessonId: string, attachmentId: string, headers: Record<string, string> = {}) =>
  fetch(`${api.base}/files/lessons/${lessonId}/${attachmentId}`, { headers });

describe('GET /files/lessons/:lessonId/:attachmentId', () => {
  it('gives the owner the file as a download, and records it', async () => {
    const response = await download(course.lessonId, course.attachmentId, await cookieFor(owner));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(samples.pdf);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="notes.pdf"; filename*=UTF-8''notes.pdf`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const rows = await services.backend.tables.list({
      ...USER_ACTIVITY,
      queries: [Query.equal('action', 'download'), Query.equal('resourceId', course.attachmentId)],
    });
    expect(rows.rows.map((row) => row.userId)).toEqual([owner.id]);
  });

  it('asks a visitor to sign in (401) and refuses a learner who is not enrolled (403)', async () => {
    expect((await download(course.lessonId, course.attachmentId)).status).toBe(401);
    const learner = await createTestUser(services, 'regular');
    expect((await download(course.lessonId, course.attachmentId, await cookieFor(learner))).status).toBe(403);
    const other = await createTestUser(services, 'instructor');
    expect((await download(course.lessonId, course.attachmentId, await cookieFor(other))).status).toBe(403);
  });

  it('serves a preview lesson’s attachment to anyone while the course is published', async () => {
    const response = await download(course.previewLessonId, previewAttachment);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="_bung 1.pdf"; filename*=UTF-8''%C3%9Cbung%201.pdf`,
    );
    // Checked on every request: unpublishing closes it at once.
    const other = await seedCourse(services, owner);
    const lesson = await addAttachment(scopeFor(services, owner), {
      lessonId: other.previewLessonId,
      file: { fileName: 'a.pdf', mimeType: 'application/pdf', base64: samples.pdf.toString('base64') },
    });
    const id = lesson.attachments[0]?.id ?? '';
    expect((await download(other.previewLessonId, id)).status).toBe(200);
    await unpublishCourse(scopeFor(services, owner, { clientIp: 'x', userAgent: 'y' }), {
      courseId: other.courseId,
    });
    expect((await download(other.previewLessonId, id)).status).toBe(404);
  });

  it('answers 404 for unknown lessons, attachments of another lesson and odd paths', async () => {
    expect((await download('nope', course.attachmentId)).status).toBe(404);
    expect((await download(course.previewLessonId, course.attachmentId, await cookieFor(owner))).status).toBe(
      404,
    );
    expect((await fetch(`${api.base}/files/lessons/${course.lessonId}/../../x`)).status).toBe(404);
  });

  it('encodes names safely for the header', () => {
    expect(contentDisposition('a"b\\c.pdf')).toBe(
      `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`,
    );
  });
});
