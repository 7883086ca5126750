/**
 * Teams (issue 15), end to end: an admin makes the Computer Science team with
 * courses.modify and students.grade and adds two instructors; one puts a course in the
 * team, the other edits it and sees its students, a third instructor outside the team is
 * refused (403). Then a Team Lead manages their own team's members from the same page,
 * limited to that, and a plain member sees it read-only. Bad input on the Teams pages
 * (a taken name, a member twice, the last lead) is answered on the page.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible } from './axe';
import { addLesson, createCourse } from './course-helpers';
import { DEMO, newPerson, signIn, signUp, useAccountMenu } from './identity-helpers';
import { addToTeam, createTeam, makeInstructor, memberRow } from './team-helpers';

type Person = ReturnType<typeof newPerson>;

/** A person signed up in their own browser context, left signed in. */
async function personIn(browser: Browser, label: string) {
  const person: Person = newPerson(label);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, person);
  return { person, context, page };
}

async function signedInAdmin(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.admin, '/sign-in?redirectTo=/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  return { context, page };
}

test('a team shares a course: its members edit it and see its students, an instructor outside it is refused', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await signedInAdmin(browser);
  const author = await personIn(browser, 'Ada Author');
  const coeditor = await personIn(browser, 'Cy Coeditor');
  const outsider = await personIn(browser, 'Otto Outsider');
  for (const { person } of [author, coeditor, outsider]) await makeInstructor(admin.page, person);

  // The admin reaches Teams from the admin navigation and makes the team.
  await admin.page.goto('/admin');
  await admin.page
    .getByRole('navigation', { name: 'Admin sections' })
    .getByRole('link', { name: 'Teams' })
    .click();
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  const teamId = await createTeam(admin.page, {
    name: 'Computer Science',
    description: 'The department’s shared courses.',
    permissions: ['courses.modify', 'students.grade'],
  });
  const settings = admin.page.getByRole('region', { name: 'Name, description and permissions' });
  await expect(settings.getByRole('checkbox', { name: 'courses.modify' })).toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'students.grade' })).toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'students.view' })).not.toBeChecked();

  // A second team with the same name, in other letters, is refused beside the name.
  await admin.page.goto('/admin/teams');
  await admin.page.locator('summary', { hasText: 'New team' }).click();
  const form = admin.page.getByRole('region', { name: 'Create a team' });
  await form.getByLabel('Name', { exact: true }).fill('computer science');
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(form.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(
    /A team named “computer science” already exists/,
  );
  // Still one team of that name (other journeys may make teams of similar names meanwhile).
  await admin.page.goto('/admin/teams?q=computer');
  await expect(admin.page.getByRole('link', { name: 'Computer Science', exact: true })).toHaveCount(1);

  // Two instructors join: the author as lead, the co-editor as member.
  await admin.page.goto(`/admin/teams/${teamId}`);
  await addToTeam(admin.page, author.person, 'lead');
  await addToTeam(admin.page, coeditor.person, 'member');
  await expect(memberRow(admin.page, author.person.name)).toContainText('Lead');
  await expect(memberRow(admin.page, coeditor.person.name)).toContainText('Member');

  // A member twice (added from another tab while this one showed the search): the page says so.
  await admin.page.goto(`/admin/teams/${teamId}?person=${encodeURIComponent(outsider.person.email)}`);
  const other = await admin.context.newPage();
  await other.goto(`/admin/teams/${teamId}`);
  await addToTeam(other, outsider.person, 'member');
  await admin.page
    .getByRole('region', { name: 'Add a member' })
    .getByRole('button', { name: `Add as member (${outsider.person.name})` })
    .click();
  await expect(admin.page.getByRole('alert')).toContainText(
    `${outsider.person.name} is already a member of Computer Science`,
  );
  // …and out again, with a confirmation first.
  await memberRow(admin.page, outsider.person.name)
    .getByRole('button', { name: `Remove… (${outsider.person.name})` })
    .click();
  await admin.page
    .getByRole('region', { name: `Remove ${outsider.person.name} from the team?` })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(admin.page.getByRole('status').filter({ hasText: 'is no longer in the team' })).toBeVisible();
  await expect(memberRow(admin.page, outsider.person.name)).toHaveCount(0);
  await other.close();

  // The list shows the team with its number of members.
  await admin.page.goto('/admin/teams?q=computer');
  const listed = admin.page
    .getByRole('row')
    .filter({ has: admin.page.getByRole('link', { name: 'Computer Science', exact: true }) });
  await expect(listed.getByRole('cell').first()).toHaveText('2');
  await admin.page.goto(`/admin/teams/${teamId}`);

  // The last lead cannot be made a member.
  await memberRow(admin.page, author.person.name)
    .getByRole('button', { name: `Make member (${author.person.name})` })
    .click();
  await expect(admin.page.getByRole('alert')).toContainText('a team keeps at least one lead');
  await expect(memberRow(admin.page, author.person.name)).toContainText('Lead');

  // The author makes a course and puts it in the team.
  const title = `Algorithms ${randomUUID().slice(0, 6)}`;
  const courseId = await createCourse(author.page, {
    title,
    description: 'Sorting, searching and graphs.',
    category: 'Computer science',
  });
  await addLesson(author.page, courseId, { title: 'Big O', html: '<p>How work grows.</p>' });
  await author.page.goto(`/teach/courses/${courseId}`);
  await author.page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Computer Science' });
  await author.page.getByRole('button', { name: 'Save team' }).click();
  await expect(
    author.page.getByRole('status').filter({ hasText: 'The course’s team is saved.' }),
  ).toBeVisible();
  await author.page.getByRole('button', { name: 'Publish' }).click();
  await expect(author.page.getByRole('status').filter({ hasText: 'published' })).toBeVisible();

  // A learner enrolls, so the course has a student.
  const learner = await personIn(browser, 'Lena Learner');
  await learner.page.goto(`/courses/${courseId}`);
  await learner.page.getByRole('button', { name: 'Enroll for free' }).click();
  await expect(learner.page.getByRole('status').filter({ hasText: 'You’re enrolled' })).toBeVisible();
  await learner.context.close();

  // The co-editor edits it through the team and sees its students.
  const editor = await coeditor.page.goto(`/teach/courses/${courseId}`);
  expect(editor?.status()).toBe(200);
  await coeditor.page.getByLabel('Title').fill(`${title}: the team edition`);
  await coeditor.page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    coeditor.page.getByRole('status').filter({ hasText: 'Your changes are saved.' }),
  ).toBeVisible();
  await expect(
    coeditor.page.getByRole('heading', { level: 1, name: `${title}: the team edition` }),
  ).toBeVisible();
  const students = await coeditor.page.goto(`/teach/courses/${courseId}/students`);
  expect(students?.status()).toBe(200);
  await expect(coeditor.page.getByRole('main')).toContainText('Lena Learner');

  // An instructor outside the team is refused.
  const refused = await outsider.page.goto(`/teach/courses/${courseId}`);
  expect(refused?.status()).toBe(403);
  await expect(outsider.page.getByRole('heading', { level: 1, name: 'You can’t edit this' })).toBeVisible();
  // In no team, their own course's Team box says how to get into one, and links to their teams.
  await createCourse(outsider.page, {
    title: `Solo ${randomUUID().slice(0, 6)}`,
    description: 'Alone.',
    category: 'Art',
  });
  const teamBox = outsider.page.getByRole('region', { name: 'Team' });
  await expect(teamBox).toContainText('No team to choose from yet');
  await expect(teamBox.getByRole('link', { name: 'Your teams' })).toHaveAttribute('href', '/admin/teams');

  for (const open of [admin, author, coeditor, outsider]) await open.context.close();
});

