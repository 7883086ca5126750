/**
 * An admin's first ten minutes (issue 11), as the demo admin: all courses with search and
 * unpublish, a role change confirmed beside its row (with and without JavaScript), the
 * security log in names and local times, and adding a person whose one-time link, opened
 * in a fresh browser, sets their password and signs them in. axe runs on every page.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, BrowserContextOptions, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test, waitForHydration } from './fixtures';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';

// Several browsers and axe runs per journey on a machine shared with other runs.
test.describe.configure({ timeout: 120_000 });

/** Pictures for a person to look at (not compared), outside Playwright's output folder, which each run empties. */
const SHOTS = '/tmp/aurora-shots/admin';

/** A tRPC call over HTTP with the context's cookies, as a script would make it. */
async function trpc<T>(request: APIRequestContext, path: string, input: unknown, kind: 'query' | 'mutation') {
  const baseURL = test.info().project.use.baseURL ?? '';
  const headers = { Origin: new URL(baseURL).origin, 'Content-Type': 'application/json' };
  const response =
    kind === 'mutation'
      ? await request.post(`/api/trpc/${path}`, { data: { json: input }, headers })
      : await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
          headers,
        });
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  return { status: response.status(), data: body.result?.data?.json, error: body.error };
}

/** A published course of the demo instructor with one members-only lesson, made through the API. */
async function instructorCourse(browser: Browser) {
  const context = await browser.newContext();
  const { request } = context;
  await trpc(request, 'auth.login', DEMO.instructor, 'mutation');
  const title = `Orbital mechanics ${randomUUID().slice(0, 6)}`;
  const course = await trpc<{ id: string }>(
    request,
    'course.create',
    {
      title,
      description: 'Trajectories, transfers and rendezvous.',
      category: 'science',
      difficulty: 'advanced',
      duration: 2,
      price: 0,
      tags: ['space'],
    },
    'mutation',
  );
  const courseId = course.data?.id ?? '';
  const lesson = await trpc<{ id: string }>(
    request,
    'lesson.create',
    { courseId, title: 'Hohmann transfers', content: '<p>Two burns.</p>', isPreview: false },
    'mutation',
  );
  await trpc(request, 'course.publish', { courseId }, 'mutation');
  await context.close();
  expect(courseId).toBeTruthy();
  return { courseId, lessonId: lesson.data?.id ?? '', title };
}

async function adminPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await signIn(page, DEMO.admin, '/sign-in?redirectTo=/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  return { context, page, consoleErrors };
}

