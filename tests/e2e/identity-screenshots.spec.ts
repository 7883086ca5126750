import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, newPerson, signIn, signUp, writeTestPng } from './identity-helpers';

/** Pictures of the identity pages for a person to look at (not compared): /tmp/aurora-shots/. */
const SHOTS = '/tmp/aurora-shots';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];

async function shoot(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  // A focused field may have scrolled the page; the sticky header would then sit mid-picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

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
