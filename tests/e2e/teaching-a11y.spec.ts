/**
 * The teaching pages and /admin as the demo instructor and admin: axe-core (with the
 * label-in-name rule) on /teach, a course editor, a new lesson, a lesson editor (also
 * with the link dialog open) and /admin; the "Add a file" picker is empty after an
 * upload, and the same upload form posted twice over HTTP stores one attachment. Also
 * takes pictures of the editor (desktop and phone, light and dark) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { addLesson, createCourse, writeTestNotes } from './course-helpers';
import { expect, test, waitForHydration } from './fixtures';
import { DEMO, signIn } from './identity-helpers';

const SHOTS = join(process.env.AURORA_E2E_OUTPUT ?? 'test-results', 'teaching-shots');
const NOTES = `<h2>Reading a cell</h2><p>Look for the <strong>nucleus</strong> first.</p>
<ul><li>Membrane</li><li>Cytoplasm</li></ul><pre><code>zoom = 40x</code></pre>`;

async function signInAs(page: Page, person: { email: string; password: string }, to: string) {
  await signIn(page, person, `/sign-in?redirectTo=${encodeURIComponent(to)}`);
  await expect(page).toHaveURL(new RegExp(`${to.replace(/\//g, '\\/')}$`));
}

/** The "Add a file" form's picker and its one-time key. */
const addForm = (page: Page) => page.locator('form.add-file');
const pickedFiles = (page: Page) =>
  page.getByLabel('Add a file').evaluate((input) => (input as HTMLInputElement).files?.length ?? -1);

