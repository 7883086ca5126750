/**
 * Someone who has never been here, on a phone: the home page, the catalog with its
 * folded filters, a course, its free preview lesson whose video plays without an
 * account, then sign-up from the lesson and back on it. axe checks every page on the way.
 * YouTube is faked (the test server has no internet): only its frame is served.
 */
import { expectAccessible } from './axe';
import { expect, test, waitForHydration } from './fixtures';
import { newPerson } from './identity-helpers';

test.use({ viewport: { width: 375, height: 740 } });

test('a first-time visitor finds a course, watches its free preview and signs up from the lesson', async ({
  page,
  problems,
}) => {
  await page.route('https://www.youtube.com/iframe_api', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/javascript',
      body: 'window.YT = window.YT || {};',
    }),
  );
  await page.route('https://www.youtube-nocookie.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>YouTube</title>' }),
  );

  await page.goto('/');
  await waitForHydration(page);
  await expectAccessible(page, 'home as a visitor');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find your next course' })).toBeVisible();

  // The filters are folded on a phone; opening them and choosing a level filters the list.
  const filters = page.locator('summary', { hasText: 'Filters' });
  await expect(filters).toHaveText('Filters');
  await expect(page.getByLabel('Level')).toBeHidden();
  await filters.click();
  await page.getByLabel('Level').selectOption('beginner');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/difficulty=beginner/);
  await expect(page.locator('summary', { hasText: 'Filters' })).toHaveText('Filters (1)');
  await expectAccessible(page, 'catalog on a phone, filtered');

  await page.getByRole('article').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/courses\/[\w.-]+$/);
  await waitForHydration(page);
  await expectAccessible(page, 'course page as a visitor');

  await page.getByRole('link', { name: 'Watch a free preview' }).first().click();
  await expect(page).toHaveURL(/\/courses\/[\w.-]+\/lessons\/[\w.-]+$/);
  const lessonUrl = new URL(page.url());
  await waitForHydration(page);
  const frame = page.locator('iframe[title^="Video: "]');
  await expect(frame).toHaveAttribute('src', /^\/api\/video\/player\/[\w.-]+$/);
  // The player route answered a visitor with the one-time embed page, which frames YouTube.
  await expect(page.frameLocator('iframe[title^="Video: "]').locator('#player')).toHaveAttribute(
    'src',
    /^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]{11}\?/,
  );
  await expect(page.getByText('Sign in to watch')).toHaveCount(0);
  await expectAccessible(page, 'free preview lesson as a visitor');

  await page.getByRole('link', { name: 'Create an account' }).first().click();
  await expect(page).toHaveURL(/\/sign-up\?redirectTo=/);
  const person = newPerson('Newcomer');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(lessonUrl.pathname);
  await expect(page.getByRole('banner').locator('summary')).toContainText(person.name);
  await expectAccessible(page, 'the lesson again, signed in');

  expect(problems.cspViolations).toEqual([]);
});