test('all courses: drafts and published, searchable, unpublish confirmed under its row', async ({
  browser,
}) => {
  const course = await instructorCourse(browser);
  const { context, page } = await adminPage(browser);
  await page
    .getByRole('navigation', { name: 'Admin sections' })
    .getByRole('link', { name: 'Courses' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible();
  // The demo draft is there with the published ones.
  await expect(page.getByRole('row').filter({ hasText: 'Draft' }).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('searchbox', { name: 'Search' }).fill(course.title.split(' ').at(-1) ?? '');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText(
    '1 course matching “' + (course.title.split(' ').at(-1) ?? '') + '”',
  );
  const row = page.getByRole('row', { name: new RegExp(course.title) });
  await expect(row).toContainText('Maya Rivera');
  await expect(row).toContainText('Published');
  await expect(row.getByRole('cell', { name: '1', exact: true })).toBeVisible();
  await expect(row.getByRole('link', { name: `Open editor for ${course.title}` })).toHaveAttribute(
    'href',
    `/teach/courses/${course.courseId}`,
  );

  await waitForHydration(page);
  await row.getByRole('button', { name: `Unpublish ${course.title}` }).click();
  const confirm = page.getByRole('region', { name: `Unpublish “${course.title}”?` });
  await expect(confirm).toBeVisible();
  // The confirmation sits in the row right under the course, not at the top of the page.
  const rows = page.getByRole('table').locator('tbody > tr');
  await expect(rows.nth(1).getByRole('region')).toBeVisible();
  await expectAccessible(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/courses-confirm-desktop-light.png`, fullPage: true });

  await confirm.getByLabel('Reason (optional)').fill('Waiting for a review');
  await confirm.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByText(`“${course.title}” is unpublished.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(course.title) })).toContainText('Draft');

  // The act is in the security log, by name.
  await page.goto('/admin/security?action=course_moderated');
  const logged = page.getByRole('row').filter({ hasText: 'Waiting for a review' }).first();
  await expect(logged.getByRole('link', { name: course.title })).toHaveAttribute(
    'href',
    `/courses/${course.courseId}`,
  );
  await context.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`role change: confirmed next to the row, keeping the chosen role (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const learner = newPerson('Mary');
    const signUpContext = await browser.newContext();
    await signUp(await signUpContext.newPage(), learner);
    await signUpContext.close();

    const { context, page } = await adminPage(browser, { javaScriptEnabled });
    await page.goto(`/admin?q=${encodeURIComponent(learner.email)}`);
    if (javaScriptEnabled) await waitForHydration(page);
    const row = page.getByRole('row', { name: new RegExp(learner.name) });
    const select = row.getByLabel(`Role for ${learner.name}`, { exact: true });
    await select.selectOption('instructor');
    await row.getByRole('button', { name: `Save role for ${learner.name}` }).click();

    const confirm = page.getByRole('region', { name: `Make ${learner.name} an instructor?` });
    await expect(confirm).toBeVisible();
    // Beside the row: the very next table row holds it, and the select still says Instructor.
    await expect(page.getByRole('table').locator('tbody > tr').nth(1).getByRole('region')).toBeVisible();
    await expect(
      page
        .getByRole('row', { name: new RegExp(learner.name) })
        .first()
        .getByLabel(`Role for ${learner.name}`, { exact: true }),
    ).toHaveValue('instructor');
    // axe needs scripts; the JavaScript-on run checks this very page.
    if (javaScriptEnabled) await expectAccessible(page);

    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText(`${learner.name} is now an instructor.`)).toBeVisible();
    await expect(page.getByLabel(`Role for ${learner.name}`, { exact: true })).toHaveValue('instructor');
    await context.close();
  });
}

test('organization role: the owner makes someone a Viewer, confirmed beside the row, without JavaScript', async ({
  browser,
}) => {
  const person = newPerson('Vera');
  const signUpContext = await browser.newContext();
  await signUp(await signUpContext.newPage(), person);
  await signUpContext.close();

  // The demo admin is the install's first admin, so its Organization Owner.
  const { context, page } = await adminPage(browser, { javaScriptEnabled: false });
  await page.goto(`/admin?q=${encodeURIComponent(person.email)}`);
  const row = page.getByRole('row', { name: new RegExp(person.name) });
  const select = row.getByLabel(`Organization role for ${person.name}`, { exact: true });
  await expect(select).toHaveValue('');
  await select.selectOption('viewer');
  await row.getByRole('button', { name: `Save organization role for ${person.name}` }).click();

  const confirm = page.getByRole('region', { name: `Make ${person.name} a Viewer?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByText('Read analytics and reports')).toBeVisible();
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText(`${person.name} is now a Viewer.`)).toBeVisible();
  await expect(page.getByLabel(`Organization role for ${person.name}`, { exact: true })).toHaveValue(
    'viewer',
  );
  await page.goto('/admin/security?action=org_role_changed');
  await expect(page.getByRole('table')).toContainText(person.name);
  await context.close();
});

test('security log: names with links, times in the viewer’s zone with UTC on hover', async ({ browser }) => {
  const course = await instructorCourse(browser);
  const learner = newPerson('Hedy');
  const learnerContext = await browser.newContext();
  await signUp(await learnerContext.newPage(), learner);
  // Not enrolled: the video is refused, and the refusal is logged.
  const refused = await trpc(
    learnerContext.request,
    'video.requestAccess',
    { lessonId: course.lessonId },
    'mutation',
  );
  expect(refused.status).toBe(403);
  await learnerContext.close();

  const { context, page, consoleErrors } = await adminPage(browser, { timezoneId: 'Asia/Tokyo' });
  await page.goto(`/admin/security?email=${encodeURIComponent(learner.email)}`);
  await waitForHydration(page);
  const row = page.getByRole('row').filter({ hasText: 'Video access denied' }).first();
  await expect(row.getByRole('link', { name: learner.name })).toHaveAttribute(
    'href',
    `/admin?q=${encodeURIComponent(learner.email)}`,
  );
  await expect(row.getByRole('link', { name: 'Hohmann transfers' })).toHaveAttribute(
    'href',
    `/courses/${course.courseId}/lessons/${course.lessonId}`,
  );
  await expect(row.getByRole('link', { name: course.title })).toBeVisible();
  await expect(row).not.toContainText(course.lessonId);

  const time = row.locator('time');
  await expect(time).toHaveAttribute('title', /\d{2}:\d{2}:\d{2} UTC$/);
  // After hydration the clock reads Tokyo time (UTC+9).
  await expect(time).toContainText('GMT+9');
  const [iso, shown] = await time.evaluate((node) => [
    node.getAttribute('datetime') ?? '',
    node.textContent ?? '',
  ]);
  const tokyoHour = (new Date(iso).getUTCHours() + 9) % 24;
  expect(shown).toContain(`${String(tokyoHour).padStart(2, '0')}:`);
  expect(consoleErrors.filter((text) => /hydrat/i.test(text))).toEqual([]);
  await expectAccessible(page);
  await context.close();
});

