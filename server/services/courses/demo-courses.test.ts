import { afterEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../../tests/helpers/services';
import { createContext } from '../../trpc/context';
import { createCaller } from '../../trpc/root';
import { bootstrapIdentity } from '../identity/bootstrap';
import { backgroundScope } from '../scope';
import { DEMO_VIDEO } from './demo-courses';
import { browserFacts } from '../../../tests/helpers/services';

let services: TestServices | undefined;
afterEach(async () => {
  await services?.cleanup();
});
const quiet = () => undefined;

describe('demo courses', () => {
  it('come with a new demo install: published courses with a preview lesson each, and one draft', async () => {
    services = await createTestServices({ env: { AURORA_DEMO: '1' } });
    await bootstrapIdentity(backgroundScope(services), quiet);
    const visitor = createCaller(await createContext(services, browserFacts));
    const catalog = await visitor.course.list();
    expect(catalog.total).toBe(3);
    for (const summary of catalog.items) {
      expect(summary.instructor.name).toBe('Maya Rivera');
      const course = await visitor.course.get({ courseId: summary.id });
      expect(course.lessons.length).toBeGreaterThanOrEqual(2);
      expect(course.lessons.length).toBeLessThanOrEqual(4);
      expect(course.lessons.filter((lesson) => lesson.isPreview)).toHaveLength(1);
      const preview = course.lessons.find((lesson) => lesson.isPreview);
      const lesson = await visitor.lesson.get({ lessonId: preview?.id ?? '' });
      expect(lesson.contentHtml).toMatch(/^<h2>/);
      // Each preview plays the demo video, at its real length; its ID stays on the server.
      expect(lesson.video).toEqual({ durationSeconds: DEMO_VIDEO.seconds, thumbnailUrl: null });
      // The course's length fits its lessons: about half an hour each.
      expect(course.duration).toBe(course.lessons.length * 0.5);
      expect(JSON.stringify(lesson)).not.toContain('M7lc1UVf-VE');
    }
    // Bootstrapping again (every start) adds nothing.
    await bootstrapIdentity(backgroundScope(services), quiet);
    expect((await visitor.course.list()).total).toBe(3);
  });

  it('match the real length of the demo video: 22:24 (YouTube Data API, PT22M24S)', () => {
    expect(DEMO_VIDEO).toEqual({
      youtubeUrl: 'https://www.youtube.com/watch?v=M7lc1UVf-VE',
      seconds: 22 * 60 + 24,
    });
  });

  it('have learners part-way through them, and an access request waiting on a paid course', async () => {
    const demo = await createTestServices({ env: { AURORA_DEMO: '1' } });
    services = demo;
    await bootstrapIdentity(backgroundScope(demo), quiet);
    const as = async (email: string, password: string) => {
      const session = await demo.backend.sessions.create({ email, password });
      return createCaller(await createContext(demo, { ...browserFacts, sessionSecret: session.secret }));
    };
    const teacher = await as('instructor@aurora.test', 'aurora-teach');
    const ada = await as('ada@aurora.test', 'aurora-learn');
    const grace = await as('grace@aurora.test', 'aurora-learn');
    const mine = await teacher.course.mine();
    const byTitle = new Map(mine.items.map((course) => [course.title, course.id]));
    const web = byTitle.get('Web Development Foundations') ?? '';
    const sql = byTitle.get('Data Literacy with SQL') ?? '';
    const design = byTitle.get('Designing Accessible Interfaces') ?? '';
    expect(mine.items.filter((course) => course.isPublished)).toHaveLength(3);
    expect(mine.items.filter((course) => !course.isPublished)).toHaveLength(1);

    const students = await teacher.enrollment.students({ courseId: web, sort: 'name', order: 'asc' });
    expect(students.items.map((row) => [row.user.name, row.completedLessonCount, row.progress])).toEqual([
      ['Ada Lovelace', 2, 67],
      ['Grace Hopper', 1, 33],
    ]);
    const sqlStudents = await teacher.enrollment.students({ courseId: sql });
    expect(sqlStudents.items.map((row) => [row.user.name, row.progress])).toEqual([['Ada Lovelace', 50]]);
    expect(await ada.enrollment.myAccessRequest({ courseId: sql })).toMatchObject({ status: 'approved' });

    const waiting = await teacher.enrollment.accessRequests({ courseId: design });
    expect(waiting.items.map((row) => [row.user.name, row.status])).toEqual([['Grace Hopper', 'pending']]);
    expect((await teacher.enrollment.students({ courseId: design })).total).toBe(0);
    expect(await grace.enrollment.myAccessRequest({ courseId: design })).toMatchObject({ status: 'pending' });

    // Their dashboards have something to continue, and it all happened before today.
    expect((await ada.enrollment.mine()).items).toHaveLength(2);
    expect((await grace.enrollment.mine()).items).toHaveLength(1);
    for (const row of students.items)
      expect(Date.parse(row.enrolledAt)).toBeLessThan(Date.now() - 86_400_000);
  });

  it('are not made without demo accounts', async () => {
    services = await createTestServices();
    await bootstrapIdentity(backgroundScope(services), quiet);
    const visitor = createCaller(await createContext(services, browserFacts));
    expect((await visitor.course.list()).total).toBe(0);
  });
});
