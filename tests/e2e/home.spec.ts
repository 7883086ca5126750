import { expect, test, waitForHydration } from './fixtures';

test('the home page renders, hydrates and breaks no rule of the CSP', async ({ page, problems }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('learning platform your school owns');
  await expect(page.getByRole('link', { name: 'Get started free' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(6);
  await waitForHydration(page);

  // A marker on window survives only a client-side navigation: proof that Remix's
  // scripts (nonce'd inline ones included) run.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Find your next course');
  const sameDocument = () =>
    page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument);
  expect(await sameDocument()).toBe(true);
  // The visitor's catalog sends no scripts, but a document already running keeps them:
  // its search and the way out stay client-side too.
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/catalog\?q=(&|$)/);
  expect(await sameDocument()).toBe(true);
  await page.getByRole('banner').getByRole('link', { name: 'Aurora' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('learning platform your school owns');
  expect(await sameDocument()).toBe(true);

  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('a visitor who lands on the catalog gets no scripts, and its links and search still work', async ({
  page,
  problems,
}) => {
  await page.goto('/catalog');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Find your next course');
  await expect(page.locator('script, link[rel="modulepreload"]')).toHaveCount(0);
  await page.getByRole('search').getByLabel('Search').fill('design');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/catalog\?q=design(&|$)/);
  await page.getByRole('banner').getByRole('link', { name: 'Aurora' }).click();
  await expect(page).toHaveURL(/\/$/);
  // The home page, a full load, hydrates as before.
  await waitForHydration(page);
  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});
