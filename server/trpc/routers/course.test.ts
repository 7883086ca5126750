/** Course authoring and the catalog through the real procedures on the embedded backend. */
import { TRPCError } from '@trpc/server';
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../../tests/fixtures/images';
import { courseFields, courseWritesSoFar, pngOfSize, seedCourse } from '../../../tests/helpers/courses';
import { startApi, type RunningApi } from '../../../tests/helpers/http';
import { invalidField, outcome } from '../../../tests/helpers/identity';
import {
  contextAs,
  contextFor,
  browserFacts,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { createContext } from '../context';
import { createCaller, type Caller } from '../root';
import { COURSE_TAGS, ENROLLMENTS, SECURITY_LOGS, USER_ACTIVITY } from '../../services/tables';

let services: TestServices;
let owner: AuthUser;
let ownerCaller: Caller;
let api: RunningApi;
beforeAll(async () => {
  services = await createTestServices();
  owner = await createTestUser(services, 'instructor', { name: 'Maya Rivera' });
  ownerCaller = createCaller(await contextFor(services, owner));
  api = await startApi(services);
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});

const callerAs = async (who: 'anonymous' | 'regular' | 'instructor' | 'admin') =>
  createCaller(await contextAs(services, who));

describe('course.create', () => {
  it('makes a draft of the caller with tidy tags', async () => {
    const course = await ownerCaller.course.create(courseFields({ tags: [' SQL', 'sql', 'Data '] }));
    expect(course).toMatchObject({
      isPublished: false,
      tags: ['sql', 'data'],
      instructor: { id: owner.id, name: 'Maya Rivera' },
      lessonCount: 0,
      thumbnailUrl: null,
    });
    const mine = await ownerCaller.course.mine();
    expect(mine.items.map((item) => item.id)).toContain(course.id);
  });

  it.each([
    ['an empty title', { title: '  ' }, 'title'],
    ['a negative price', { price: -1 }, 'price'],
    ['an unknown difficulty', { difficulty: 'expert' }, 'difficulty'],
    ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, 'tags'],
    ['a tag of 33 characters', { tags: ['x'.repeat(33)] }, 'tags.0'],
  ])('refuses %s and changes nothing', async (_, overrides, field) => {
    const before = await courseWritesSoFar(services);
    const call = ownerCaller.course.create({ ...courseFields(), ...overrides } as never);
    expect(await invalidField(call)).toBe(field);
    expect(await outcome(ownerCaller.course.create({ ...courseFields(), ...overrides } as never))).toBe(
      'BAD_REQUEST',
    );
    expect(await courseWritesSoFar(services)).toEqual(before);
  });
});

