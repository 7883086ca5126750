/**
 * /admin/mail as the demo admin, with a real message: a new learner enrolls in a freshly
 * published course through the pages, the enrollment-created job queues the welcome mail
 * and the in-process runner hands it to the mailer. The e2e server has no SMTP_URL, so
 * the mail waits in the outbox, where the admin finds it, opens it as its recipient sees it
 * (the HTML in a sandboxed frame under its own policy) with the plain-text part and the list
 * headers. axe runs on both pages; screenshots go to the test's output folder.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { addLesson, createCourse } from './course-helpers';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';

test.describe.configure({ timeout: 120_000 });

/** A published free course with one lesson, made by the demo instructor through /teach. */
async function publishedCourse(browser: Browser, title: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
    await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
    const courseId = await createCourse(page, {
      title,
      description:
        'Punched cards, the mill and the store: how an engine that was never built still computes.',
      category: 'Computing',
    });
    const lessonId = await addLesson(page, courseId, {
      title: 'Notes on the engine',
      html: '<p>The first lesson.</p>',
    });
    await page.goto(`/teach/courses/${courseId}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'published' })).toBeVisible();
    return { courseId, lessonId };
  } finally {
    await context.close();
  }
}

/**
 * A whole-page picture that includes the mail's frame. A `fullPage` screenshot stretches
 * the page past the window, and Chromium does not repaint the sandboxed (out-of-process)
 * frame in time, so it comes out blank: make the window as tall as the page instead, let
 * the frame paint, then take an ordinary screenshot.
 */
async function screenshotWithFrame(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  try {
    await expect(page.frameLocator('iframe.mail-part__frame').getByRole('heading')).toBeVisible();
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    await page.screenshot({ path: test.info().outputPath(name) });
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** A new learner signs up and enrolls, in a browser of their own. */
async function enrollNewLearner(browser: Browser, courseId: string) {
  const learner = newPerson('Learner');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signUp(page, learner);
    await page.goto(`/courses/${courseId}`);
    await page.getByRole('button', { name: 'Enroll for free' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'You’re enrolled' })).toBeVisible();
  } finally {
    await context.close();
  }
  return learner;
}

test('an admin reads the welcome mail an enrollment queued, as its recipient sees it', async ({
  page,
  browser,
  baseURL,
  problems,
}) => {
  const courseTitle = `Analytical engines ${randomUUID().slice(0, 6)}`;
  const { courseId, lessonId } = await publishedCourse(browser, courseTitle);
  const learner = await enrollNewLearner(browser, courseId);
  const firstLessonUrl = new URL(`/courses/${courseId}/lessons/${lessonId}`, baseURL).href;

  await signIn(page, DEMO.admin);
  await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.admin.name);
  await page.goto('/admin/mail');
  await expect(page.getByRole('heading', { level: 1, name: 'Mail' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Mail' }),
  ).toHaveAttribute('aria-current', 'page');
  // The e2e server has no SMTP_URL: mail waits here, and the page says so.
  await expect(page.getByText('Mail is not being sent')).toBeVisible();

  // The runner queues the mail moments after the enrollment: reload until it is listed.
  const row = page.getByRole('row').filter({ hasText: learner.email });
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toContainText(`Welcome to ${courseTitle}`);
  await expect(row).toContainText('Waiting');
  await page.screenshot({ path: test.info().outputPath('admin-mail-list.png'), fullPage: true });
  await expectAccessible(page);

  await row.getByRole('link', { name: `Welcome to ${courseTitle}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome to ${courseTitle}` })).toBeVisible();
  const facts = page.getByRole('region', { name: 'About this message' });
  await expect(facts).toContainText(learner.email);
  await expect(facts).toContainText('welcome');
  const frame = page.frameLocator('iframe.mail-part__frame');
  await expect(frame.getByRole('heading', { name: `Welcome to ${courseTitle}` })).toBeVisible();
  await expect(
    frame.getByText(`You are now enrolled in ${courseTitle}, taught by ${DEMO.instructor.name}.`),
  ).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Start the first lesson' })).toHaveAttribute(
    'href',
    firstLessonUrl,
  );
  const text = page.locator('.mail-part__text');
  await expect(text).toContainText(`Hi ${learner.name},`);
  await expect(text).toContainText(courseTitle);
  await expect(text).toContainText(firstLessonUrl);
  await expect(page.locator('.mail-headers code').first()).toHaveText(/^welcome:\S+$/);
  await expect(page.getByText('List-Unsubscribe=One-Click')).toBeVisible();
  await screenshotWithFrame(page, 'admin-mail-message.png');
  await expectAccessible(page, page.url(), { exclude: ['iframe.mail-part__frame'] });

  // The frame's document is served under its own policy: it runs no script. So axe checks
  // it on its own, in a browser told to set the policy aside (bypassCSP) for that purpose.
  const previewPath = (await page.locator('iframe.mail-part__frame').getAttribute('src')) ?? '';
  const preview = await page.request.get(previewPath);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-security-policy']).toContain("default-src 'none'");
  const mailContext = await browser.newContext({
    bypassCSP: true,
    storageState: await page.context().storageState(),
  });
  try {
    const mailPage = await mailContext.newPage();
    await mailPage.goto(previewPath);
    await expect(mailPage.getByRole('heading', { name: `Welcome to ${courseTitle}` })).toBeVisible();
    await mailPage.screenshot({ path: test.info().outputPath('welcome-mail.png'), fullPage: true });
    await expectAccessible(mailPage, 'the welcome mail');
  } finally {
    await mailContext.close();
  }

  // The only console errors allowed: the test's own init scripts (fixtures.ts), refused in
  // the sandboxed frame as they should be.
  const sandboxed =
    /^Blocked script execution in '[^']*\/api\/mail\/preview\/[^']*' because the document's frame is sandboxed/;
  expect(problems.consoleErrors.filter((line) => !sandboxed.test(line))).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});

test('a learner is refused the mail outbox', async ({ page }) => {
  await signIn(page, DEMO.grace);
  await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.grace.name);
  const response = await page.goto('/admin/mail');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
});
