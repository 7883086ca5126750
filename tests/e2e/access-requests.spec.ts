/**
 * A paid course is not a dead end (decision 0020): a learner requests access, the
 * instructor approves it on the Students page, and the learner opens the lessons; another
 * request is declined and says so. axe runs on every page visited; screenshots of the
 * course page's panel (requested, declined) and of the Students page, desktop and phone,
 * light and dark, go to $AURORA_E2E_OUTPUT/access-shots (or /tmp/aurora-shots).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { addLesson, createCourse } from './course-helpers';
import { expect, test } from './fixtures';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';

const SHOTS = join(process.env.AURORA_E2E_OUTPUT ?? '/tmp/aurora-shots', 'access-shots');
const VARIANTS = [
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark' },
  { name: 'phone-light', width: 375, height: 740, scheme: 'light' },
  { name: 'phone-dark', width: 375, height: 740, scheme: 'dark' },
] as const;

/** Every variant of the current page, full length; nothing may stick out sideways. */
async function shootAll(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const variant of VARIANTS) {
    await page.setViewportSize({ width: variant.width, height: variant.height });
    await page.emulateMedia({ colorScheme: variant.scheme });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} ${variant.name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, `${name}-${variant.name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A published paid course of Maya's with a preview and two members-only lessons. */
async function paidCourse(browser: Browser, title: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const courseId = await createCourse(page, {
    title,
    description: 'Pruning, grafting and the economics of a small orchard, season by season.',
    category: 'Gardening',
    price: '39',
    tags: 'orchard, trees',
  });
  const lessons = [
    await addLesson(page, courseId, { title: 'Choosing rootstock', html: '<p>One.</p>', preview: true }),
    await addLesson(page, courseId, { title: 'Winter pruning', html: '<p>Two.</p>' }),
    await addLesson(page, courseId, { title: 'Selling the harvest', html: '<p>Three.</p>' }),
  ];
  await page.goto(`/teach/courses/${courseId}`);
  // The price field says how learners get in while there are no payments.
  await expect(page.getByText('Aurora takes no payments yet', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'published' })).toBeVisible();
  return { courseId, lessons, instructor: page, close: () => context.close() };
}

test('a learner requests access to a paid course, the instructor approves, the learner opens the lessons', async ({
  browser,
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  const title = `Orchard keeping ${randomUUID().slice(0, 6)}`;
  const { courseId, lessons, instructor, close } = await paidCourse(browser, title);
  const learner = newPerson('Asker');

  await signUp(page, learner);
  await page.goto(`/courses/${courseId}`);
  await expect(page.getByText('$39.00').first()).toBeVisible();
  await expect(page.getByText(/ask an admin/i)).toHaveCount(0);
  await expectAccessible(page, 'course page, paid, not asked yet');
  await page.getByRole('button', { name: 'Request access' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Request sent' })).toBeVisible();
  const requested = page.locator('.enroll-card').getByRole('status');
  await expect(requested).toContainText('— waiting for the instructor');
  await expect(page.getByRole('button', { name: 'Request access' })).toHaveCount(0);
  await expectAccessible(page, 'course page, request pending');
  await shootAll(page, 'course-requested');

  // The instructor sees the request on the Students page and approves it.
  await instructor.goto(`/teach/courses/${courseId}/students`);
  const panel = instructor.getByRole('region', { name: 'Access requests' });
  await expect(panel.getByRole('row', { name: new RegExp(learner.name) })).toBeVisible();
  await expect(panel).toContainText('1 waiting');
  await expectAccessible(instructor, 'students page with a request');
  await shootAll(instructor, 'students-requests');
  await panel.getByRole('button', { name: `Approve ${learner.name}` }).click();
  await expect(
    instructor.getByRole('status').filter({ hasText: `${learner.name} is enrolled` }),
  ).toBeVisible();
  await expect(instructor.getByRole('region', { name: 'Access requests' })).toHaveCount(0);
  await expect(instructor.getByRole('row', { name: new RegExp(learner.name) })).toBeVisible();
  await expectAccessible(instructor, 'students page after approving');

  // The learner is in: every lesson opens.
  await page.goto(`/courses/${courseId}`);
  await expect(page.locator('.enroll-card').getByText('Enrolled', { exact: true })).toBeVisible();
  await expectAccessible(page, 'course page, enrolled');
  await page.getByRole('link', { name: 'Start the course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choosing rootstock' })).toBeVisible();
  await expectAccessible(page, 'first lesson');
  const opened = await page.goto(`/courses/${courseId}/lessons/${lessons[2]}`);
  expect(opened?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Selling the harvest' })).toBeVisible();
  await expectAccessible(page, 'members-only lesson');

  // Another learner asks and is declined; they are told so, and when they may ask again.
  const declinedContext = await browser.newContext();
  const other = await declinedContext.newPage();
  const second = newPerson('Declined');
  await signUp(other, second);
  await other.goto(`/courses/${courseId}`);
  await other.getByRole('button', { name: 'Request access' }).click();
  await expect(other.locator('.enroll-card').getByRole('status')).toContainText('waiting for the instructor');
  await instructor.goto(`/teach/courses/${courseId}/students`);
  await instructor.getByRole('button', { name: `Decline ${second.name}` }).click();
  await expect(
    instructor.getByRole('status').filter({ hasText: `You declined ${second.name}’s request` }),
  ).toBeVisible();
  await other.goto(`/courses/${courseId}`);
  const declined = other.locator('.enroll-card').getByRole('status');
  await expect(declined).toContainText('Your request was declined');
  await expect(declined).toContainText('You can ask again from');
  await expect(other.getByRole('button', { name: /Request access/ })).toHaveCount(0);
  await expectAccessible(other, 'course page, request declined');
  await shootAll(other, 'course-declined');
  await declinedContext.close();
  await close();

  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
