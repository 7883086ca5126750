import { expect, test, waitForHydration } from './fixtures';
import { DEMO, newPerson, signIn, signUp, useAccountMenu, writeTestPng } from './identity-helpers';

test('sign up, edit the profile and picture, sign out, sign in again', async ({ page, problems }) => {
  const person = newPerson('Learner');
  await signUp(page, person);
  await expect(page).toHaveURL(/\/$/);
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: 'My learning' })).toBeVisible();

  await useAccountMenu(page, 'Your account');
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Rosalind Franklin');
  await page.getByLabel('Bio (optional)').fill('Crystallographer. Here for the chemistry courses.');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your profile is saved.' })).toBeVisible();
  await expect(banner.locator('summary')).toContainText('Rosalind Franklin');
  await expect(page.getByLabel('Bio (optional)')).toHaveValue(
    'Crystallographer. Here for the chemistry courses.',
  );

  await page.getByLabel('Profile picture', { exact: true }).setInputFiles(writeTestPng());
  await expect(page.getByText('Preview', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your new picture is up.' })).toBeVisible();
  const headerPicture = banner.locator('img.avatar');
  await expect(headerPicture).toHaveAttribute('src', /^\/avatars\/[\w.-]+$/);
  await expect
    .poll(() => headerPicture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
    .toBe(64);

  await useAccountMenu(page, 'Sign out');
  await expect(page).toHaveURL(/\/$/);
  await expect(banner.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You’re signed out.')).toBeVisible();

  await signIn(page, person);
  await expect(page).toHaveURL(/\/$/);
  await expect(banner.locator('summary')).toContainText('Rosalind Franklin');
  await expect(banner.locator('img.avatar')).toBeVisible();

  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('an admin makes a learner an instructor, who then sees the Teach navigation', async ({
  browser,
  page,
  problems,
}) => {
  await signIn(page, DEMO.admin, '/sign-in?redirectTo=/admin');
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await waitForHydration(page);

  await page.getByRole('search').getByLabel('Search').fill('ada@aurora');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]q=ada%40aurora/);
  const row = page.getByRole('row', { name: /Ada Lovelace/ });
  await row.getByLabel('Role for Ada Lovelace', { exact: true }).selectOption('instructor');
  await row.getByRole('button', { name: 'Save role for Ada Lovelace' }).click();

  const confirm = page.getByRole('region', { name: 'Make Ada Lovelace an instructor?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('heading')).toBeFocused();
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Ada Lovelace is now an instructor.' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=ada%40aurora/);
  await expect(
    page.getByRole('row', { name: /Ada Lovelace/ }).getByLabel('Role for Ada Lovelace', { exact: true }),
  ).toHaveValue('instructor');

  const adaContext = await browser.newContext();
  const adaPage = await adaContext.newPage();
  await signIn(adaPage, DEMO.ada);
  const nav = adaPage.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Teach' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await adaContext.close();

  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('a learner who opens the admin panel gets a clear 403 page', async ({ page }) => {
  await signIn(page, DEMO.grace);
  await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.grace.name);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You don’t have access to this page');
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  await expect(page).toHaveTitle('No access · Aurora');
});

test('a visitor who opens a signed-in page is sent to sign in, then back', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount$/);
  await signIn(page, DEMO.instructor, page.url());
  await expect(page).toHaveURL(/\/account$/);
});

test('a wrong password is refused with a clear message and the email kept', async ({ page, problems }) => {
  await page.goto('/sign-in');
  await waitForHydration(page);
  await page.getByLabel('Email', { exact: true }).fill(DEMO.instructor.email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Email or password is incorrect.');
  await expect(alert).toBeFocused();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.instructor.email);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(problems.cspViolations).toEqual([]);
  // The refused sign-in's 401 is the only console error Chromium reports.
  expect(problems.consoleErrors.filter((text) => !text.includes('401'))).toEqual([]);
});

test('sign-up explains each problem beside its field', async ({ page }) => {
  await page.goto('/sign-up');
  await waitForHydration(page);
  await page.getByLabel('Email', { exact: true }).fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();

  const name = page.getByLabel('Your name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(page.getByText('Enter your name.', { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription(
    /Enter an email address like/,
  );
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
    /at least 8 characters/,
  );
  await expect(page.getByRole('alert')).toContainText('Please check the form');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('not-an-email');

  // A taken email is reported on the email field.
  await name.fill('Another Ada');
  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada.email);
  await page.getByLabel('Password', { exact: true }).fill('long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
});

test('API tokens: shown once, listed, revoked after confirmation', async ({ page, problems }) => {
  await signUp(page, newPerson('Developer'));
  await page.goto('/account');
  await page.getByLabel('Token name').fill('Grades export');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByRole('textbox', { name: 'API token' });
  await expect(secret).toBeFocused();
  const token = await secret.inputValue();
  expect(token.length).toBeGreaterThan(20);
  await expect(page.getByText('You won’t be able to see it again.')).toBeVisible();

  const list = page.getByRole('list').filter({ hasText: 'Grades export' });
  await expect(list.getByText('Never')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'API token' })).toHaveCount(0);
  await expect(page.content()).resolves.not.toContain(token);

  await page.getByRole('button', { name: 'Revoke Grades export' }).click();
  const confirm = page.getByRole('region', { name: 'Revoke “Grades export”?' });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('status').filter({ hasText: '“Grades export” is revoked.' })).toBeVisible();
  await expect(page.getByText('You have no API tokens yet.')).toBeVisible();
  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('an admin deletes an account after a confirmation that explains what happens', async ({
  browser,
  page,
}) => {
  const leaving = newPerson('Leaver');
  const theirContext = await browser.newContext();
  const theirPage = await theirContext.newPage();
  await signUp(theirPage, leaving);

  await signIn(page, DEMO.admin, `/sign-in?redirectTo=${encodeURIComponent(`/admin?q=${leaving.email}`)}`);
  const row = page.getByRole('row', { name: new RegExp(leaving.name) });
  await row.getByRole('button', { name: `Delete ${leaving.name}` }).click();
  const confirm = page.getByRole('region', { name: `Delete ${leaving.name}’s account?` });
  await expect(confirm).toContainText('Any courses they teach move to you');
  await expect(confirm).toContainText('Their enrollments and progress are removed');
  await confirm.getByRole('button', { name: 'Delete account' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${leaving.name}’s account is deleted.` }),
  ).toBeVisible();
  await expect(page.getByText('No one matches')).toBeVisible();

  // Their session ended with the account.
  await theirPage.goto('/account');
  await expect(theirPage).toHaveURL(/\/sign-in/);
  await theirContext.close();
});

test('the last admin cannot be demoted, and the page says why', async ({ page }) => {
  await signIn(page, DEMO.admin, '/sign-in?redirectTo=/admin%3Frole%3Dadmin');
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  const rows = page.getByRole('row', { name: /Alex Admin/ });
  await rows.getByLabel('Role for Alex Admin', { exact: true }).selectOption('regular');
  await rows.getByRole('button', { name: 'Save role for Alex Admin' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('That didn’t work');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }),
  ).toBeVisible();
});

test('signing out on all devices ends every session after a confirmation', async ({ browser, page }) => {
  const person = newPerson('Traveller');
  await signUp(page, person);
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, person);
  await expect(otherPage.getByRole('banner').locator('summary')).toContainText(person.name);

  await page.goto('/account');
  await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
  const confirm = page.getByRole('region', { name: 'Sign out on all devices?' });
  await confirm.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('You’re signed out on all your devices.')).toBeVisible();

  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await otherContext.close();
});

test('opening the sign-out address asks before signing out', async ({ page }) => {
  await signUp(page, newPerson('Visitor'));
  await page.goto('/sign-out');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign out of Aurora?');
  await expect(page.getByRole('banner').locator('summary')).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/sign-out');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You’re signed out');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('signing in works, errors included, and returns to the page asked for', async ({ page }) => {
    await page.goto('/sign-in?redirectTo=/account');
    await page.getByLabel('Email', { exact: true }).fill(DEMO.grace.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.grace.email);
    await expect(page.getByRole('button', { name: 'Show password' })).toHaveCount(0);

    await page.getByLabel('Password', { exact: true }).fill(DEMO.grace.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.grace.name);

    await page.getByRole('banner').locator('summary').click();
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('sign-up errors appear beside the fields, the first one focused', async ({ page }) => {
    await page.goto('/sign-up');
    await page.getByLabel('Email', { exact: true }).fill('ada@');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Your name')).toBeFocused();
    await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('ada@');
    await expect(page.getByRole('alert').getByRole('link')).toHaveCount(3);
  });

  test('an oversized or non-image picture is refused with a message', async ({ page }) => {
    const person = newPerson('Photographer');
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill(person.name);
    await page.getByLabel('Email', { exact: true }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('banner').locator('summary')).toContainText(person.name);
    await page.goto('/account');
    await page.getByLabel('Profile picture', { exact: true }).setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(3 * 1024 * 1024, 1),
    });
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByText('That picture is larger than 2 MB.')).toBeVisible();
    await expect(page.getByLabel('Profile picture', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    // Just over the limit: the request's declared size passes, the streaming part limit catches it.
    await page.getByLabel('Profile picture', { exact: true }).setInputFiles({
      name: 'slightly-too-big.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(2 * 1024 * 1024 + 10, 1),
    });
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByText('That picture is larger than 2 MB.')).toBeVisible();

    await page.getByLabel('Profile picture', { exact: true }).setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is not a picture at all'),
    });
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByLabel('Profile picture', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });

  test('a role change asks for confirmation first', async ({ page }) => {
    const person = newPerson('Teacher');
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill(person.name);
    await page.getByLabel('Email', { exact: true }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('banner').locator('summary').click();
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, DEMO.admin, `/sign-in?redirectTo=${encodeURIComponent(`/admin?q=${person.email}`)}`);
    const row = page.getByRole('row', { name: new RegExp(person.name) });
    await row.getByLabel(`Role for ${person.name}`, { exact: true }).selectOption('instructor');
    await row.getByRole('button', { name: `Save role for ${person.name}` }).click();
    const confirm = page.getByRole('region', { name: `Make ${person.name} an instructor?` });
    await expect(confirm.getByRole('heading')).toBeFocused();
    // The row keeps the role being confirmed, so the question and the choice agree.
    await expect(
      page
        .getByRole('row', { name: new RegExp(person.name) })
        .getByLabel(`Role for ${person.name}`, { exact: true }),
    ).toHaveValue('instructor');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText(`${person.name} is now an instructor.`)).toBeVisible();
    await expect(
      page
        .getByRole('row', { name: new RegExp(person.name) })
        .getByLabel(`Role for ${person.name}`, { exact: true }),
    ).toHaveValue('instructor');
  });
});
