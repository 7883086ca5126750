/**
 * Changing one's password on the account page (decision 0042): a second browser signed
 * in as the same person is signed out on its next page, this one stays signed in, and
 * only the new password signs in afterwards. Also without JavaScript, with the error
 * beside its field; and the section's pictures, desktop and phone, checked with axe.
 */
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { newPerson, signIn, signUp } from './identity-helpers';
import { shoot, VIEWPORTS } from './screenshot-helpers';

const NEW_PASSWORD = 'a fresh passphrase for aurora';

test('changing the password signs the other browser out; only the new one works', async ({
  page,
  browser,
  problems,
}) => {
  const person = newPerson('Changer');
  await signUp(page, person);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, person, '/sign-in?redirectTo=/account');
  await expect(otherPage.getByRole('heading', { name: 'Settings' })).toBeVisible();

  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill(person.password);
  await form.getByLabel('New password').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Password changed. You were signed out everywhere else.' }),
  ).toBeVisible();
  // This browser is still signed in.
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  // The other browser's next page sends it to sign in.
  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/sign-in\?redirectTo=%2Faccount$/);

  await signIn(otherPage, person, '/sign-in?redirectTo=/account');
  await expect(otherPage.getByRole('alert').first()).toContainText('Email or password is incorrect.');
  await signIn(otherPage, { email: person.email, password: NEW_PASSWORD }, '/sign-in?redirectTo=/account');
  await expect(otherPage.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await other.close();
  expect(problems.consoleErrors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a wrong current password is shown beside its field, focused, and nothing changes', async ({
    page,
  }) => {
    const person = newPerson('NoScript');
    await signUp(page, person);
    await page.goto('/account');
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();

    const current = page.getByLabel('Current password');
    await expect(current).toBeFocused();
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#password-current-error')).toContainText('That is not your current password.');

    await page.context().clearCookies();
    await signIn(page, person, '/sign-in?redirectTo=/account');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  });
});

for (const viewport of VIEWPORTS) {
  test(`the password section, ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const person = newPerson('Pictured');
    await signUp(page, person);
    await page.goto('/account');
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill(person.password);
    await form.getByLabel('New password').fill('short');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(page.locator('#password-new-error')).toContainText('Use at least 8 characters');
    await shoot(page, `account-password-${viewport.name}`);
    await page
      .locator('#password')
      .screenshot({ path: `/tmp/aurora-shots/account-password-section-${viewport.name}.png` });
    await expectAccessible(page, `account password section (${viewport.name})`);
  });
}
