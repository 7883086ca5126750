import { expect, type Page } from '@playwright/test';

/** Pictures for a person to look at (not compared), as every screenshot spec writes them. */
export const SHOTS = '/tmp/aurora-shots';
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];

/** A full-page picture of the page at `${SHOTS}/${name}.png`, once it has its heading and fits its width. */
export async function shoot(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  // A focused field may have scrolled the page; the sticky header would then sit mid-picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
