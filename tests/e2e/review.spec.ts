/**
 * Review before publishing (issue 15, decision 0040), as the issue tells it: with review
 * on, a Content Creator submits a course, a Moderator requests changes, the author fixes
 * it, the Moderator approves, it is published; each step is visible to both.
 *
 * Review is turned on for a team here, not for the platform: the run's other journeys
 * publish courses at the same time, and the platform setting would hold them to review
 * too (the setting itself: server/trpc/routers/course-review.test.ts).
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { addLesson, createCourse } from './course-helpers';
import { expect, test } from './fixtures';
import { DEMO, newPerson, signIn } from './identity-helpers';

const SHOTS = '/tmp/aurora-shots';
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };

async function trpc<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const baseURL = test.info().project.use.baseURL ?? '';
  const response = await request.post(`/api/trpc/${path}`, {
    data: { json: input },
    headers: { Origin: new URL(baseURL).origin, 'Content-Type': 'application/json' },
  });
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  expect(response.status(), `${path}: ${JSON.stringify(body.error)}`).toBe(200);
  return body.result?.data?.json as T;
}

/** Someone new, signed in in a context of their own, with an organization role the Owner gives them. */
async function personWithRole(browser: Browser, owner: APIRequestContext, label: string, orgRole: string) {
  const person = newPerson(label);
  const context = await browser.newContext();
  const viewer = await trpc<{ id: string }>(context.request, 'auth.register', person);
  await trpc(owner, 'users.setOrgRole', { userId: viewer.id, orgRole });
  return { ...person, id: viewer.id, context, page: await context.newPage() };
}

/** Both pictures of a page, with nothing wider than the phone's screen. */
async function shoot(page: Page, name: string) {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} on a ${size} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

test('a Content Creator submits, a Moderator asks for changes, the author fixes it, the Moderator approves and it is published', async ({
  browser,
}) => {
  test.slow();
  mkdirSync(SHOTS, { recursive: true });
  const ownerContext = await browser.newContext();
  const owner = ownerContext.request;
  await trpc(owner, 'auth.login', { email: DEMO.admin.email, password: DEMO.admin.password });
  const author = await personWithRole(browser, owner, 'Cora', 'content_creator');
  const moderator = await personWithRole(browser, owner, 'Mo', 'moderator');
  const team = await trpc<{ id: string; name: string }>(owner, 'team.create', {
    name: `Content Moderation Team ${randomUUID().slice(0, 6)}`,
    description: 'Reviews courses before they go live.',
    permissions: [],
    requiresReview: true,
  });
  await trpc(owner, 'team.addMember', { teamId: team.id, userId: author.id, role: 'member' });

  // The author writes a course and gives it to the team, whose courses are reviewed.
  const title = `Cell biology ${randomUUID().slice(0, 6)}`;
  // Signed up through the API in their own context: its pages are signed in.
  const courseId = await createCourse(author.page, {
    title,
    description: 'Cells, membranes and what happens inside them.',
    category: 'Biology',
  });
  await addLesson(author.page, courseId, { title: 'The membrane', html: '<p>A lipid bilayer.</p>' });
  const editor = `/teach/courses/${courseId}`;
  await author.page.goto(editor);
  await author.page.getByRole('combobox', { name: 'Team' }).selectOption(team.id);
  await author.page.getByRole('button', { name: 'Save team' }).click();
  await expect(author.page.getByText('The course’s team is saved.')).toBeVisible();
  const header = author.page.locator('.teach__header');
  await expect(author.page.getByText('Courses here are reviewed before they are published')).toBeVisible();
  await expect(author.page.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
  await author.page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(author.page.getByText('Your course is submitted for review')).toBeVisible();
  await expect(header.getByText('In review', { exact: true }).first()).toBeVisible();
  await expect(author.page.getByRole('button', { name: 'Submit for review' })).toHaveCount(0);
  await shoot(author.page, 'review-editor-in-review');

  // The moderator finds it in the queue, reads the draft, and asks for changes.
  await moderator.page.goto('/');
  await moderator.page.getByRole('navigation').getByRole('link', { name: 'Review' }).first().click();
  await expect(moderator.page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
  const item = moderator.page.getByRole('listitem').filter({ hasText: title });
  await expect(item).toContainText(`By ${author.name}`);
  await expectAccessible(moderator.page);
  await shoot(moderator.page, 'review-queue');
  await item.getByRole('link', { name: title }).click();
  await expect(moderator.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(moderator.page.getByText('The membrane')).toBeVisible();
  await moderator.page.goto('/review');
  // Changes need a comment: an empty one is refused on the page, and nothing changes.
  await item.getByRole('button', { name: 'Request changes' }).click();
  await expect(item.getByText('Say what should change')).toBeVisible();
  await item.getByLabel('Comment for the author').fill('Add a worked example to the membrane lesson.');
  await item.getByRole('button', { name: 'Request changes' }).click();
  await expect(moderator.page.getByText(`“${title}” is sent back to its author`)).toBeVisible();
  await expect(moderator.page.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);

  // The author sees why, in the editor and in the course list.
  await author.page.goto(editor);
  const note = author.page.getByRole('status').filter({ hasText: `Changes requested by ${moderator.name}` });
  await expect(note).toContainText('Add a worked example to the membrane lesson.');
  await expectAccessible(author.page);
  await shoot(author.page, 'review-editor-changes-requested');
  await author.page.goto('/teach');
  await expect(author.page.getByRole('listitem').filter({ hasText: title })).toContainText(
    'Changes requested',
  );

  // The author fixes it and submits it again.
  await author.page.goto(editor);
  await author.page
    .getByLabel('Description')
    .fill('Cells, membranes and what happens inside them, with a worked example.');
  await author.page.getByRole('button', { name: 'Save changes' }).click();
  await expect(author.page.getByText('Your changes are saved.')).toBeVisible();
  await author.page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(author.page.getByText('Your course is submitted for review')).toBeVisible();

  // The moderator sees it back, with what was asked last time, and approves it.
  await moderator.page.goto('/review');
  const again = moderator.page.getByRole('listitem').filter({ hasText: title });
  await expect(again).toContainText('Add a worked example to the membrane lesson.');
  await again.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(moderator.page.getByText(`“${title}” is approved and published.`)).toBeVisible();
  await moderator.page.goto(`/courses/${courseId}`);
  await expect(moderator.page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // Published: the author reads who approved it, and anyone finds it.
  await author.page.goto(editor);
  await expect(author.page.getByText(`Approved by ${moderator.name}`)).toBeVisible();
  await expect(author.page.getByRole('button', { name: 'Unpublish' })).toBeVisible();
  await expectAccessible(author.page);
  await shoot(author.page, 'review-editor-approved');
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/courses/${courseId}`);
  await expect(visitorPage.getByRole('heading', { level: 1, name: title })).toBeVisible();

  for (const context of [visitor, author.context, moderator.context, ownerContext]) await context.close();
});

test('the Owner’s settings page offers review for every course', async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.admin, '/sign-in?redirectTo=/admin/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // Left as it is (off): turning it on would hold the run's other journeys to review.
  await expect(page.getByLabel('Review courses before they are published')).not.toBeChecked();
  await expectAccessible(page);
  await shoot(page, 'admin-settings');
  await context.close();
});