describe('publishing', () => {
  it('needs at least one lesson, and a refusal changes nothing', async () => {
    const course = await ownerCaller.course.create(courseFields());
    const before = await courseWritesSoFar(services);
    await expect(ownerCaller.course.publish({ courseId: course.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Add at least one lesson before publishing.',
    });
    expect(await courseWritesSoFar(services)).toEqual(before);
  });

  it('keeps course_tags in step and unpublishing keeps enrollments', async () => {
    const { courseId } = await seedCourse(services, owner, { fields: { tags: ['stepping'] } });
    const learner = await createTestUser(services, 'regular');
    await services.backend.tables.create({
      ...ENROLLMENTS,
      data: { userId: learner.id, courseId, progress: 0, enrolledAt: new Date().toISOString() },
    });
    const tagRows = async () =>
      (await services.backend.tables.list({ ...COURSE_TAGS, queries: [Query.equal('courseId', courseId)] }))
        .rows;
    expect((await tagRows()).map((row) => row.isPublished)).toEqual([true]);

    const unpublished = await ownerCaller.course.unpublish({ courseId });
    expect(unpublished.isPublished).toBe(false);
    expect((await tagRows()).map((row) => row.isPublished)).toEqual([false]);
    const enrollments = await services.backend.tables.list({
      ...ENROLLMENTS,
      queries: [Query.equal('courseId', courseId)],
    });
    expect(enrollments.total).toBe(1);
  });
});

describe('moderation', () => {
  const logsOf = async (adminId: string) =>
    (
      await services.backend.tables.list({
        ...SECURITY_LOGS,
        queries: [Query.equal('userId', adminId), Query.equal('action', 'course_moderated')],
      })
    ).rows;

  it('records an admin unpublishing someone else’s course, with the reason', async () => {
    const { courseId } = await seedCourse(services, owner);
    const admin = await createTestUser(services, 'admin');
    const adminCaller = createCaller(await contextFor(services, admin));
    await adminCaller.course.unpublish({ courseId, reason: 'Copyrighted slides' });
    const [log] = await logsOf(admin.id);
    expect(log).toMatchObject({
      action: 'course_moderated',
      ipAddress: '127.0.0.1',
      userAgent: 'Aurora tests',
    });
    expect(log?.reason).toContain(courseId);
    expect(log?.reason).toContain('Copyrighted slides');
  });

  it('records nothing when the owner (or an admin owning it) unpublishes', async () => {
    const admin = await createTestUser(services, 'admin');
    const { courseId } = await seedCourse(services, admin);
    await createCaller(await contextFor(services, admin)).course.unpublish({ courseId, reason: 'mine' });
    expect(await logsOf(admin.id)).toEqual([]);
  });
});

describe('drafts are invisible to everyone but the owner and admins', () => {
  it('in the catalog, search, tag filter, course.get and lesson.get', async () => {
    const word = 'zanzibarian';
    const draft = await seedCourse(services, owner, {
      published: false,
      fields: { description: `A ${word} secret`, tags: ['hidden-tag'] },
    });
    for (const who of ['anonymous', 'regular', 'instructor', 'admin'] as const) {
      const caller = await callerAs(who);
      // The catalog is the catalog: not even an admin sees drafts there.
      for (const query of [{}, { search: word }, { tag: 'hidden-tag' }, { limit: 50 }]) {
        const ids = (await caller.course.list(query)).items.map((item) => item.id);
        expect(ids, `${who} ${JSON.stringify(query)}`).not.toContain(draft.courseId);
      }
      const expected = who === 'admin' ? 'ok' : 'NOT_FOUND';
      expect(await outcome(caller.course.get({ courseId: draft.courseId })), who).toBe(expected);
      expect(await outcome(caller.lesson.get({ lessonId: draft.previewLessonId })), who).toBe(expected);
    }
    expect(await outcome(ownerCaller.course.get({ courseId: draft.courseId }))).toBe('ok');
    expect(await outcome(ownerCaller.lesson.get({ lessonId: draft.lessonId }))).toBe('ok');
  });
});

describe('the catalog', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const make = async (key: string, fields: Parameters<typeof courseFields>[0]) =>
      [
        key,
        (await seedCourse(services, owner, { fields: { category: 'catalogtest', ...fields } })).courseId,
      ] as const;
    ids = Object.fromEntries([
      await make('alpha', {
        title: 'Alpha astronomy',
        description: 'Stars and quasars for everyone',
        difficulty: 'beginner',
        price: 0,
        tags: ['space'],
      }),
      await make('beta', {
        title: 'Beta biology',
        description: 'Cells, genes and evolution',
        difficulty: 'advanced',
        price: 49,
        tags: ['life', 'science'],
      }),
      await make('gamma', {
        title: 'Gamma geology',
        description: 'Rocks that tell stories',
        difficulty: 'intermediate',
        price: 10,
        tags: ['science'],
      }),
    ]);
  });

  const list = async (query: Parameters<Caller['course']['list']>[0]) => {
    const page = await (await callerAs('anonymous')).course.list({ category: 'catalogtest', ...query });
    return page.items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0]);
  };

  it('filters by difficulty, price and tag, and sorts by newest or title', async () => {
    expect(await list({})).toEqual(['gamma', 'beta', 'alpha']);
    expect(await list({ sort: 'title' })).toEqual(['alpha', 'beta', 'gamma']);
    expect(await list({ difficulty: 'advanced' })).toEqual(['beta']);
    expect(await list({ price: 'free' })).toEqual(['alpha']);
    expect(await list({ price: 'paid' })).toEqual(['gamma', 'beta']);
    expect(await list({ tag: 'science' })).toEqual(['gamma', 'beta']);
    expect(await list({ tag: 'SCIENCE ' })).toEqual(['gamma', 'beta']);
  });

  it('searches title, description and tags', async () => {
    expect(await list({ search: 'quasars' })).toEqual(['alpha']);
    expect(await list({ search: 'Geology' })).toEqual(['gamma']);
    expect(await list({ search: 'life' })).toEqual(['beta']);
    expect(await list({ search: 'nothing-like-this' })).toEqual([]);
  });

  it('pages with a cursor, and the search text follows edits', async () => {
    const first = await (await callerAs('anonymous')).course.list({ category: 'catalogtest', limit: 2 });
    expect(first.total).toBe(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await (
      await callerAs('anonymous')
    ).course.list({ category: 'catalogtest', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    await ownerCaller.course.update({
      courseId: ids.alpha ?? '',
      description: 'Nebulae now',
      tags: ['nebula'],
    });
    expect(await list({ search: 'quasars' })).toEqual([]);
    expect(await list({ search: 'nebulae' })).toEqual(['alpha']);
    expect(await list({ tag: 'space' })).toEqual([]);
    expect(await list({ tag: 'nebula' })).toEqual(['alpha']);
  });
});

describe('a catalog cursor outside the catalog', () => {
  const STALE = 'This page link is no longer valid. Start again from the first page.';
  let draft: string;
  let draftTagRow: string;
  beforeAll(async () => {
    await seedCourse(services, owner, { fields: { title: 'Aardvark basics', tags: ['cursor-probe'] } });
    await seedCourse(services, owner, { fields: { title: 'Zebra studies', tags: ['cursor-probe'] } });
    draft = (
      await seedCourse(services, owner, {
        published: false,
        fields: { title: 'Middle secret draft', tags: ['cursor-probe'] },
      })
    ).courseId;
    const tagRows = await services.backend.tables.list({
      ...COURSE_TAGS,
      queries: [Query.equal('courseId', draft), Query.limit(1)],
    });
    draftTagRow = tagRows.rows[0]?.$id ?? '';
    expect(draftTagRow).not.toBe('');
  });

  /** The refusal a list gives, or a failure naming what it leaked. */
  async function refusal(promise: Promise<{ items: { id: string; title: string }[] }>) {
    const answer = await promise.then(
      (page) => new Error(`answered ${JSON.stringify(page.items.map((item) => item.title))}`),
      (error: unknown) => error,
    );
    expect(answer).toBeInstanceOf(TRPCError);
    return answer instanceof TRPCError ? { code: answer.code, message: answer.message } : {};
  }

  it.each([
    ['a draft sorted by title', () => ({ cursor: draft, sort: 'title' as const })],
    ['a draft, newest first', () => ({ cursor: draft })],
    ['a draft, within a tag', () => ({ cursor: draft, tag: 'cursor-probe', sort: 'title' as const })],
    ['a draft’s tag row, within that tag', () => ({ cursor: draftTagRow, tag: 'cursor-probe' })],
    ['an id that is no row at all', () => ({ cursor: 'no-such-row', sort: 'title' as const })],
  ])('refuses %s as BAD_REQUEST, leaking nothing', async (_, input) => {
    for (const who of ['anonymous', 'regular', 'admin'] as const) {
      const caller = await callerAs(who);
      expect(await refusal(caller.course.list(input())), who).toEqual({
        code: 'BAD_REQUEST',
        message: STALE,
      });
    }
  });

  it('says so over HTTP too, naming no database, table or column', async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { cursor: draft, sort: 'title' } }));
    const response = await fetch(`${api.base}/api/trpc/course.list?input=${input}`);
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).toContain(STALE);
    expect(body).not.toMatch(/aurora_|courses|course_tags|isPublished/);
    expect(body).not.toContain('Zebra');
  });

  it('still pages from a published course, in a tag too', async () => {
    const caller = await callerAs('anonymous');
    const byTitle = await caller.course.list({ tag: 'cursor-probe' });
    expect(byTitle.items.map((item) => item.title)).toEqual(['Zebra studies', 'Aardvark basics']);
    const first = await caller.course.list({ tag: 'cursor-probe', limit: 1 });
    const second = await caller.course.list({
      tag: 'cursor-probe',
      limit: 1,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((item) => item.title)).toEqual(['Aardvark basics']);
  });
});

