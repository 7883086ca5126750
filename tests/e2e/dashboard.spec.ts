/**
 * First use: `/` is the marketing page for visitors and a dashboard for people signed
 * in (learners: continue, enrolled courses, new courses; instructors also their courses
 * and recent enrollments). A visitor sent to sign in from a locked lesson is told why,
 * signs up from there and lands back on the lesson. An enrolled learner sees no
 * "preview" badges, and long lesson titles stay readable in the lesson sidebar.
 * axe runs on every page visited. With AURORA_SCREENSHOTS=1 each page is also pictured
 * at 1280×800 and 375×740, light and dark, under <output>/dashboard-shots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { addLesson, createCourse } from './course-helpers';
import { expect, test, waitForHydration } from './fixtures';
import { DEMO, newPerson, signIn } from './identity-helpers';

const SHOTS = join(process.env.AURORA_E2E_OUTPUT ?? 'test-results', 'dashboard-shots');
const VARIANTS = [
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark' },
  { name: 'phone-light', width: 375, height: 740, scheme: 'light' },
  { name: 'phone-dark', width: 375, height: 740, scheme: 'dark' },
] as const;

/** axe on the page as it is; pictures of it in every size and scheme when asked for. */
async function check(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  if (!process.env.AURORA_SCREENSHOTS) return;
  // Four full-page pictures take a while: give the test the time for them.
  test.info().setTimeout(test.info().timeout + 20_000);
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const variant of VARIANTS) {
    await page.setViewportSize({ width: variant.width, height: variant.height });
    await page.emulateMedia({ colorScheme: variant.scheme });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} overflows sideways at ${variant.width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, `${name}-${variant.name}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (before) await page.setViewportSize(before);
}

/** The tRPC response body's data, read through the public HTTP API (superjson envelope). */
async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

interface DemoCourse {
  id: string;
  lessons: { id: string; title: string; isPreview: boolean }[];
}

async function demoCourse(page: Page, title: string): Promise<DemoCourse> {
  const list = await query<{ items: { id: string; title: string }[] }>(page, 'course.list', { limit: 50 });
  const found = list.items.find((course) => course.title === title);
  expect(found, `the demo course “${title}”`).toBeTruthy();
  const course = await query<DemoCourse>(page, 'course.get', { courseId: found?.id ?? '' });
  return { id: course.id, lessons: course.lessons };
}

async function enrollIfNeeded(page: Page, courseId: string): Promise<void> {
  await page.goto(`/courses/${courseId}`);
  // The course page may show the button twice (its card and a sticky bar on phones).
  const enrollButton = page.getByRole('button', { name: 'Enroll for free' }).first();
  if ((await enrollButton.count()) > 0) {
    await enrollButton.click();
    await expect(page.getByRole('status').filter({ hasText: 'You’re enrolled' })).toBeVisible();
  }
}

test('a visitor gets the marketing page at /', async ({ page, problems }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('learning platform your school owns');
  await expect(page.getByRole('link', { name: 'Get started free' }).first()).toBeVisible();
  await expect(page.getByText('Your dashboard')).toHaveCount(0);
  await check(page, 'marketing');
  expect(problems.consoleErrors).toEqual([]);
});

test('a visitor opening a locked lesson is told why, signs up from there and lands back on it', async ({
  page,
  problems,
}) => {
  test.setTimeout(90_000);
  const course = await demoCourse(page, 'Web Development Foundations');
  const locked = course.lessons.find((lesson) => !lesson.isPreview);
  const preview = course.lessons.find((lesson) => lesson.isPreview);
  if (!locked || !preview) throw new Error('the demo course needs a preview and a locked lesson');
  const lessonPath = `/courses/${course.id}/lessons/${locked.id}`;

  // A preview lesson tells a visitor how to open the locked ones.
  await page.goto(`/courses/${course.id}/lessons/${preview.id}`);
  await expect(page.locator('.lesson__header').getByText('Free preview')).toBeVisible();
  const sidebar = page.getByRole('complementary');
  await expect(sidebar.getByText('Locked lessons are for enrolled learners.')).toBeVisible();
  await expect(sidebar.getByRole('link', { name: 'Create a free account' })).toHaveAttribute(
    'href',
    `/sign-up?redirectTo=${encodeURIComponent(`/courses/${course.id}`)}&reason=enroll`,
  );
  await check(page, 'lesson-preview-visitor');

  // The locked lesson sends them to sign in, saying why.
  await page.goto(lessonPath);
  await expect(page).toHaveURL(
    (url) =>
      url.pathname === '/sign-in' &&
      url.searchParams.get('redirectTo') === lessonPath &&
      url.searchParams.get('reason') === 'lesson',
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  const why = page.getByRole('status').filter({ hasText: 'This lesson is for enrolled learners' });
  await expect(why).toContainText('sign in or create an account');
  await expect(why).toContainText('It is part of “Web Development Foundations”.');
  await check(page, 'sign-in-lesson');

  // Sign-up keeps the reason and the way back.
  await page.getByRole('link', { name: 'Create a free account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('redirectTo')).toBe(lessonPath);
  expect(new URL(page.url()).searchParams.get('reason')).toBe('lesson');
  await expect(
    page.getByRole('status').filter({ hasText: 'This lesson is for enrolled learners' }),
  ).toBeVisible();
  await check(page, 'sign-up-lesson');

  const person = newPerson('Newcomer');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  // Back on the lesson, which asks them to enroll.
  await expect(page).toHaveURL((url) => url.pathname === lessonPath);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Enroll in this course to open this lesson' }),
  ).toBeVisible();
  await check(page, 'lesson-not-enrolled');

  // Their dashboard has nothing yet, and says where to start.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome back, Newcomer/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Find a course' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Find a course' })).toHaveAttribute('href', '/catalog');
  await check(page, 'dashboard-empty');

  // Enrolled, the preview badges are gone: every lesson is open to them.
  await enrollIfNeeded(page, course.id);
  await page.goto(`/courses/${course.id}/lessons/${preview.id}`);
  await expect(page.getByRole('heading', { level: 1, name: preview.title })).toBeVisible();
  await expect(page.getByText('Free preview', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('complementary').getByText('Preview', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('complementary').getByRole('link', { name: locked.title })).toBeVisible();
  await check(page, 'lesson-enrolled');

  expect(problems.cspViolations).toEqual([]);
  // The 403 page logs its status; the demo lessons' YouTube player cannot reach YouTube here.
  const unexpected = problems.consoleErrors.filter(
    (text) => !text.includes('403') && !text.includes('ERR_NAME_NOT_RESOLVED'),
  );
  expect(unexpected).toEqual([]);
});

test('a learner signs in and gets their dashboard at /', async ({ page, problems }) => {
  const course = await demoCourse(page, 'Web Development Foundations');
  await signIn(page, DEMO.ada);
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Ada' })).toBeVisible();
  await expect(page).toHaveTitle('Your dashboard · Aurora');
  await expect(page.getByRole('link', { name: 'Get started free' })).toHaveCount(0);

  await enrollIfNeeded(page, course.id);
  await page.goto('/');
  await waitForHydration(page);
  const anyCard = page
    .getByRole('region', { name: 'Web Development Foundations' })
    .or(page.getByRole('article', { name: 'Web Development Foundations' }));
  await expect(anyCard.first()).toBeVisible();
  await expect(anyCard.first().getByRole('progressbar')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Recently added' })).toBeVisible();
  // A course they are in is not "recently added" to them.
  await expect(
    page.getByRole('region', { name: 'Recently added' }).getByText('Web Development Foundations'),
  ).toHaveCount(0);
  await check(page, 'dashboard-learner');

  expect(problems.consoleErrors).toEqual([]);
});

/** A published course of the demo instructor with long lesson titles, one of them a preview. */
async function longTitledCourse(
  browser: Browser,
): Promise<{ courseId: string; title: string; lessons: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.instructor);
  await expect(page).toHaveURL((url) => url.pathname === '/');
  const title = `Field ecology ${Date.now().toString(36)}`;
  const courseId = await createCourse(page, {
    title,
    description: 'Counting, sampling and mapping the living things around the school.',
    category: 'Science',
  });
  const titles = [
    'Welcome: what field ecologists actually do all day',
    'Quadrats, transects and the surprisingly hard problem of counting dandelions fairly',
    'Reading a soil profile from the topsoil down to the bedrock underneath the school field',
  ];
  const lessons = [];
  for (const [index, lessonTitle] of titles.entries()) {
    lessons.push(
      await addLesson(page, courseId, { title: lessonTitle, html: '<p>Notes.</p>', preview: index === 0 }),
    );
  }
  await page.goto(`/teach/courses/${courseId}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'published' })).toBeVisible();
  await context.close();
  return { courseId, title, lessons };
}