test('a Team Lead manages their own team’s members, a member sees it read-only, an admin deletes it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signedInAdmin(browser);
  const lead = await personIn(browser, 'Lee Lead');
  const newcomer = await personIn(browser, 'Nia Newcomer');
  const name = `Biology ${randomUUID().slice(0, 6)}`;
  const teamId = await createTeam(admin.page, { name, permissions: ['students.view'] });
  await addToTeam(admin.page, lead.person, 'lead');

  // The lead finds the team under "Your teams", without the admin's controls.
  await lead.page.goto('/');
  await useAccountMenu(lead.page, 'Your teams');
  await expect(lead.page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  await expect(lead.page.locator('summary', { hasText: 'New team' })).toHaveCount(0);
  await expect(lead.page.getByRole('navigation', { name: 'Admin sections' })).toHaveCount(0);
  await lead.page.getByRole('link', { name }).click();
  await expect(lead.page.getByRole('heading', { level: 1, name })).toBeVisible();
  const permissions = lead.page.getByRole('region', { name: 'Permissions' });
  await expect(permissions).toContainText('See enrolled students and their progress');
  await expect(lead.page.getByRole('checkbox')).toHaveCount(0);
  await expect(lead.page.getByRole('button', { name: 'Delete team…' })).toHaveCount(0);

  // They add a member, make them lead, and step down to member themselves.
  await addToTeam(lead.page, newcomer.person, 'member');
  await memberRow(lead.page, newcomer.person.name)
    .getByRole('button', { name: `Make lead (${newcomer.person.name})` })
    .click();
  await expect(
    lead.page.getByRole('status').filter({ hasText: `${newcomer.person.name} is now a lead` }),
  ).toBeVisible();
  await memberRow(lead.page, lead.person.name)
    .getByRole('button', { name: `Make member (${lead.person.name})` })
    .click();
  await expect(
    lead.page.getByRole('status').filter({ hasText: `${lead.person.name} is now a member` }),
  ).toBeVisible();
  // Now a plain member: the team is read-only to them.
  await expect(
    lead.page.getByText('You are a member of this team. Its leads manage who is in it.'),
  ).toBeVisible();
  await expect(lead.page.getByRole('region', { name: 'Add a member' })).toHaveCount(0);
  await expect(lead.page.getByRole('button', { name: /^Make / })).toHaveCount(0);
  await expectAccessible(lead.page, 'a team seen by a member');
  // A team they are not in is not theirs to see.
  const elsewhere = await createTeam(admin.page, {
    name: `Chemistry ${randomUUID().slice(0, 6)}`,
    permissions: [],
  });
  const forbidden = await lead.page.goto(`/admin/teams/${elsewhere}`);
  expect(forbidden?.status()).toBe(403);

  // The admin deletes the team, after a confirmation that says what happens to its courses.
  await admin.page.goto(`/admin/teams/${teamId}`);
  await admin.page.getByRole('button', { name: 'Delete team…' }).click();
  const confirm = admin.page.getByRole('region', { name: `Delete the team “${name}”?` });
  await expect(confirm).toContainText(
    'Its courses leave the team and stay with the instructors who wrote them',
  );
  await expect(confirm).toContainText('Its 2 members lose');
  await confirm.getByRole('button', { name: 'Delete team' }).click();
  await expect(
    admin.page.getByRole('status').filter({ hasText: `The team “${name}” is deleted.` }),
  ).toBeVisible();
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  const gone = await lead.page.goto(`/admin/teams/${teamId}`);
  expect(gone?.status()).toBe(404);

  for (const open of [admin, lead, newcomer]) await open.context.close();
});

