import { mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test, waitForHydration } from './fixtures';
import { addLesson, createCourse } from './course-helpers';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';

const SHOTS = '/tmp/aurora-shots';

/** A published free course with three lessons, made by the demo instructor. */
async function publishedCourse(browser: Browser, title: string, price = '0') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const courseId = await createCourse(page, {
    title,
    description: 'Seeds, soil and sunlight: a short course to try enrollment end to end.',
    category: 'Biology',
    price,
    tags: 'plants, garden',
  });
  const lessons = [
    await addLesson(page, courseId, { title: 'Seeds and soil', html: '<p>Lesson one.</p>' }),
    await addLesson(page, courseId, { title: 'Water and light', html: '<p>Lesson two.</p>' }),
    await addLesson(page, courseId, { title: 'Harvest day', html: '<p>Lesson three.</p>' }),
  ];
  await page.goto(`/teach/courses/${courseId}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'published' })).toBeVisible();
  await context.close();
  return { courseId, lessons };
}

async function progressOf(page: Page, name: string | RegExp) {
  return page.getByRole('progressbar', { name }).first().getAttribute('aria-valuenow');
}

test('a learner enrolls, completes two of three lessons, resumes on another device, and leaves', async ({
  browser,
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  const title = `Kitchen garden ${randomUUID().slice(0, 6)}`;
  const { courseId, lessons } = await publishedCourse(browser, title);
  const learner = newPerson('Learner');

  // A visitor is asked to sign in first.
  await page.goto(`/courses/${courseId}`);
  await expect(page.getByRole('link', { name: 'Sign in to enroll' })).toHaveAttribute(
    'href',
    `/sign-in?redirectTo=%2Fcourses%2F${courseId}&reason=enroll`,
  );

  await signUp(page, learner);
  await page.goto(`/courses/${courseId}`);
  await page.getByRole('button', { name: 'Enroll for free' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You’re enrolled' })).toBeVisible();
  expect(await progressOf(page, `Your progress in ${title}`)).toBe('0');

  await page.getByRole('link', { name: 'Start the course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Seeds and soil' })).toBeVisible();
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Water and light' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '33% of the course done' })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harvest day' })).toBeVisible();
  expect(await progressOf(page, 'Your progress in this course')).toBe('67');
  await expect(page.locator('.lesson-sidebar .outline__item--done')).toHaveCount(2);

  // Going back to a finished lesson says so.
  await page.goto(`/courses/${courseId}/lessons/${lessons[0]}`);
  await expect(page.locator('.complete-bar__done')).toHaveText('Completed ✓');
  await expect(page.getByRole('button', { name: 'Mark complete' })).toHaveCount(0);

  await page.goto(`/courses/${courseId}`);
  expect(await progressOf(page, `Your progress in ${title}`)).toBe('67');
  await expect(page.getByText('67%')).toBeVisible();

  // Another device: a separate browser context, signed in afresh.
  const other = await browser.newContext();
  const phone = await other.newPage();
  await signIn(phone, learner, '/sign-in?redirectTo=/my-learning');
  await expect(phone.getByRole('heading', { level: 1, name: /Welcome back/ })).toBeVisible();
  await expect(phone.getByRole('heading', { level: 2, name: title })).toBeVisible();
  expect(await progressOf(phone, `Your progress in ${title}`)).toBe('67');
  await phone.getByRole('link', { name: `Continue ${title}`, exact: true }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Harvest day' })).toBeVisible();
  expect(phone.url()).toContain(`/lessons/${lessons[2]}`);
  await other.close();

  // The instructor sees the learner at 67%, on the page and in the CSV.
  const teaching = await browser.newContext();
  const teacher = await teaching.newPage();
  await signIn(teacher, DEMO.instructor, `/sign-in?redirectTo=/teach/courses/${courseId}`);
  await teacher.getByRole('link', { name: 'Students' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const row = teacher.getByRole('row').filter({ hasText: learner.email });
  await expect(row).toContainText('2/3');
  expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('67');
  await teacher.getByRole('link', { name: /Progress/ }).click();
  await expect(teacher.getByRole('columnheader', { name: /Progress/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const downloading = teacher.waitForEvent('download');
  await teacher.getByRole('link', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kitchen-garden-[a-z0-9]+-students\.csv$/);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  expect(csv).toContain('Name,Email,Progress (%),Completed lessons,Lessons,Enrolled,Completed,Last activity');
  expect(csv).toContain(`${learner.name},${learner.email},67,2,3,`);
  await teaching.close();

  // Leaving takes two steps, and then the members-only lessons are closed again.
  await page.getByRole('button', { name: 'Leave course…' }).click();
  await expect(page.getByRole('heading', { name: `Leave “${title}”?` })).toBeVisible();
  await page.getByRole('button', { name: 'Leave course', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You left the course.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enroll for free' })).toBeVisible();
  const refused = await page.goto(`/courses/${courseId}/lessons/${lessons[1]}`);
  expect(refused?.status()).toBe(403);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Enroll in this course to open this lesson' }),
  ).toBeVisible();

  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors.filter((text) => !text.includes('403'))).toEqual([]);
});

test('a paid course explains how to get in, and an admin enrolls a learner from the admin panel', async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  const title = `Orchard economics ${randomUUID().slice(0, 6)}`;
  const { courseId } = await publishedCourse(browser, title, '49');
  const learner = newPerson('Paying');
  await signUp(page, learner);
  await page.goto(`/courses/${courseId}`);
  await expect(page.getByRole('complementary', { name: 'Enroll' }).getByText('$49.00')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Request access' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enroll for free' })).toHaveCount(0);

  const admining = await browser.newContext();
  const admin = await admining.newPage();
  await signIn(admin, DEMO.admin, `/sign-in?redirectTo=${encodeURIComponent(`/admin?q=${learner.email}`)}`);
  await admin.getByRole('button', { name: `Enroll in a course: ${learner.name}` }).click();
  await expect(admin.getByRole('heading', { name: `Enroll ${learner.name} in a course` })).toBeVisible();
  await admin.getByLabel('Course', { exact: true }).selectOption({ label: title });
  await admin.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(
    admin.getByRole('status').filter({ hasText: `${learner.name} is enrolled in “${title}”` }),
  ).toBeVisible();
  await admining.close();

  await page.goto(`/courses/${courseId}`);
  await expect(
    page.getByRole('complementary', { name: 'Enroll' }).getByText('Enrolled', { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();
});

test('enrolling, completing and leaving work without JavaScript', async ({ browser }) => {
  test.setTimeout(90_000);
  const title = `Compost basics ${randomUUID().slice(0, 6)}`;
  const { courseId, lessons } = await publishedCourse(browser, title);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signUp(page, newPerson('Plain'));
  await page.goto(`/courses/${courseId}`);
  await page.getByRole('button', { name: 'Enroll for free' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You’re enrolled' })).toBeVisible();
  await page.goto(`/courses/${courseId}/lessons/${lessons[2]}`);
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await expect(page.getByRole('status').filter({ hasText: '33% of the course done' })).toBeVisible();
  await expect(page.locator('.complete-bar__done')).toHaveText('Completed ✓');
  await page.goto(`/courses/${courseId}`);
  await page.getByRole('button', { name: 'Leave course…' }).click();
  await page.getByRole('button', { name: 'Leave course', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You left the course.' })).toBeVisible();
  await context.close();
});

test('enrollment screenshots', async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const title = `Photosynthesis lab ${randomUUID().slice(0, 4)}`;
  const { courseId, lessons } = await publishedCourse(browser, title);
  const learner = newPerson('Sam');
  const setup = await browser.newContext();
  const page = await setup.newPage();
  await signUp(page, learner);
  await page.goto(`/courses/${courseId}`);
  await page.getByRole('button', { name: 'Enroll for free' }).click();
  // Navigating before the enrollment answers would cancel it.
  await expect(page.getByRole('status').filter({ hasText: 'You’re enrolled' })).toBeVisible();
  await page.goto(`/courses/${courseId}/lessons/${lessons[0]}`);
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Water and light' })).toBeVisible();
  const state = await setup.storageState();
  await setup.close();

  for (const scheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { name: 'desktop', width: 1280, height: 800 },
      { name: 'mobile', width: 375, height: 812 },
    ]) {
      const suffix = `${viewport.name}-${scheme}`;
      const options = { viewport: { width: viewport.width, height: viewport.height }, colorScheme: scheme };
      const learning = await browser.newContext({ ...options, storageState: state });
      const shot = await learning.newPage();
      await shot.goto(`/courses/${courseId}`);
      await shoot(shot, `enrolled-course-${suffix}`);
      await shot.goto(`/courses/${courseId}/lessons/${lessons[1]}`);
      await shoot(shot, `enrolled-lesson-${suffix}`);
      await shot.goto('/my-learning');
      await shoot(shot, `my-learning-${suffix}`);
      await learning.close();

      const teaching = await browser.newContext(options);
      const teach = await teaching.newPage();
      await signIn(teach, DEMO.instructor, `/sign-in?redirectTo=/teach/courses/${courseId}/students`);
      await expect(teach.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await shoot(teach, `students-${suffix}`);
      await teaching.close();
    }
  }
});

async function shoot(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
