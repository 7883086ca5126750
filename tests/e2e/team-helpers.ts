import { expect, type Page } from '@playwright/test';

/** As a signed-in admin on the People page: gives someone the instructor role. */
export async function makeInstructor(admin: Page, person: { name: string; email: string }) {
  await admin.goto(`/admin?q=${encodeURIComponent(person.email)}`);
  const row = admin.getByRole('row', { name: new RegExp(person.name) });
  await row.getByLabel(`Role for ${person.name}`, { exact: true }).selectOption('instructor');
  await row.getByRole('button', { name: `Save role for ${person.name}` }).click();
  await admin
    .getByRole('region', { name: `Make ${person.name} an instructor?` })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await expect(admin.getByRole('status').filter({ hasText: 'is now an instructor' })).toBeVisible();
}

/** On /admin/teams as someone who manages people: creates a team and lands on its page; returns its id. */
export async function createTeam(
  admin: Page,
  team: { name: string; description?: string; permissions: string[] },
): Promise<string> {
  await admin.goto('/admin/teams');
  await admin.locator('summary', { hasText: 'New team' }).click();
  const form = admin.getByRole('region', { name: 'Create a team' });
  await form.getByLabel('Name', { exact: true }).fill(team.name);
  if (team.description) await form.getByLabel('Description').fill(team.description);
  for (const permission of team.permissions) await form.getByRole('checkbox', { name: permission }).check();
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: team.name })).toBeVisible();
  await expect(
    admin.getByRole('status').filter({ hasText: `The team “${team.name}” is created` }),
  ).toBeVisible();
  const id = /\/admin\/teams\/([^/?#]+)/.exec(admin.url())?.[1] ?? '';
  expect(id).not.toBe('');
  return id;
}

/** On a team's page: finds the person by email and adds them with that role. */
export async function addToTeam(
  page: Page,
  person: { name: string; email: string },
  role: 'member' | 'lead',
): Promise<void> {
  const section = page.getByRole('region', { name: 'Add a member' });
  await section.getByLabel('Name or email').fill(person.email);
  await section.getByRole('button', { name: 'Find people' }).click();
  await section.getByRole('button', { name: `Add as ${role} (${person.name})` }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `${person.name} is now a ${role === 'lead' ? 'lead' : 'member'}` }),
  ).toBeVisible();
}

/** The row of a team's members table for one person. */
export function memberRow(page: Page, name: string) {
  return page.getByRole('region', { name: /^Members/ }).getByRole('row', { name: new RegExp(name) });
}
