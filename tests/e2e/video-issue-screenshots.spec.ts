/**
 * What an instructor sees once the daily YouTube check (server/jobs/youtube-monitor.ts)
 * flags a lesson's video: a badge on their course list, on the lesson's row in the course
 * editor, and an explanation in the lesson editor. The e2e server cannot reach YouTube, so
 * the flag is written straight into the server's data folder, as the monitor would write
 * it (the embedded backend is one SQLite file in WAL mode, so a second process may write).
 * axe runs on each page; screenshots go to the test's output folder.
 */
import { randomUUID } from 'node:crypto';
import { createEmbeddedBackend } from '../../server/backend/embedded/index';
import { LESSONS } from '../../server/services/tables';
import { expectAccessible } from './axe';
import { addLesson, createCourse } from './course-helpers';
import { expect, test, waitForHydration } from './fixtures';
import { DEMO, signIn } from './identity-helpers';

test.describe.configure({ timeout: 90_000 });

async function flagVideo(lessonId: string): Promise<void> {
  const dataDir = process.env.AURORA_E2E_DATA_DIR;
  if (!dataDir) throw new Error('AURORA_E2E_DATA_DIR is not set (run through playwright.config.ts)');
  const backend = createEmbeddedBackend({ dataDir });
  try {
    await backend.tables.update({ ...LESSONS, rowId: lessonId, data: { videoIssue: 'private' } });
  } finally {
    await backend.close();
  }
}

test('an instructor sees a video the YouTube check flagged, in the course list and the lesson editor', async ({
  page,
  problems,
}) => {
  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const title = `Tidal pools ${randomUUID().slice(0, 6)}`;
  const courseId = await createCourse(page, {
    title,
    description: 'What lives between the tides, filmed at low water on three coasts.',
    category: 'Biology',
  });
  const lessonId = await addLesson(page, courseId, { title: 'Low water', html: '<p>Lesson one.</p>' });
  await addLesson(page, courseId, { title: 'Anemones', html: '<p>Lesson two.</p>' });

  // A video on the first lesson (no YouTube API key here: the length is typed in).
  await page.goto(`/teach/courses/${courseId}/lessons/${lessonId}`);
  await waitForHydration(page);
  const videoCard = page.locator('#video');
  await videoCard
    .getByLabel('YouTube link')
    .fill(`https://youtu.be/Tp${randomUUID().replace(/-/g, '').slice(0, 9)}`);
  await videoCard.getByLabel(/^Length/).fill('4:05');
  await videoCard.getByRole('button', { name: 'Save video' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The video is saved' })).toBeVisible();

  await flagVideo(lessonId);

  await page.goto('/teach');
  const course = page.locator('.my-course').filter({ hasText: title });
  const badge = course.getByRole('link', { name: '1 video unavailable' });
  await expect(badge).toHaveAttribute('href', `/teach/courses/${courseId}#lessons`);
  await course.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('teach-course-list-video-issue.png') });
  await expectAccessible(page);

  await badge.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const flaggedRow = page.locator('.lesson-row').filter({ hasText: 'Low water' });
  await expect(flaggedRow.locator('.badge--danger')).toHaveText('Video private');
  await expect(
    page.locator('.lesson-row').filter({ hasText: 'Anemones' }).locator('.badge--danger'),
  ).toHaveCount(0);
  // The link scrolled to #lessons; a whole-page picture starts from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: test.info().outputPath('teach-course-video-issue.png'), fullPage: true });
  await expectAccessible(page);

  await flaggedRow.getByRole('link', { name: 'Low water' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Low water' })).toBeVisible();
  const alert = page.locator('#video').getByRole('alert');
  await expect(alert).toContainText('This video was made private on YouTube');
  await expect(alert).toContainText('set its visibility to Unlisted or Public');
  await page.screenshot({ path: test.info().outputPath('lesson-editor-video-issue.png'), fullPage: true });
  await expectAccessible(page);

  expect(problems.consoleErrors).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});
