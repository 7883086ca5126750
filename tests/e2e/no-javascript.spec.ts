import { expect, test } from '@playwright/test';

test.use({ javaScriptEnabled: false });

const VISITOR_LINKS = [
  { name: 'Catalog', path: '/catalog' },
  { name: 'Sign in', path: '/sign-in' },
  { name: 'Get started', path: '/sign-up' },
];

test('a visitor can use every header link without JavaScript', async ({ page }) => {
  for (const link of VISITOR_LINKS) {
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: link.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${link.path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Page not found')).toHaveCount(0);
  }
  await page.getByRole('banner').getByRole('link', { name: 'Aurora' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('your school owns');
});

test.describe('on a 375px-wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the navigation fits and stays usable without JavaScript', async ({ page }) => {
    await page.goto('/');
    const banner = page.getByRole('banner');
    for (const name of ['Aurora', 'Catalog', 'Sign in', 'Get started']) {
      await expect(banner.getByRole('link', { name, exact: true })).toBeInViewport();
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await banner.getByRole('link', { name: 'Get started', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
  });
});
