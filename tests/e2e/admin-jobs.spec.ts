/**
 * /admin/jobs as the demo admin: every job in the registry (server/jobs/index.ts) is listed
 * with what triggers it and how its latest scheduled run went — on a fresh install a
 * scheduled job shows "Not run yet" (the baseline) until its first slot — and a run with
 * no failures says so. axe runs on the page and a screenshot goes to the test's output
 * folder. A learner is refused, as on the other admin pages.
 */
import { isEventJob } from '../../server/jobs/job';
import { jobs } from '../../server/jobs/index';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { DEMO, signIn } from './identity-helpers';

test('an admin sees every background job, its trigger and its last run, and no failures', async ({
  page,
  problems,
}) => {
  await signIn(page, DEMO.admin);
  await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.admin.name);
  await page.goto('/admin/jobs');
  await expect(page.getByRole('heading', { level: 1, name: 'Background jobs' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Jobs' }),
  ).toHaveAttribute('aria-current', 'page');
  // The e2e server runs the embedded backend: jobs run inside it.
  await expect(page.getByText('Jobs run inside this server')).toBeVisible();

  const table = page.getByRole('region', { name: 'Jobs' }).getByRole('table');
  // One header row, then one row per job in the registry.
  await expect(table.getByRole('row')).toHaveCount(jobs.length + 1);
  for (const job of jobs) {
    // The row header holds the name and the description: match the name exactly, or
    // security-alerts would also find security-alerts-catch-up.
    const row = table
      .getByRole('row')
      .filter({ has: page.locator('.jobs-table__name').getByText(job.name, { exact: true }) });
    await expect(row, job.name).toHaveCount(1);
    await expect(row.getByRole('rowheader')).toContainText(job.description);
    const trigger = row.getByRole('cell').nth(0);
    const lastRun = row.getByRole('cell').nth(1);
    if (isEventJob(job)) {
      for (const event of job.events) await expect(trigger).toContainText(event);
      await expect(lastRun).toHaveText('On each event');
    } else {
      await expect(trigger).toHaveText(`Schedule ${job.schedule} (UTC)`);
      // A fresh install records a baseline, not a run; a job due every minute may have
      // run by now. Either way it is never a failure, and it says when.
      await expect(lastRun, job.name).toContainText(/^(Not run yet|Succeeded|Running) /);
      await expect(lastRun.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    }
    await expect(row.getByRole('cell').nth(2)).toHaveText('None');
  }

  const failures = page.getByRole('region', { name: 'Recent failures' });
  await expect(failures.getByText('No failures: every job ran as it should.')).toBeVisible();
  await expect(failures.getByRole('table')).toHaveCount(0);

  await page.screenshot({ path: test.info().outputPath('admin-jobs.png'), fullPage: true });
  await expectAccessible(page);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});

test('a learner is refused the jobs page', async ({ page }) => {
  await signIn(page, DEMO.grace);
  await expect(page.getByRole('banner').locator('summary')).toContainText(DEMO.grace.name);
  const response = await page.goto('/admin/jobs');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});
