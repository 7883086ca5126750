/**
 * "Forgot password?" in a real browser (issue 16): a new person signs up, signs out,
 * asks for a link from the sign-in page, the link is read from the sent mail (the e2e
 * server has no SMTP_URL, so the message waits in the outbox, where the demo admin reads
 * it at /admin/mail, as admin-mail.spec.ts does), opened, and a new password set: they
 * are signed in, the old password is refused and the link used again is refused. Also
 * the page itself: the same answer for an unknown address, a bad address beside its
 * field, without JavaScript too; screenshots desktop and phone; axe.
 */
import type { Browser } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { DEMO, newPerson, signIn, signUp, useAccountMenu } from './identity-helpers';
import { shoot, VIEWPORTS } from './screenshot-helpers';

test.describe.configure({ timeout: 90_000 });

const SENT = 'If an account uses that address, we sent it a link to choose a new password.';

/** The set-password link of the newest reset mail to `email`, read by the admin at /admin/mail. */
async function resetLinkFor(browser: Browser, email: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, DEMO.admin);
    await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.admin.name);
    await page.goto('/admin/mail');
    const row = page
      .getByRole('row')
      .filter({ hasText: email })
      .filter({ hasText: 'Choose a new Aurora password' });
    await expect(async () => {
      await page.reload();
      await expect(row.first()).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await row.first().getByRole('link', { name: 'Choose a new Aurora password' }).click();
    const text = (await page.locator('.mail-part__text').textContent()) ?? '';
    const link = /https?:\/\/\S+\/set-password\?token=[A-Za-z0-9_-]{43}&reset=1/.exec(text)?.[0];
    expect(link, 'the mail holds a set-password link').toBeTruthy();
    const url = new URL(link ?? '');
    return `${url.pathname}${url.search}`;
  } finally {
    await context.close();
  }
}

test('a person resets their password from the emailed link; the old password and the used link are refused', async ({
  page,
  browser,
  problems,
}) => {
  const person = newPerson('Forgetful');
  await signUp(page, person);
  await useAccountMenu(page, 'Sign out');

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Check your email' }).getByRole('status')).toContainText(
    SENT,
  );

  const link = await resetLinkFor(browser, person.email);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('a whole new password');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByRole('banner').locator('summary')).toContainText(person.name);
  await expect(page.getByText('Your password was changed')).toBeVisible();

  // The link again: refused, with the way to a new one.
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('an attacker password');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('This link has already been used.');
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute(
    'href',
    '/forgot-password',
  );

  // The old password no longer works; the new one does.
  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    await signIn(fresh, person);
    await expect(fresh.getByRole('alert')).toContainText('Email or password is incorrect.');
    await signIn(fresh, { email: person.email, password: 'a whole new password' });
    await expect(fresh.getByRole('banner').locator('summary')).toContainText(person.name);
  } finally {
    await other.close();
  }
  // The one error allowed: the refused link's answer (400), as it should be.
  expect(problems.consoleErrors.filter((line) => !/status of 400 \(Bad Request\)/.test(line))).toEqual([]);
});

test('the same answer for an unknown address; a bad address is named beside its field', async ({ page }) => {
  await page.goto('/forgot-password');
  await page.getByLabel('Email', { exact: true }).fill('not an address');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.locator('#forgot-password-email-error, [id$="-error"]').first()).toContainText(
    'Enter an email address like name@school.org.',
  );
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Email', { exact: true }).fill(`nobody-${Date.now()}@school.test`);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('region', { name: 'Check your email' }).getByRole('status')).toContainText(
    SENT,
  );
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the form still asks for a link', async ({ page }) => {
    await page.goto('/forgot-password');
    await page.getByLabel('Email', { exact: true }).fill(`nojs-${Date.now()}@school.test`);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByText(SENT)).toBeVisible();
  });
});

for (const viewport of VIEWPORTS) {
  test(`/forgot-password on ${viewport.name}: screenshot and axe`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/forgot-password');
    await shoot(page, `forgot-password-${viewport.name}`);
    await expectAccessible(page);
    await page.getByLabel('Email', { exact: true }).fill('not an address');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByText('Enter an email address like name@school.org.').first()).toBeVisible();
    await shoot(page, `forgot-password-error-${viewport.name}`);
    await expectAccessible(page);
    await page.goto('/sign-in');
    await shoot(page, `sign-in-forgot-${viewport.name}`);
  });
}