test('the Teams pages work without JavaScript: create, add, a refusal, remove after confirming', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const member = await personIn(browser, 'Noa Nojs');
  await member.context.close();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, DEMO.admin, '/sign-in?redirectTo=/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  const name = `Physics ${randomUUID().slice(0, 6)}`;
  await createTeam(page, { name, permissions: ['courses.modify'] });

  // An unknown permission sent by a doctored form is refused beside the permissions, and nothing changes.
  const teamUrl = page.url();
  const doctored = await page.request.post(teamUrl, {
    headers: { origin: new URL(teamUrl).origin },
    form: { intent: 'update', name, description: '', permissions: 'courses.fly' },
  });
  expect(doctored.status()).toBe(400);
  expect(await doctored.text()).toContain('That is not a permission Aurora knows.');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'courses.modify' })).toBeChecked();

  await addToTeam(page, member.person, 'lead');
  await memberRow(page, member.person.name)
    .getByRole('button', { name: `Remove… (${member.person.name})` })
    .click();
  // The last lead: the confirmation comes first, then the refusal.
  await page
    .getByRole('region', { name: `Remove ${member.person.name} from the team?` })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(page.getByRole('alert')).toContainText('a team keeps at least one lead');
  await expect(memberRow(page, member.person.name)).toContainText('Lead');
  await context.close();
});
