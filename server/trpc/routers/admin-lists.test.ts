/**
 * The admin's lists of issue 11: all courses (`course.listAll`) and the security log's
 * names (`video.securityLog`). Both are checked through the real router, and both for
 * their budget: a page makes the same number of backend calls with 2 rows as with 12.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courseFields, courseWritesSoFar, seedCourse } from '../../../tests/helpers/courses';
import { outcome } from '../../../tests/helpers/identity';
import {
  scopeFor,
  browserFacts,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser, Backend } from '../../backend/port';
import { listAllCourses } from '../../services/courses/admin-list';
import { createCourse } from '../../services/courses/courses';
import { recordVideoEvent, VIDEO_ACTIONS } from '../../services/video/audit';
import { listSecurityLog, mentionsOf } from '../../services/video/security-log';
import { createCaller, type Caller } from '../root';

let services: TestServices;
let admin: AuthUser;
let maya: AuthUser;
let asAdmin: Caller;

beforeEach(async () => {
  services = await createTestServices();
  admin = await createTestUser(services, 'admin', { name: 'Alex Admin', email: 'alex@aurora.test' });
  maya = await createTestUser(services, 'instructor', { name: 'Maya Rivera', email: 'maya@aurora.test' });
  asAdmin = createCaller(await contextFor(services, admin));
});
afterEach(async () => {
  await services.cleanup();
});

/** The backend with every port call counted. */
function counted(backend: Backend): { backend: Backend; calls: () => number } {
  let calls = 0;
  const wrap = <T extends object>(port: T): T =>
    new Proxy(port, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const proxy = new Proxy(backend, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      return key === 'tables' || key === 'users' || key === 'sessions' || key === 'storage'
        ? wrap(value as object)
        : value;
    },
  });
  return { backend: proxy, calls: () => calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('course.listAll', () => {
  it('lists drafts and published courses of every instructor, with lessons and instructor', async () => {
    const grace = await createTestUser(services, 'instructor', {
      name: 'Grace Hopper',
      email: 'grace@navy.example',
    });
    await seedCourse(services, maya, { fields: { title: 'Practical SQL' } });
    await tick();
    await seedCourse(services, grace, { published: false, fields: { title: 'Compilers from scratch' } });
    await tick();
    await createCourse(scopeFor(services, maya), courseFields({ title: 'Empty draft' }));

    const page = await asAdmin.course.listAll();
    expect(page.total).toBe(3);
    expect(
      page.items.map((item) => [item.title, item.isPublished, item.lessonCount, item.instructor.name]),
    ).toEqual([
      ['Empty draft', false, 0, 'Maya Rivera'],
      ['Compilers from scratch', false, 2, 'Grace Hopper'],
      ['Practical SQL', true, 2, 'Maya Rivera'],
    ]);
    expect(page.items[1]?.instructorEmail).toBe('grace@navy.example');

    const drafts = await asAdmin.course.listAll({ status: 'draft' });
    expect(drafts.items.map((item) => item.title)).toEqual(['Empty draft', 'Compilers from scratch']);
    const published = await asAdmin.course.listAll({ status: 'published' });
    expect(published.items.map((item) => item.title)).toEqual(['Practical SQL']);
    const search = await asAdmin.course.listAll({ search: 'compilers' });
    expect(search.items.map((item) => item.title)).toEqual(['Compilers from scratch']);
    expect((await asAdmin.course.listAll({ search: 'practical', status: 'draft' })).items).toEqual([]);
  });

  it('pages with a cursor and refuses bad input, changing nothing', async () => {
    for (const title of ['One', 'Two', 'Three']) {
      await createCourse(scopeFor(services, maya), courseFields({ title }));
      await tick();
    }
    const first = await asAdmin.course.listAll({ limit: 2 });
    const second = await asAdmin.course.listAll({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect([...first.items, ...second.items].map((item) => item.title)).toEqual(['Three', 'Two', 'One']);
    expect(second.nextCursor).toBeNull();

    const before = await courseWritesSoFar(services);
    expect(await outcome(asAdmin.course.listAll({ limit: 0 }))).toBe('BAD_REQUEST');
    // @ts-expect-error: not a status
    expect(await outcome(asAdmin.course.listAll({ status: 'archived' }))).toBe('BAD_REQUEST');
    expect(await outcome(asAdmin.course.listAll({ search: 'x'.repeat(201) }))).toBe('BAD_REQUEST');
    expect(await outcome(asAdmin.course.listAll({ cursor: 'no-such-course' }))).toBe('BAD_REQUEST');
    expect(await courseWritesSoFar(services)).toEqual(before);
  });

  it('costs the same few backend calls for 2 courses as for 12', async () => {
    const callsFor = async () => {
      const probe = counted(services.backend);
      await listAllCourses(probe.backend, { limit: 20 });
      return probe.calls();
    };
    await seedCourse(services, maya);
    await seedCourse(services, admin);
    const few = await callsFor();
    for (let n = 0; n < 10; n++) {
      const owner = await createTestUser(services, 'instructor');
      await seedCourse(services, owner, { published: n % 2 === 0 });
    }
    expect(await callsFor()).toBe(few);
    expect(few).toBeLessThanOrEqual(3);
  });
});

describe('video.securityLog names', () => {
  it('splits reasons into names with links, keeping words that are not ids', () => {
    expect(mentionsOf('lesson abc123, token tok456: user agent differs')).toEqual([
      { kind: 'lesson', id: 'abc123', raw: 'lesson abc123' },
      { kind: 'text', text: ', ' },
      { kind: 'token', id: 'tok456', raw: 'token tok456' },
      { kind: 'text', text: ': ' },
      { kind: 'user', id: 'agent', raw: 'user agent' },
      { kind: 'text', text: ' differs' },
    ]);
  });

  it('shows lessons, courses and people by name, and what was deleted as such', async () => {
    const course = await seedCourse(services, maya, { fields: { title: 'Practical SQL' } });
    const ada = await createTestUser(services, 'regular', { name: 'Ada Lovelace', email: 'ada@aurora.test' });
    const request = { clientIp: '203.0.113.9', userAgent: 'Firefox' };
    const now = new Date();
    await recordVideoEvent(
      services.backend,
      {
        action: VIDEO_ACTIONS.replay,
        userId: ada.id,
        reason: `lesson ${course.lessonId}, token 6b0f1a2b3c4d5e6f: user agent differs`,
        request,
      },
      now,
    );
    await recordVideoEvent(
      services.backend,
      {
        action: VIDEO_ACTIONS.alert,
        userId: ada.id,
        reason: `5 video denials in 10 minutes for user ${ada.id}; latest: x`,
        request,
      },
      new Date(now.getTime() + 1),
    );
    await recordVideoEvent(
      services.backend,
      {
        action: VIDEO_ACTIONS.denied,
        userId: null,
        reason: 'lesson 6b0f00000000000001: not enrolled',
        request: browserFacts,
      },
      new Date(now.getTime() + 2),
    );

    const log = await asAdmin.video.securityLog();
    const [deleted, alert, replay] = log.items;
    expect(replay?.user).toEqual({ name: 'Ada Lovelace', email: 'ada@aurora.test' });
    expect(replay?.details).toEqual([
      {
        kind: 'lesson',
        id: course.lessonId,
        title: 'Joins',
        courseId: course.courseId,
        courseTitle: 'Practical SQL',
      },
      { kind: 'text', text: ', ' },
      { kind: 'token', id: '6b0f1a2b3c4d5e6f' },
      { kind: 'text', text: ': user agent differs' },
    ]);
    expect(alert?.details).toContainEqual({
      kind: 'user',
      id: ada.id,
      name: 'Ada Lovelace',
      email: 'ada@aurora.test',
    });
    expect(deleted?.details[0]).toEqual({
      kind: 'lesson',
      id: '6b0f00000000000001',
      title: null,
      courseId: null,
      courseTitle: null,
    });
    // The stored words stay as written.
    expect(replay?.reason).toContain(course.lessonId);
  });

  it('costs the same few backend calls for 2 rows as for 24', async () => {
    const request = { clientIp: '203.0.113.9', userAgent: 'Firefox' };
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const owner = await createTestUser(services, 'instructor');
        const course = await seedCourse(services, owner, { published: true });
        await recordVideoEvent(
          services.backend,
          {
            action: VIDEO_ACTIONS.granted,
            userId: owner.id,
            reason: `lesson ${course.lessonId}, token t${i}x1`,
            request,
          },
          new Date(),
        );
      }
    };
    const callsFor = async () => {
      const probe = counted(services.backend);
      await listSecurityLog(probe.backend, { limit: 25 });
      return probe.calls();
    };
    await write(2);
    const few = await callsFor();
    await write(22);
    expect(await callsFor()).toBe(few);
    expect(few).toBeLessThanOrEqual(4);
  });
});
