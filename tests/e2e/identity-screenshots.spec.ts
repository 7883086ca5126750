import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, newPerson, signIn, signUp, writeTestPng } from './identity-helpers';
import { SHOTS, VIEWPORTS, shoot } from './screenshot-helpers';

// Pictures of the identity pages: /tmp/aurora-shots/ (screenshot-helpers.ts).
for (const scheme of ['light', 'dark'] as const) {
  for (const viewport of VIEWPORTS) {
    test(`identity screenshots: ${viewport.name}, ${scheme}`, async ({ browser }) => {
      mkdirSync(SHOTS, { recursive: true });
      const suffix = `${viewport.name}-${scheme}`;
      const options = { viewport: { width: viewport.width, height: viewport.height }, colorScheme: scheme };

      const visitor = await browser.newContext(options);
      const page = await visitor.newPage();
      await page.goto('/sign-in');
      await shoot(page, `sign-in-${suffix}`);
      await page.goto('/sign-up');
      await page.getByLabel('Email', { exact: true }).fill('ada@');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await shoot(page, `sign-up-errors-${suffix}`);

      await signUp(page, newPerson('Rosalind'));
      await page.goto('/account');
      await page.getByLabel('Bio (optional)').fill('Crystallographer. Here for the chemistry courses.');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await expect(page.getByText('Your profile is saved.')).toBeVisible();
      await page.getByLabel('Profile picture', { exact: true }).setInputFiles(writeTestPng(128));
      await page.getByRole('button', { name: 'Upload picture' }).click();
      await expect(page.getByText('Your new picture is up.')).toBeVisible();
      await page.getByLabel('Token name').fill('Grades export');
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByRole('textbox', { name: 'API token' })).toBeVisible();
      await shoot(page, `account-${suffix}`);
      await visitor.close();

      const admin = await browser.newContext(options);
      const adminPage = await admin.newPage();
      // Other journeys add people as they run: search, so Grace is on the page whatever ran first.
      await signIn(
        adminPage,
        DEMO.admin,
        `/sign-in?redirectTo=${encodeURIComponent('/admin?q=grace@aurora.test')}`,
      );
      await expect(adminPage.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
      await shoot(adminPage, `admin-${suffix}`);
      const row = adminPage.getByRole('row', { name: /Grace Hopper/ });
      await row.getByRole('button', { name: 'Delete Grace Hopper' }).click();
      await expect(adminPage.getByRole('region', { name: 'Delete Grace Hopper’s account?' })).toBeVisible();
      await shoot(adminPage, `admin-confirm-${suffix}`);
      await admin.close();
    });
  }
}
