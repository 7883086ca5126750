import { afterEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../../tests/helpers/services';
import { createContext } from '../../trpc/context';
import { createCaller } from '../../trpc/root';
import { bootstrapIdentity } from '../identity/bootstrap';
import { browserFacts } from '../../../tests/helpers/services';

let services: TestServices | undefined;
afterEach(async () => {
  await services?.cleanup();
});
const quiet = () => undefined;

describe('demo courses', () => {
  it('come with a new demo install: published courses with a preview lesson each, and one draft', async () => {
    services = await createTestServices({ env: { AURORA_DEMO: '1' } });
    await bootstrapIdentity(services, quiet);
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
      // Each preview plays a video; its ID stays on the server.
      expect(lesson.video).toEqual({ durationSeconds: 3725, thumbnailUrl: null });
      expect(JSON.stringify(lesson)).not.toContain('M7lc1UVf-VE');
    }
    // Bootstrapping again (every start) adds nothing.
    await bootstrapIdentity(services, quiet);
    expect((await visitor.course.list()).total).toBe(3);
  });

  it('are not made without demo accounts', async () => {
    services = await createTestServices();
    await bootstrapIdentity(services, quiet);
    const visitor = createCaller(await createContext(services, browserFacts));
    expect((await visitor.course.list()).total).toBe(0);
  });
});