test('an instructor sees their courses and who enrolled lately; long lesson titles stay readable', async ({
  browser,
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  const { courseId, title, lessons } = await longTitledCourse(browser);

  // A learner joins and opens the lesson with the longest title.
  const learner = newPerson('Ecologist');
  await page.goto(`/sign-up?redirectTo=${encodeURIComponent(`/courses/${courseId}`)}&reason=enroll`);
  await expect(
    page.getByRole('status').filter({ hasText: `Create an account to enroll in “${title}”` }),
  ).toBeVisible();
  await check(page, 'sign-up-enroll');
  await page.getByLabel('Your name').fill(learner.name);
  await page.getByLabel('Email', { exact: true }).fill(learner.email);
  await page.getByLabel('Password', { exact: true }).fill(learner.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/courses/${courseId}`);
  await enrollIfNeeded(page, courseId);

  await page.goto(`/courses/${courseId}/lessons/${lessons[1] ?? ''}`);
  const sidebar = page.getByRole('complementary');
  const longest = sidebar.getByRole('link', { name: /^Reading a soil profile/ });
  await expect(longest).toHaveAttribute('title', /bedrock underneath the school field$/);
  // Two lines at most for the others; the current lesson is shown in full.
  const lineCount = (locator: typeof longest) =>
    locator.evaluate((element) => {
      const style = getComputedStyle(element);
      return Math.round(element.getBoundingClientRect().height / parseFloat(style.lineHeight));
    });
  expect(await lineCount(longest)).toBeLessThanOrEqual(2);
  await expect(sidebar.getByText('Preview', { exact: true })).toHaveCount(0);
  await check(page, 'lesson-long-titles');

  // The instructor's dashboard: the course, and the learner who just joined it.
  const teaching = await browser.newContext();
  const teacher = await teaching.newPage();
  await signIn(teacher, DEMO.instructor);
  await expect(teacher).toHaveURL((url) => url.pathname === '/');
  await expect(teacher.getByRole('heading', { level: 1, name: 'Welcome back, Maya' })).toBeVisible();
  const courses = teacher.getByRole('region', { name: 'Courses you teach' });
  await expect(courses.getByRole('link', { name: title, exact: true })).toHaveAttribute(
    'href',
    `/teach/courses/${courseId}`,
  );
  const recent = teacher.getByRole('region', { name: 'Recent enrollments' });
  await expect(recent.getByRole('listitem').filter({ hasText: learner.name })).toContainText(
    `${learner.name} joined ${title}`,
  );
  await check(teacher, 'dashboard-instructor');
  await teaching.close();

  expect(problems.consoleErrors).toEqual([]);
});

test('sign-in returns to the page that asked for it, and never to another site', async ({ page }) => {
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent('/catalog?sort=title')}`);
  await page.getByLabel('Email', { exact: true }).fill(DEMO.grace.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.grace.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/catalog' && url.search === '?sort=title');
  // The sign-in's own requests must be over before its cookies are cleared: one still in
  // flight on a busy machine set the session again and signed Grace back in.
  await page.waitForLoadState('networkidle');

  await page.context().clearCookies();
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent('//evil.test/')}&reason=nonsense`);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome back' })).toBeVisible();
  await expect(page.getByText('This lesson is for enrolled learners')).toHaveCount(0);
  await page.getByLabel('Email', { exact: true }).fill(DEMO.grace.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.grace.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/' && url.host.startsWith('127.0.0.1'));
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome back, Grace/ })).toBeVisible();
});

test('without JavaScript: told why, signed in, back on the course, then the dashboard', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const course = await demoCourse(page, 'Web Development Foundations');
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(`/courses/${course.id}`)}&reason=enroll`);
  await expect(page.getByText('Sign in to enroll in “Web Development Foundations”')).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(DEMO.grace.email);
  // A wrong password keeps the reason and the way back.
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Sign in to enroll in “Web Development Foundations”')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(DEMO.grace.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/courses/${course.id}`);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome back, Grace/ })).toBeVisible();
  // axe needs scripts; the same pages are checked with JavaScript in the tests above.
  await context.close();
});
