import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/** Pictures for a person to look at (not compared automatically): /tmp/aurora-shots/. */
const SHOTS = '/tmp/aurora-shots';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];
const PAGES = [
  { name: 'home', path: '/' },
  { name: '404', path: '/this-page-does-not-exist' },
  { name: 'placeholder', path: '/catalog' },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const viewport of VIEWPORTS) {
    test(`screenshots: ${viewport.name}, ${scheme}`, async ({ browser }) => {
      mkdirSync(SHOTS, { recursive: true });
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      for (const shot of PAGES) {
        await page.goto(shot.path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Nothing may stick out sideways: a phone would have to scroll horizontally.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${shot.path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: `${SHOTS}/${shot.name}-${viewport.name}-${scheme}.png`,
          fullPage: true,
        });
      }
      await context.close();
    });
  }
}
