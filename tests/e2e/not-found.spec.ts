import { expect, test } from './fixtures';

test('an unknown address answers 404 with a friendly page and a way home', async ({ page, problems }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page');
  await expect(page).toHaveTitle(/not found/i);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('your school owns');
  expect(problems.cspViolations).toEqual([]);
});
