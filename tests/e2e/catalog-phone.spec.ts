/**
 * The catalog and a course page on a phone (375×740) and a desktop: the filters fold behind
 * "Filters (n)", categories match whatever their case, the course page shows what it
 * teaches and who teaches it, the Enroll action stays on screen, and "Leave course" asks
 * right where its button is — with and without JavaScript. axe runs on every page visited;
 * screenshots for a person to look at go to $AURORA_E2E_OUTPUT/shots (or /tmp/catalog-shots).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { addLesson, createCourse } from './course-helpers';
import { expect, test } from './fixtures';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const SHOTS = join(
  process.env.AURORA_E2E_OUTPUT ?? '/tmp',
  process.env.AURORA_E2E_OUTPUT ? 'shots' : 'catalog-shots',
);
const DESIGN_COURSE = 'Designing Accessible Interfaces';

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

// One course made once for the whole file: its tests run in order in one worker.
test.describe.configure({ mode: 'default' });

/** A published free course by the demo instructor (who has a bio), with a list in its description. */
let course: { id: string; title: string };
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  // Password hashing is slow on purpose, and this machine is shared.
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible({ timeout: 20_000 });
  const title = `Sketching for beginners ${randomUUID().slice(0, 6)}`;
  const id = await createCourse(page, {
    title,
    description:
      'Draw what you see, with a pencil and ten minutes a day.\n\n' +
      '- Hold a pencil for light, confident lines\n' +
      '- Measure proportions by eye\n' +
      '- Shade with hatching\n\n' +
      'No talent required.',
    category: 'Art',
    tags: 'drawing, sketching',
  });
  await addLesson(page, id, { title: 'Lines and circles', html: '<p>Warm up.</p>', preview: true });
  for (const lesson of [
    'Boxes in perspective',
    'Light and shadow',
    'Drawing hands',
    'Faces',
    'Your sketchbook',
  ])
    await addLesson(page, id, { title: lesson, html: '<p>Practice.</p>' });
  await page.goto(`/teach/courses/${id}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'published' })).toBeVisible();
  await context.close();
  course = { id, title };
});

test('on a phone the filters fold behind "Filters (n)", open, and filter', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto('/catalog?difficulty=advanced&price=paid');
  const toggle = page.getByRole('search').locator('summary');
  await expect(toggle).toHaveText('Filters (2)');
  await expect(page.getByLabel('Level')).toBeHidden();
  await shoot(page, 'catalog-phone');
  // The results start on the first screen.
  await expect(page.locator('.course-card').first()).toBeInViewport();
  await expectAccessible(page);

  // A visitor's catalog has no scripts: the <details> opens natively.
  await expect(page.locator('script')).toHaveCount(0);
  await toggle.click();
  await expect(page.getByLabel('Level')).toBeVisible();
  await expect(page.getByLabel('Level')).toHaveValue('advanced');
  // Every select shows its whole choice ("Any price" is not cut).
  await shoot(page, 'catalog-phone-open');
  for (const label of ['Category', 'Level', 'Price', 'Sort by']) {
    const room = await page.getByLabel(label).evaluate((select: HTMLSelectElement) => {
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;white-space:nowrap;visibility:hidden';
      probe.style.font = getComputedStyle(select).font;
      probe.textContent = select.selectedOptions[0]?.text ?? '';
      document.body.append(probe);
      const text = probe.getBoundingClientRect().width;
      probe.remove();
      const style = getComputedStyle(select);
      return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - text;
    });
    expect(room, `${label} shows its whole choice`).toBeGreaterThanOrEqual(-1);
  }
  await page.getByLabel('Price').selectOption('');
  await page.getByLabel('Category').selectOption('Design');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/category=Design/);
  await expect(page.getByRole('search').locator('summary')).toHaveText('Filters (2)');
  await expect(page.getByRole('heading', { name: DESIGN_COURSE })).toBeVisible();
  await expectAccessible(page);

  // A filter with a problem keeps the filters open, its message beside it.
  expect((await page.goto(`/catalog?tag=${'t'.repeat(33)}`))?.status()).toBe(400);
  await expect(page.getByLabel('Tag')).toBeVisible();
  await expect(page.getByLabel('Tag')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await shoot(page, 'catalog-phone-problem');
  await context.close();
});

test('the filters work without JavaScript and stay open when one has a problem', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(`/catalog?tag=${'t'.repeat(33)}`);
  expect(response?.status()).toBe(400);
  await expect(page.getByLabel('Tag')).toBeVisible();
  await expect(page.getByText('A tag is at most 32 characters.')).toBeVisible();
  // axe needs scripts: the same page is checked with them in the first test's run of it below.
  await page.goto('/catalog');
  await expect(page.getByRole('search').locator('summary')).toHaveText('Filters');
  await page.getByRole('search').locator('summary').click();
  await page.getByLabel('Category').selectOption('Design');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/category=Design/);
  await expect(page.getByRole('heading', { name: DESIGN_COURSE })).toBeVisible();
  await context.close();
});

test('?category=design finds the Design course; on a desktop the filters are unfolded', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/catalog?category=design');
  await expect(page.getByRole('heading', { name: DESIGN_COURSE })).toBeVisible();
  await expect(page.getByLabel('Category')).toBeVisible();
  await expect(page.getByLabel('Category')).toHaveValue('Design');
  await expect(page.getByRole('search').locator('summary')).toBeHidden();
  await expect(page.getByRole('status')).toHaveText(/^\d+ courses?$/);
  await expectAccessible(page);
  await shoot(page, 'catalog-desktop');
});

async function learnerOnCourse(browser: Browser, viewport: typeof PHONE, javaScriptEnabled = true) {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  const person = newPerson('Sketcher');
  if (javaScriptEnabled) {
    await signUp(page, person);
  } else {
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill(person.name);
    await page.getByLabel('Email', { exact: true }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('banner')).toContainText(person.name);
  }
  await page.goto(`/courses/${course.id}`);
  return { context, page };
}

test('the course page on a phone: what it teaches, who teaches it, Enroll always in view', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const { context, page } = await learnerOnCourse(browser, PHONE);
  await expect(page.getByRole('heading', { level: 2, name: 'What you’ll learn' })).toBeVisible();
  await expect(page.getByText('Measure proportions by eye')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Your instructor' })).toBeVisible();
  await expect(page.getByText('Teaches web development and data literacy.')).toBeVisible();
  // The list is not repeated in the lead; the paragraphs are.
  await expect(page.getByText('No talent required.')).toBeVisible();

  const bar = page.getByRole('region', { name: 'Enroll in this course' });
  await expect(bar.getByRole('button', { name: 'Enroll for free' })).toBeInViewport();
  await expectAccessible(page);
  await shoot(page, 'course-phone');
  await page.getByRole('heading', { name: 'Course outline' }).scrollIntoViewIfNeeded();
  await expect(bar.getByRole('button', { name: 'Enroll for free' })).toBeInViewport();
  await shoot(page, 'course-phone-scrolled');

  await bar.getByRole('button', { name: 'Enroll for free' }).click();
  await expect(page.getByText('You’re enrolled.')).toBeVisible();
  await expect(bar.getByRole('link', { name: 'Start the course' })).toBeInViewport();
  // Every lesson is open to an enrolled learner: no "Preview" badges on their outline.
  await expect(page.locator('.outline').getByText('Preview', { exact: true })).toHaveCount(0);
  await expectAccessible(page);

  // Leave course: the confirmation opens where the button is, its buttons on screen.
  await page.getByRole('button', { name: 'Leave course…' }).click();
  await expect(page).toHaveURL(/leave=confirm/);
  const confirm = page.getByRole('region', { name: `Leave “${course.title}”?` });
  await expect(confirm.getByRole('button', { name: 'Leave course' })).toBeInViewport();
  await expect(confirm.getByRole('link', { name: 'Cancel' })).toBeInViewport();
  await expectAccessible(page);
  await shoot(page, 'course-phone-leave');
  await confirm.getByRole('button', { name: 'Leave course' }).click();
  await expect(page.getByText('You left the course.')).toBeVisible();
  await context.close();
});

test('the course page on a desktop: side by side, and Leave course asks in place', async ({ browser }) => {
  test.setTimeout(60_000);
  const { context, page } = await learnerOnCourse(browser, DESKTOP);
  const learn = page.getByRole('heading', { level: 2, name: 'What you’ll learn' });
  const instructor = page.getByRole('heading', { level: 2, name: 'Your instructor' });
  await expect(learn).toBeVisible();
  const [learnBox, instructorBox] = [await learn.boundingBox(), await instructor.boundingBox()];
  expect(instructorBox?.x ?? 0).toBeGreaterThan((learnBox?.x ?? 0) + 400);
  await expect(page.getByRole('region', { name: 'Enroll in this course' })).toBeHidden();
  await expectAccessible(page);
  await shoot(page, 'course-desktop');

  await page.getByRole('button', { name: 'Enroll for free' }).click();
  await expect(page.getByText('You’re enrolled.')).toBeVisible();
  await page.getByRole('button', { name: 'Leave course…' }).click();
  const confirm = page.getByRole('region', { name: `Leave “${course.title}”?` });
  await expect(confirm.getByRole('button', { name: 'Leave course' })).toBeInViewport();
  await expect(confirm.getByRole('link', { name: 'Cancel' })).toBeInViewport();
  await expectAccessible(page);
  await shoot(page, 'course-desktop-leave');
  await confirm.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).not.toHaveURL(/leave=confirm/);
  await expect(page.getByRole('button', { name: 'Leave course…' })).toBeVisible();
  await context.close();
});

test('without JavaScript, Leave course’s confirmation is on screen with its buttons', async ({ browser }) => {
  test.setTimeout(60_000);
  const { context, page } = await learnerOnCourse(browser, PHONE, false);
  await page
    .getByRole('region', { name: 'Enroll in this course' })
    .getByRole('button', { name: 'Enroll for free' })
    .click();
  await expect(page.getByText('You’re enrolled.')).toBeVisible();
  await page.getByRole('button', { name: 'Leave course…' }).click();
  const confirm = page.getByRole('region', { name: `Leave “${course.title}”?` });
  await expect(confirm.getByRole('button', { name: 'Leave course' })).toBeInViewport();
  await expect(confirm.getByRole('link', { name: 'Cancel' })).toBeInViewport();
  // axe needs scripts: this page is checked with them in the phone test above.
  await confirm.getByRole('button', { name: 'Leave course' }).click();
  await expect(page.getByText('You left the course.')).toBeVisible();
  await context.close();
});
