import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';
import { SHOTS, VIEWPORTS, shoot } from './screenshot-helpers';
import { addToTeam, createTeam, memberRow } from './team-helpers';

/**
 * Pictures of the Teams pages and the People page for a person to look at (not
 * compared): /tmp/aurora-shots/, as the identity pictures. Each page is also checked
 * with axe, and for sideways scrolling on a phone (shoot).
 */

/** The picture, after checking the page with axe. */
async function check(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, name);
  await shoot(page, name);
}

for (const scheme of ['light', 'dark'] as const) {
  for (const viewport of VIEWPORTS) {
    test(`teams screenshots: ${viewport.name}, ${scheme}`, async ({ browser }) => {
      test.setTimeout(120_000);
      mkdirSync(SHOTS, { recursive: true });
      const suffix = `${viewport.name}-${scheme}`;
      const options = { viewport: { width: viewport.width, height: viewport.height }, colorScheme: scheme };

      const leadContext = await browser.newContext(options);
      const leadPage = await leadContext.newPage();
      const lead = newPerson('Priya Patel');
      await signUp(leadPage, lead);
      const colleague = newPerson('Sam Okafor');
      const colleagueContext = await browser.newContext(options);
      await signUp(await colleagueContext.newPage(), colleague);
      await colleagueContext.close();

      const adminContext = await browser.newContext(options);
      const admin = await adminContext.newPage();
      await signIn(admin, DEMO.admin, '/sign-in?redirectTo=/admin');
      await expect(admin.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
      // Not "Computer Science": the Teams journey makes that one, and searches for it.
      const name = `Mathematics ${randomUUID().slice(0, 4)}`;
      const teamId = await createTeam(admin, {
        name,
        description: 'Shared courses of the department: co-authoring and grading.',
        permissions: ['courses.modify', 'students.grade'],
      });
      await addToTeam(admin, lead, 'lead');
      await addToTeam(admin, colleague, 'member');

      // The list, with the create form open and a mistake in it.
      await admin.goto(`/admin/teams?q=${encodeURIComponent(name)}`);
      await check(admin, `teams-${suffix}`);
      await admin.locator('summary', { hasText: 'New team' }).click();
      const form = admin.getByRole('region', { name: 'Create a team' });
      await form.getByLabel('Name', { exact: true }).fill(name.toLowerCase());
      await form.getByRole('button', { name: 'Create team' }).click();
      await expect(form.getByRole('alert')).toBeVisible();
      await check(admin, `teams-create-error-${suffix}`);

      // One team as an admin, with a people search, then the deletion's confirmation.
      await admin.goto(`/admin/teams/${teamId}?person=${encodeURIComponent('a')}`);
      await check(admin, `team-${suffix}`);
      await memberRow(admin, lead.name)
        .getByRole('button', { name: `Make member (${lead.name})` })
        .click();
      await expect(admin.getByRole('alert')).toContainText('a team keeps at least one lead');
      await check(admin, `team-last-lead-${suffix}`);
      await admin.goto(`/admin/teams/${teamId}`);
      await admin.getByRole('button', { name: 'Delete team…' }).click();
      await expect(admin.getByRole('region', { name: `Delete the team “${name}”?` })).toBeVisible();
      await check(admin, `team-delete-confirm-${suffix}`);

      // The People page, with the organization-role column.
      await admin.goto(`/admin?q=${encodeURIComponent(lead.email)}`);
      await check(admin, `people-${suffix}`);
      await adminContext.close();

      // The same team as its lead: members only, permissions read-only.
      await leadPage.goto(`/admin/teams/${teamId}`);
      await check(leadPage, `team-as-lead-${suffix}`);
      await leadPage.goto('/admin/teams');
      await check(leadPage, `teams-as-lead-${suffix}`);
      await leadContext.close();
    });
  }
}
