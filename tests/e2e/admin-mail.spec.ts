/**
 * /admin/mail as the demo admin: a queued welcome mail is listed with its status, opens as
 * its recipient sees it (the HTML in a sandboxed frame under its own policy), with the
 * plain-text part and the list headers; axe runs on both pages, screenshots go to the
 * test's output folder. The message is queued straight into the server's data folder
 * (the embedded backend is one SQLite file in WAL mode, so a second process may write).
 */
import { randomUUID } from 'node:crypto';
import { createEmbeddedBackend } from '../../server/backend/embedded/index';
import { queueMail } from '../../server/services/mail/queue';
import { welcomeMail } from '../../server/services/mail/templates/welcome';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { DEMO, signIn } from './identity-helpers';

test.describe.configure({ timeout: 90_000 });

async function queueWelcome(courseTitle: string): Promise<void> {
  const dataDir = process.env.AURORA_E2E_DATA_DIR;
  if (!dataDir) throw new Error('AURORA_E2E_DATA_DIR is not set (run through playwright.config.ts)');
  const baseURL = test.info().project.use.baseURL ?? 'http://127.0.0.1';
  const backend = createEmbeddedBackend({ dataDir });
  try {
    const rendered = welcomeMail(
      {
        learnerName: 'Ada Lovelace',
        courseTitle,
        instructorName: 'Maya Rivera',
        firstLessonUrl: new URL('/courses/demo/lessons/first', baseURL).href,
        courseUrl: new URL('/courses/demo', baseURL).href,
      },
      { publicUrl: new URL(baseURL) },
    );
    const outcome = await queueMail(
      backend,
      { key: `welcome:e2e-${randomUUID()}`, to: DEMO.ada.email, kind: 'welcome', rendered },
      new Date(),
    );
    expect(outcome).toBe('queued');
  } finally {
    await backend.close();
  }
}

test('an admin reads a waiting welcome mail as its recipient sees it', async ({
  page,
  browser,
  problems,
}) => {
  const courseTitle = `Analytical engines ${randomUUID().slice(0, 6)}`;
  await queueWelcome(courseTitle);

  await signIn(page, DEMO.admin);
  await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.admin.name);
  await page.goto('/admin/mail');
  await expect(page.getByRole('heading', { level: 1, name: 'Mail' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Mail' }),
  ).toHaveAttribute('aria-current', 'page');
  // The e2e server has no SMTP_URL: mail waits here, and the page says so.
  await expect(page.getByText('Mail is not being sent')).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: courseTitle });
  await expect(row).toContainText(DEMO.ada.email);
  await expect(row).toContainText('Waiting');
  await page.screenshot({ path: test.info().outputPath('admin-mail-list.png'), fullPage: true });
  await expectAccessible(page);

  await row.getByRole('link', { name: `Welcome to ${courseTitle}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome to ${courseTitle}` })).toBeVisible();
  const frame = page.frameLocator('iframe.mail-part__frame');
  await expect(frame.getByRole('heading', { name: `Welcome to ${courseTitle}` })).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Start the first lesson' })).toBeVisible();
  await expect(page.locator('.mail-part__text')).toContainText('Hi Ada Lovelace,');
  await expect(page.getByText('List-Unsubscribe=One-Click')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('admin-mail-message.png'), fullPage: true });
  await expectAccessible(page, page.url(), { exclude: ['iframe.mail-part__frame'] });

  // The frame's document is served under its own policy: it runs no script. So axe checks
  // it on its own, in a browser told to set the policy aside (bypassCSP) for that purpose.
  const previewPath = (await page.locator('iframe.mail-part__frame').getAttribute('src')) ?? '';
  const preview = await page.request.get(previewPath);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-security-policy']).toContain("default-src 'none'");
  const mailContext = await browser.newContext({
    bypassCSP: true,
    storageState: await page.context().storageState(),
  });
  try {
    const mailPage = await mailContext.newPage();
    await mailPage.goto(previewPath);
    await expect(mailPage.getByRole('heading', { name: `Welcome to ${courseTitle}` })).toBeVisible();
    await expectAccessible(mailPage, 'the welcome mail');
  } finally {
    await mailContext.close();
  }

  // The only console errors allowed: the test's own init scripts (fixtures.ts), refused in
  // the sandboxed frame as they should be.
  const sandboxed =
    /^Blocked script execution in '[^']*\/api\/mail\/preview\/[^']*' because the document's frame is sandboxed/;
  expect(problems.consoleErrors.filter((line) => !sandboxed.test(line))).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});

test('a learner is refused the mail outbox', async ({ page }) => {
  await signIn(page, DEMO.grace);
  await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.grace.name);
  const response = await page.goto('/admin/mail');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
});