test('add person: a one-time link sets their password and signs them in, once', async ({ browser }) => {
  const person = newPerson('Katherine');
  const { context, page } = await adminPage(browser);
  await page.getByText('Add person', { exact: true }).click();
  const form = page.getByRole('region', { name: 'Add a person' });
  await form.getByLabel('Name').fill(person.name);
  await form.getByLabel('Email', { exact: true }).fill(person.email);
  await form.getByLabel('Role', { exact: true }).selectOption('instructor');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add person and get link' }).click();
  await expect(page.getByText(`${person.name} is added as an instructor`)).toBeVisible();
  const linkBox = page.getByRole('textbox', { name: `One-time link for ${person.name}` });
  const link = await linkBox.inputValue();
  expect(link).toMatch(/\/set-password\?token=[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/people-invite-link-desktop-light.png` });
  // They are in the people list already.
  await page.goto(`/admin?q=${encodeURIComponent(person.email)}`);
  await expect(page.getByRole('row', { name: new RegExp(person.name) })).toBeVisible();
  await context.close();

  const fresh = await browser.newContext();
  const newcomer = await fresh.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel('New password', { exact: true }).fill(person.password);
  await newcomer.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(newcomer.getByText(`Welcome to Aurora, ${person.name}. Your password is set.`)).toBeVisible();
  await expect(newcomer.getByRole('banner').locator('summary')).toContainText(person.name);
  await expectAccessible(newcomer);
  await fresh.close();

  // The link is spent; the password works.
  const again = await browser.newContext();
  const replay = await again.newPage();
  await replay.goto(link);
  await replay.getByLabel('New password', { exact: true }).fill('someone else entirely');
  await replay.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(replay.getByText('This link has already been used.', { exact: false })).toBeVisible();
  await signIn(replay, person);
  await expect(replay.getByRole('banner').locator('summary')).toContainText(person.name);
  await again.close();
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740 },
];

async function shoot(page: Page, name: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  // A focused confirmation may have scrolled the page; the sticky header would then sit mid-picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of VIEWPORTS) {
    test(`admin screenshots: ${viewport.name}, ${colorScheme}`, async ({ browser }) => {
      mkdirSync(SHOTS, { recursive: true });
      const suffix = `${viewport.name}-${colorScheme}`;
      const { context, page } = await adminPage(browser, {
        viewport: { width: viewport.width, height: viewport.height },
        colorScheme,
        timezoneId: 'Europe/Berlin',
      });
      await waitForHydration(page);
      const row = page.getByRole('row', { name: /Grace Hopper/ });
      await row.getByLabel('Role for Grace Hopper', { exact: true }).selectOption('admin');
      await row.getByRole('button', { name: 'Save role for Grace Hopper' }).click();
      await expect(page.getByRole('region', { name: 'Make Grace Hopper an administrator?' })).toBeVisible();
      await shoot(page, `people-role-confirm-${suffix}`);

      await page.goto('/admin');
      await page.getByText('Add person', { exact: true }).click();
      await page.getByRole('button', { name: 'Add person and get link' }).click();
      await expect(page.getByRole('alert').first()).toBeVisible();
      await shoot(page, `people-add-errors-${suffix}`);

      await page.goto('/admin/courses');
      await waitForHydration(page);
      await shoot(page, `courses-${suffix}`);
      const published = page.getByRole('row').filter({ hasText: 'Published' }).first();
      await published.getByRole('button', { name: /^Unpublish / }).click();
      await expect(page.getByRole('region', { name: /^Unpublish “/ })).toBeVisible();
      await shoot(page, `courses-confirm-${suffix}`);

      await page.goto('/admin/security');
      await waitForHydration(page);
      await shoot(page, `security-${suffix}`);
      await context.close();

      const visitor = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        colorScheme,
      });
      const setPage = await visitor.newPage();
      await setPage.goto('/set-password?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      await setPage.getByLabel('New password', { exact: true }).fill('long enough password');
      await setPage.getByRole('button', { name: 'Set password and sign in' }).click();
      await expect(setPage.getByText('This link is not valid.', { exact: false })).toBeVisible();
      await shoot(setPage, `set-password-error-${suffix}`);
      await visitor.close();
    });
  }
}