describe('course.get', () => {
  it('shows the outline and records no course_view, even for signed-in viewers', async () => {
    const seeded = await seedCourse(services, owner);
    const activity = async () =>
      (
        await services.backend.tables.list({
          ...USER_ACTIVITY,
          queries: [Query.equal('resourceId', seeded.courseId), Query.equal('action', 'course_view')],
        })
      ).rows;
    const anonymous = await (await callerAs('anonymous')).course.get({ courseId: seeded.courseId });
    expect(anonymous).toMatchObject({ canEdit: false, lessonCount: 2 });
    expect(anonymous.lessons).toEqual([
      expect.objectContaining({ title: 'Welcome', order: 1, isPreview: true, attachmentCount: 0 }),
      expect.objectContaining({ title: 'Joins', order: 2, isPreview: false, attachmentCount: 1 }),
    ]);
    expect(await activity()).toEqual([]);

    const learner = await createTestUser(services, 'regular');
    await createCaller(await contextFor(services, learner)).course.get({ courseId: seeded.courseId });
    // The course page records views itself (tests/app/page-views.test.ts).
    expect(await activity()).toEqual([]);
    expect((await ownerCaller.course.get({ courseId: seeded.courseId })).canEdit).toBe(true);
  });
});

describe('thumbnails', () => {
  const upload = (data: Buffer, fileName = 'cover.png') => ({
    fileName,
    mimeType: 'image/png',
    base64: data.toString('base64'),
  });

  it('stores a small image, serves it publicly and deletes the old one on replacement', async () => {
    const course = await ownerCaller.course.create(courseFields());
    const first = await ownerCaller.course.update({
      courseId: course.id,
      thumbnail: upload(pngOfSize(1920, 1080)),
    });
    expect(first.thumbnailUrl).toMatch(/^\/thumbnails\//);
    const response = await fetch(`${api.base}${first.thumbnailUrl ?? ''}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");

    const before = (await services.backend.storage.list({ bucketId: 'thumbnails' })).total;
    const second = await ownerCaller.course.update({
      courseId: course.id,
      thumbnail: upload(samples.webp, 'c.webp'),
    });
    expect(second.thumbnailUrl).not.toBe(first.thumbnailUrl);
    expect((await services.backend.storage.list({ bucketId: 'thumbnails' })).total).toBe(before);
    expect((await fetch(`${api.base}${first.thumbnailUrl ?? ''}`)).status).toBe(404);

    const removed = await ownerCaller.course.update({ courseId: course.id, thumbnail: null });
    expect(removed.thumbnailUrl).toBeNull();
    expect((await services.backend.storage.list({ bucketId: 'thumbnails' })).total).toBe(before - 1);
  });

  it.each([
    ['an image wider than 1920 px', pngOfSize(1921, 100), '1921×100'],
    ['an image taller than 1080 px', pngOfSize(100, 1081), '100×1081'],
    ['an image over 1 MiB', Buffer.concat([samples.png, Buffer.alloc(1024 * 1024)]), 'Too large'],
    ['a GIF', samples.gif, 'PNG, JPEG or WebP'],
    ['an SVG', samples.svg, 'PNG, JPEG or WebP'],
  ])('refuses %s with the limits, changing nothing', async (_, data, words) => {
    const course = await ownerCaller.course.create(courseFields());
    const before = await courseWritesSoFar(services);
    await expect(
      ownerCaller.course.update({ courseId: course.id, thumbnail: upload(data) }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(words),
    });
    expect(await courseWritesSoFar(services)).toEqual(before);
  });
});

describe('course.delete', () => {
  it('removes lessons, attachment files and metadata, tags, enrollments and the thumbnail', async () => {
    const before = await courseWritesSoFar(services);
    const seeded = await seedCourse(services, owner);
    await ownerCaller.course.update({
      courseId: seeded.courseId,
      thumbnail: { ...{ fileName: 'a.png', mimeType: 'image/png' }, base64: samples.png.toString('base64') },
    });
    await services.backend.tables.create({
      ...ENROLLMENTS,
      data: {
        userId: owner.id,
        courseId: seeded.courseId,
        progress: 0,
        enrolledAt: new Date().toISOString(),
      },
    });
    await ownerCaller.course.delete({ courseId: seeded.courseId });
    const after = await courseWritesSoFar(services);
    expect({ ...after, events: 0, activity: 0 }).toEqual({ ...before, events: 0, activity: 0 });
    expect(await outcome(ownerCaller.course.get({ courseId: seeded.courseId }))).toBe('NOT_FOUND');
  });
});

describe('requests from another site', () => {
  it('are refused for mutations', async () => {
    const ctx = await createContext(services, { ...browserFacts, origin: 'https://evil.example' });
    expect(await outcome(createCaller(ctx).course.create(courseFields()))).toBe('FORBIDDEN');
  });
});
