import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { expect, test, waitForHydration } from './fixtures';
import { addLesson, createCourse, writeTestNotes } from './course-helpers';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';

test('an instructor builds and publishes a course; visitors, learners and other instructors see what they may', async ({
  browser,
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  const word = `heliotrope${randomUUID().slice(0, 6)}`;
  const title = `Photosynthesis from scratch ${word.slice(-6)}`;

  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const courseId = await createCourse(page, {
    title,
    description: `How plants turn light into sugar, explained with the ${word} experiment.`,
    category: 'Biology',
  });

  const welcome = await addLesson(page, courseId, {
    title: 'Welcome to the greenhouse',
    summary: 'What we will grow together.',
    html: '<h2>Light and leaves</h2><p>Plants <strong>make their own food</strong>.</p><ul><li>Light</li><li>Water</li></ul>',
    preview: true,
  });
  // The editor's preview shows the notes in a sandboxed frame, without saving.
  await page.getByRole('button', { name: 'Preview' }).click();
  const frame = page.frameLocator('iframe[title="Lesson preview"]');
  await expect(frame.getByRole('heading', { name: 'Light and leaves' })).toBeVisible();

  const notes = writeTestNotes();
  const deepDive = await addLesson(page, courseId, {
    title: 'Inside the chloroplast',
    html: '<p>The members-only part.</p>',
    attachment: notes,
  });
  const attachmentUrl = await page
    .getByRole('link', { name: basename(notes) })
    .first()
    .getAttribute('href');
  expect(attachmentUrl).toMatch(new RegExp(`^/files/lessons/${deepDive}/`));
  // The last lesson is written in the rich-text editor itself: toolbar and shortcuts.
  await page.goto(`/teach/courses/${courseId}/lessons/new`);
  await waitForHydration(page);
  await page.getByLabel('Title').fill('Wrap-up and quiz');
  const notesArea = page.getByRole('textbox', { name: 'Lesson notes' });
  await notesArea.click();
  await page.getByRole('button', { name: 'H2 heading', exact: true }).click();
  await page.keyboard.type('Key ideas');
  await expect(page.getByRole('button', { name: 'H2 heading', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('Light is food');
  await page.getByRole('button', { name: 'Save lesson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wrap-up and quiz' })).toBeVisible();
  const wrapUp = /\/lessons\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
  await page.goto(`/courses/${courseId}/lessons/${wrapUp}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Key ideas' })).toBeVisible();
  await expect(page.locator('.prose b, .prose strong').filter({ hasText: 'Light is food' })).toBeVisible();

  await page.goto(`/teach/courses/${courseId}`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Move Wrap-up and quiz up' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'moved up' })).toBeVisible();
  await expect(page.locator('.lesson-row__title')).toHaveText([
    'Welcome to the greenhouse',
    'Wrap-up and quiz',
    'Inside the chloroplast',
  ]);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your course is published' })).toBeVisible();
  expect(problems.cspViolations).toEqual([]);
  // Playwright's own init scripts are refused inside the preview's sandboxed frame, as they should be.
  expect(problems.consoleErrors.filter((text) => !text.includes("in 'about:srcdoc'"))).toEqual([]);

  // A visitor finds it by a word of its description and reads the preview lesson.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto('/catalog');
  await visitorPage.getByRole('search').getByLabel('Search').fill(word);
  await visitorPage.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(visitorPage).toHaveURL(new RegExp(`q=${word}`));
  await visitorPage.getByRole('link', { name: title }).click();
  await expect(visitorPage.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const outline = visitorPage.getByRole('region', { name: 'Course outline' });
  await expect(outline.getByRole('listitem')).toHaveCount(3);
  await expect(outline.getByRole('link')).toHaveCount(1);
  await outline.getByRole('link', { name: 'Welcome to the greenhouse' }).click();
  await expect(
    visitorPage.getByRole('heading', { level: 1, name: 'Welcome to the greenhouse' }),
  ).toBeVisible();
  await expect(visitorPage.getByRole('heading', { name: 'Light and leaves' })).toBeVisible();
  await expect(visitorPage.getByText('make their own food')).toBeVisible();
  // Visitors are asked to sign in for the other lessons.
  await visitorPage.goto(`/courses/${courseId}/lessons/${deepDive}`);
  await expect(visitorPage).toHaveURL(/\/sign-in\?redirectTo=/);
  await visitor.close();

  // A signed-in learner who has not enrolled is refused the other lessons and the file.
  const learner = await browser.newContext();
  const learnerPage = await learner.newPage();
  await signUp(learnerPage, newPerson('Learner'));
  const refused = await learnerPage.goto(`/courses/${courseId}/lessons/${deepDive}`);
  expect(refused?.status()).toBe(403);
  await expect(
    learnerPage.getByRole('heading', { level: 1, name: 'Enroll in this course to open this lesson' }),
  ).toBeVisible();
  expect((await learnerPage.request.get(attachmentUrl ?? '')).status()).toBe(403);
  const preview = await learnerPage.goto(`/courses/${courseId}/lessons/${welcome}`);
  expect(preview?.status()).toBe(200);
  await learner.close();

  // Another instructor cannot edit it.
  const other = newPerson('Teacher');
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signUp(otherPage, other);
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, DEMO.admin, `/sign-in?redirectTo=${encodeURIComponent(`/admin?q=${other.email}`)}`);
  const row = adminPage.getByRole('row', { name: new RegExp(other.name) });
  await row.getByLabel(`Role for ${other.name}`, { exact: true }).selectOption('instructor');
  await row.getByRole('button', { name: `Save role for ${other.name}` }).click();
  await adminPage
    .getByRole('region', { name: `Make ${other.name} an instructor?` })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await expect(adminPage.getByRole('status').filter({ hasText: 'is now an instructor' })).toBeVisible();
  await admin.close();
  const editor = await otherPage.goto(`/teach/courses/${courseId}`);
  expect(editor?.status()).toBe(403);
  await expect(otherPage.getByRole('heading', { level: 1, name: 'You can’t edit this' })).toBeVisible();
  const lessonEditor = await otherPage.goto(`/teach/courses/${courseId}/lessons/${deepDive}`);
  expect([403, 404]).toContain(lessonEditor?.status());
  await otherContext.close();
});

test('publishing a course without lessons is refused with the server’s reason', async ({ page }) => {
  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const courseId = await createCourse(page, {
    title: `Empty course ${randomUUID().slice(0, 6)}`,
    description: 'Nothing here yet.',
    category: 'Misc',
  });
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('alert')).toContainText('Add at least one lesson before publishing.');
  await page.getByRole('button', { name: 'Delete course…' }).click();
  const confirm = page.getByRole('region', { name: /^Delete “Empty course/ });
  await expect(confirm).toContainText('enrolled');
  await confirm.getByRole('button', { name: 'Delete course' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The course is deleted.' })).toBeVisible();
  expect((await page.goto(`/courses/${courseId}`))?.status()).toBe(404);
});

test('the catalog explains when nothing matches', async ({ page }) => {
  await page.goto('/catalog?q=zzqxnothingmatches');
  await expect(page.getByRole('heading', { name: 'No courses match' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
});

test('a filter the catalog cannot take is explained beside its field, with a 400', async ({ page }) => {
  const response = await page.goto(`/catalog?tag=${'t'.repeat(33)}&category=${'c'.repeat(65)}`);
  expect(response?.status()).toBe(400);
  await expect(page.getByLabel('Tag')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('A tag is at most 32 characters.')).toBeVisible();
  await expect(page.getByText('A category is at most 64 characters.')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Check the filters above to see courses.');
  // Fixing the filter and searching again shows courses.
  await page.getByLabel('Tag').fill('');
  await page.getByLabel('Category').selectOption('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText(/\d+ courses?/);
});

test('without JavaScript an instructor writes a lesson as HTML, previews it and reorders', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const courseId = await createCourse(page, {
    title: `Plain HTML course ${randomUUID().slice(0, 6)}`,
    description: 'Written with scripts off.',
    category: 'Writing',
  });
  await page.goto(`/teach/courses/${courseId}/lessons/new`);
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await page.getByLabel('Title').fill('First words');
  await page.getByLabel('Lesson notes').fill('<h2>Hello</h2><p>Typed as <em>HTML</em>.</p>');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page.frameLocator('iframe[title="Lesson preview"]').getByRole('heading', { name: 'Hello' }),
  ).toBeVisible();
  await expect(page.getByLabel('Lesson notes')).toHaveValue('<h2>Hello</h2><p>Typed as <em>HTML</em>.</p>');
  await page.getByRole('button', { name: 'Save lesson' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added' })).toBeVisible();
  await page.goto(`/teach/courses/${courseId}/lessons/new`);
  await page.getByLabel('Title').fill('Second words');
  await page.getByRole('button', { name: 'Save lesson' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added' })).toBeVisible();
  await page.goto(`/teach/courses/${courseId}`);
  await page.getByRole('button', { name: 'Move Second words up' }).click();
  await expect(page.locator('.lesson-row__title')).toHaveText(['Second words', 'First words']);
  await context.close();
});
