import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, waitForHydration } from './fixtures';
import { addLesson, createCourse, writeTestNotes } from './course-helpers';
import { DEMO, signIn } from './identity-helpers';

/** Pictures of the course pages for a person to look at (not compared): /tmp/aurora-shots/. */
const SHOTS = '/tmp/aurora-shots';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
];

async function shoot(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) {
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 12),
    );
    console.log(name, wide);
  }
  expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const CONTENT = `<h2>Why light matters</h2>
<p>Every leaf is a tiny <strong>solar-powered factory</strong>. In this lesson we follow a photon from the sun to a sugar molecule, and see why the colour green is a leftover.</p>
<ul><li>Where photosynthesis happens</li><li>The two stages: light-dependent and Calvin cycle</li><li>What limits the rate</li></ul>
<blockquote>“The sun is the source of all life on Earth.”</blockquote>
<h3>The equation</h3>
<pre><code>6 CO2 + 6 H2O + light → C6H12O6 + 6 O2</code></pre>
<p>Try it yourself with the <code>leaf-disk</code> experiment from the worksheet below.</p>`;

test.describe.configure({ mode: 'serial' });

test('course screenshots', async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const setup = await browser.newContext();
  const author = await setup.newPage();
  await signIn(author, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(author.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const tag = randomUUID().slice(0, 4);
  const courseId = await createCourse(author, {
    title: `Photosynthesis: how plants eat light`,
    description:
      'A hands-on introduction to how plants turn sunlight, water and air into food, with simple experiments you can run in any classroom.',
    category: 'Biology',
    price: '39',
    tags: `plants, biology, lab skills, ${tag}`,
  });
  const first = await addLesson(author, courseId, {
    title: 'Why light matters',
    summary: 'From a photon to a sugar molecule in ten minutes.',
    html: CONTENT,
    preview: true,
    attachment: writeTestNotes('leaf-disk-worksheet.txt'),
  });
  await addLesson(author, courseId, { title: 'Inside the chloroplast', html: '<p>Members only.</p>' });
  await addLesson(author, courseId, { title: 'Measuring the rate of photosynthesis', html: '<p>Lab.</p>' });
  await author.goto(`/teach/courses/${courseId}`);
  await author.getByRole('button', { name: 'Publish' }).click();
  await expect(author.getByRole('status').filter({ hasText: 'published' })).toBeVisible();
  await createCourse(author, {
    title: 'Python for data journalism',
    description: 'Clean, analyse and chart public data sets with Python and pandas — no experience needed.',
    category: 'Programming',
    tags: 'python, data',
  });
  await setup.close();

  for (const scheme of ['light', 'dark'] as const) {
    for (const viewport of VIEWPORTS) {
      const suffix = `${viewport.name}-${scheme}`;
      const options = { viewport: { width: viewport.width, height: viewport.height }, colorScheme: scheme };
      const visitor = await browser.newContext(options);
      const page = await visitor.newPage();
      await page.goto('/catalog');
      await shoot(page, `catalog-${suffix}`);
      await page.goto(`/courses/${courseId}`);
      await shoot(page, `course-${suffix}`);
      await page.goto(`/courses/${courseId}/lessons/${first}`);
      await shoot(page, `lesson-${suffix}`);
      await visitor.close();

      const teacher = await browser.newContext(options);
      const teach = await teacher.newPage();
      await signIn(teach, DEMO.instructor, '/sign-in?redirectTo=/teach');
      await expect(teach.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
      await shoot(teach, `teach-${suffix}`);
      await teach.goto(`/teach/courses/${courseId}`);
      await shoot(teach, `course-editor-${suffix}`);
      await teach.goto(`/teach/courses/${courseId}/lessons/${first}`);
      await waitForHydration(teach);
      await shoot(teach, `lesson-editor-${suffix}`);
      await teacher.close();
    }
  }
});