test('teaching pages pass axe, and an upload clears the picker and is stored once', async ({
  page,
  problems,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, DEMO.instructor, '/teach');
  const courseId = await createCourse(page, {
    title: 'Cells under the microscope',
    description: 'Prepare slides and recognise the parts of plant and animal cells.',
    category: 'Biology',
  });

  await page.goto('/teach');
  await waitForHydration(page);
  // The visible words begin the accessible name.
  await expect(page.getByRole('link', { name: 'Add lesson to Cells under the microscope' })).toBeVisible();
  await expectAccessible(page, '/teach');

  await page.goto(`/teach/courses/${courseId}`);
  await waitForHydration(page);
  await expectAccessible(page, 'course editor');

  await page.goto(`/teach/courses/${courseId}/lessons/new`);
  await waitForHydration(page);
  await expect(page.getByRole('button', { name: 'H2 heading' })).toBeVisible();
  await expectAccessible(page, 'new lesson');

  const lessonId = await addLesson(page, courseId, { title: 'Preparing a slide', html: NOTES });
  await waitForHydration(page);
  await expectAccessible(page, 'lesson editor');
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Add a link' })).toBeVisible();
  await expect(page.getByLabel('Link address')).toBeFocused();
  await expectAccessible(page, 'lesson editor, link dialog open');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Upload with JavaScript: the picker is empty afterwards, and "Upload file" again uploads nothing.
  const keyBefore = await addForm(page).locator('input[name="uploadKey"]').inputValue();
  await page.getByLabel('Add a file').setInputFiles(writeTestNotes('worksheet.txt'));
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.getByRole('status').filter({ hasText: '“worksheet.txt” is attached' })).toBeVisible();
  expect(await pickedFiles(page)).toBe(0);
  await expect(page.getByLabel('Add a file')).toHaveValue('');
  expect(await addForm(page).locator('input[name="uploadKey"]').inputValue()).not.toBe(keyBefore);
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.getByText('Choose a file to upload.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'worksheet.txt', exact: true })).toHaveCount(1);
  await expectAccessible(page, 'lesson editor with a file');

  // The same form post sent twice over HTTP (a resent POST): one attachment.
  const here = `/teach/courses/${courseId}/lessons/${lessonId}`;
  const uploadKey = await addForm(page).locator('input[name="uploadKey"]').inputValue();
  const origin = new URL(page.url()).origin;
  for (let i = 0; i < 2; i += 1) {
    const answer = await page.request.post(here, {
      headers: { Origin: origin },
      multipart: {
        intent: 'add-attachment',
        uploadKey,
        file: { name: 'lab-sheet.txt', mimeType: 'text/plain', buffer: Buffer.from('Lab sheet\n') },
      },
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(302);
  }
  await page.goto(here);
  await expect(page.getByRole('link', { name: 'lab-sheet.txt', exact: true })).toHaveCount(1);
  await expect(page.getByText('version 1', { exact: false })).toHaveCount(2);

  // The one 400 is the "Choose a file to upload." answer, on purpose.
  expect(problems.consoleErrors.filter((line) => !/status of 400/.test(line))).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});

test('in Chromium, Enter twice leaves a code block and a quote, and a picture lands after them', async ({
  page,
}) => {
  await signInAs(page, DEMO.instructor, '/teach');
  const courseId = await createCourse(page, {
    title: 'Typing in the editor',
    description: 'A course to try the editor in.',
    category: 'Testing',
  });
  await page.goto(`/teach/courses/${courseId}/lessons/new`);
  await waitForHydration(page);
  const area = page.getByRole('textbox', { name: 'Lesson notes' });
  await area.click();
  await page.keyboard.type('Intro');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Code block' }).click();
  await page.keyboard.type('let x = 1;');
  await page.keyboard.press('Enter');
  await page.keyboard.type('x += 1;');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Image by URL' }).click();
  await page.getByLabel('Image address').fill('https://example.org/cell.png');
  await page.getByLabel('Description (alt text)').fill('A plant cell');
  await page.getByLabel('Description (alt text)').press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Quote' }).click();
  await page.keyboard.type('Look closely.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('After the quote');
  const source = page.locator('textarea[name="content"]');
  await expect(source).toHaveValue(
    '<p>Intro</p><pre>let x = 1;\nx += 1;</pre><p><img src="https://example.org/cell.png" alt="A plant cell"></p>' +
      '<blockquote>Look closely.</blockquote><p>After the quote</p>',
  );
});

test('/admin passes axe', async ({ page, problems }) => {
  await signInAs(page, DEMO.admin, '/admin');
  await waitForHydration(page);
  await expectAccessible(page, '/admin');
  expect(problems.cspViolations).toEqual([]);
});

test('pictures of the lesson editor and its dialog', async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const setup = await browser.newContext();
  const author = await setup.newPage();
  await signInAs(author, DEMO.instructor, '/teach');
  const courseId = await createCourse(author, {
    title: 'Optics for beginners',
    description: 'Lenses, mirrors and the eye, with experiments for the classroom.',
    category: 'Physics',
  });
  const lessonId = await addLesson(author, courseId, {
    title: 'Refraction',
    html: NOTES,
    attachment: writeTestNotes('refraction-worksheet.txt'),
  });
  await setup.close();

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { name: 'desktop', width: 1280, height: 800 },
      { name: 'phone', width: 375, height: 740 },
    ]) {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      await signInAs(page, DEMO.instructor, '/teach');
      const suffix = `${viewport.name}-${colorScheme}`;
      await page.screenshot({ path: `${SHOTS}/teach-${suffix}.png`, fullPage: true });
      await page.goto(`/teach/courses/${courseId}/lessons/${lessonId}`);
      await waitForHydration(page);
      await page.getByRole('button', { name: 'Image by URL' }).click();
      await page.getByLabel('Image address').fill('not a url');
      await page.getByRole('button', { name: 'Add image' }).click();
      await expect(page.getByLabel('Image address')).toHaveAttribute('aria-invalid', 'true');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `lesson editor overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      // The dialog in the middle of the window, below the sticky site header.
      await page.locator('.rte__dialog').evaluate((dialog) => dialog.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${SHOTS}/editor-dialog-${suffix}.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/lesson-editor-${suffix}.png`, fullPage: true });
      await context.close();
    }
  }
});
