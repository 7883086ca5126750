import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test, waitForHydration } from './fixtures';
import { addLesson, createCourse } from './course-helpers';
import { DEMO, newPerson, signIn, signUp } from './identity-helpers';

/** The video of lesson 1; it must never appear in a page Aurora renders. */
const VIDEO_ID = `Vd${randomUUID().replace(/-/g, '').slice(0, 9)}`;
const VIDEO_DURATION = 12;

/**
 * A stand-in for YouTube's IFrame Player API (the test server has no internet): a
 * player that starts where the embed's `start` says, plays in real time, and pauses
 * once it reaches `pauseAt` seconds, as a learner would.
 */
function fakeIframeApi(pauseAt: number): string {
  return `(function () {
  function Player(elementId, options) {
    var self = this;
    var frame = document.getElementById(elementId);
    var start = Number(new URL(frame.src).searchParams.get('start') || 0);
    var startedAt = null;
    var pausedAt = null;
    function fire(state) {
      if (options && options.events && options.events.onStateChange) options.events.onStateChange({ data: state, target: self });
    }
    self.getCurrentTime = function () {
      if (startedAt === null) return start;
      return start + ((pausedAt === null ? Date.now() : pausedAt) - startedAt) / 1000;
    };
    self.getDuration = function () { return ${VIDEO_DURATION}; };
    setTimeout(function () {
      startedAt = Date.now();
      fire(window.YT.PlayerState.PLAYING);
      var timer = setInterval(function () {
        if (self.getCurrentTime() < ${pauseAt}) return;
        clearInterval(timer);
        pausedAt = Date.now();
        fire(window.YT.PlayerState.PAUSED);
      }, 100);
    }, 200);
  }
  window.YT = { PlayerState: { ENDED: 0, PLAYING: 1, PAUSED: 2 }, Player: Player };
  if (typeof window.onYouTubeIframeAPIReady === 'function') window.onYouTubeIframeAPIReady();
})();`;
}

/** Serves the fake API and an empty YouTube player; returns a setter for where the next play pauses. */
async function fakeYouTube(page: Page): Promise<(pauseAt: number) => void> {
  let pauseAt = VIDEO_DURATION;
  await page.route('https://www.youtube.com/iframe_api', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: fakeIframeApi(pauseAt) }),
  );
  await page.route('https://www.youtube-nocookie.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>YouTube</title><p>Fake player</p>',
    }),
  );
  return (seconds) => {
    pauseAt = seconds;
  };
}

/** The demo instructor's published course: lesson 1 with the video above, lesson 2 a free preview with one too. */
async function courseWithVideo(browser: Browser, title: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.instructor, '/sign-in?redirectTo=/teach');
  await expect(page.getByRole('heading', { level: 1, name: 'My courses' })).toBeVisible();
  const courseId = await createCourse(page, {
    title,
    description: 'Light, leaves and sugar: a short course with a video lesson.',
    category: 'Biology',
  });
  const lessons = [
    await addLesson(page, courseId, { title: 'Watching leaves', html: '<p>Lesson one.</p>' }),
    await addLesson(page, courseId, { title: 'Free sample', html: '<p>Lesson two.</p>', preview: true }),
  ];

  // Lesson 1, through the editor's form.
  await page.goto(`/teach/courses/${courseId}/lessons/${lessons[0]}`);
  await waitForHydration(page);
  const videoCard = page.locator('#video');
  await expect(videoCard.getByText('No video yet.')).toBeVisible();
  const link = videoCard.getByLabel('YouTube link');
  const length = videoCard.getByLabel(/^Length/);

  // Mistakes are explained at the field they are about.
  await link.fill('https://vimeo.com/123456');
  await videoCard.getByRole('button', { name: 'Save video' }).click();
  await expect(link).toHaveAttribute('aria-invalid', 'true');
  await expect(videoCard.getByText('This is not a YouTube link.')).toBeVisible();
  await link.fill(`https://youtu.be/${VIDEO_ID}?t=5`);
  await videoCard.getByRole('button', { name: 'Save video' }).click();
  await expect(length).toHaveAttribute('aria-invalid', 'true');
  await expect(videoCard.getByText('without a YouTube API key')).toBeVisible();
  await length.fill('twelve');
  await videoCard.getByRole('button', { name: 'Save video' }).click();
  await expect(videoCard.getByText('Write the length as m:ss')).toBeVisible();

  await length.fill('0:12');
  await videoCard.getByRole('button', { name: 'Check link' }).click();
  await expect(videoCard.getByText('This link looks good')).toBeVisible();
  await videoCard.getByRole('button', { name: 'Save video' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The video is saved' })).toBeVisible();
  await expect(videoCard.getByText('This lesson has a video')).toBeVisible();
  await expect(videoCard.locator('time')).toHaveText('0:12');
  await expect(videoCard.getByLabel('YouTube link')).toHaveValue('');
  expect(await page.content()).not.toContain(VIDEO_ID);
  await videoCard.getByRole('button', { name: 'Check video' }).click();
  await expect(videoCard.getByText('The saved video looks good')).toBeVisible();
  expect(await page.content()).not.toContain(VIDEO_ID);

  // Lesson 2 (a free preview) gets a video too, then it is removed and set again.
  await page.goto(`/teach/courses/${courseId}/lessons/${lessons[1]}`);
  await videoCard.getByLabel('YouTube link').fill('https://www.youtube.com/watch?v=Preview0001');
  await videoCard.getByLabel(/^Length/).fill('65');
  await videoCard.getByRole('button', { name: 'Save video' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The video is saved' })).toBeVisible();
  await videoCard.getByRole('button', { name: 'Remove video…' }).click();
  await page.getByRole('button', { name: 'Remove video', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The video is removed' })).toBeVisible();
  await expect(videoCard.getByText('No video yet.')).toBeVisible();
  await videoCard.getByLabel('YouTube link').fill('https://www.youtube.com/watch?v=Preview0001');
  await videoCard.getByLabel(/^Length/).fill('1:05');
  await videoCard.getByRole('button', { name: 'Save video' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The video is saved' })).toBeVisible();

  await page.goto(`/teach/courses/${courseId}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'published' })).toBeVisible();
  await context.close();
  return { courseId, lessons: lessons as [string, string] };
}

test('an enrolled learner watches a lesson video, resumes it, and completes the lesson by watching', async ({
  browser,
  page,
  problems,
}) => {
  test.setTimeout(90_000);
  const { courseId, lessons } = await courseWithVideo(browser, `Leaves on film ${randomUUID().slice(0, 6)}`);
  const lessonHref = `/courses/${courseId}/lessons/${lessons[0]}`;

  await signUp(page, newPerson('Viewer'));
  await page.goto(`/courses/${courseId}`);
  await page.getByRole('button', { name: 'Enroll for free' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You’re enrolled' })).toBeVisible();

  const pauseAt = await fakeYouTube(page);
  const playerRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/video/player/')) playerRequests.push(request.url());
  });
  const frame = page.frameLocator('iframe[title^="Video"]');
  const watched = page.getByRole('progressbar', { name: 'Video watched' });

  // First visit: the learner watches 4 seconds and pauses.
  pauseAt(4);
  await page.goto(lessonHref);
  await waitForHydration(page);
  await expect(page.locator('iframe[title="Video: Watching leaves"]')).toHaveAttribute(
    'src',
    `/api/video/player/${lessons[0]}`,
  );
  await expect(frame.locator('#player')).toHaveAttribute(
    'src',
    new RegExp(`^https://www\\.youtube-nocookie\\.com/embed/${VIDEO_ID}\\?`),
  );
  expect(await page.content()).not.toContain(VIDEO_ID);
  await expect(watched).toHaveAttribute('aria-valuenow', '0');
  await expect(watched).toHaveAttribute('aria-valuenow', '33', { timeout: 10_000 });
  await expect(page.getByText('Watched 33%')).toBeVisible();

  // Back later: the player starts where they stopped, and then they watch to 0:11 of 0:12.
  pauseAt(11);
  await page.reload();
  await waitForHydration(page);
  await expect(frame.locator('#player')).toHaveAttribute('src', /[?&]start=4(&|$)/);
  await expect(page.getByText('Resumes at 0:04')).toBeVisible();
  const requestsBefore = playerRequests.length;
  await expect(watched).toHaveAttribute('aria-valuenow', '91', { timeout: 15_000 });
  await expect(page.getByText('Watched 91%')).toBeVisible();

  // 90% completes the lesson: the page catches up without reloading the player.
  const sidebar = page.getByRole('complementary');
  await expect(sidebar.getByRole('progressbar', { name: 'Your progress in this course' })).toHaveAttribute(
    'aria-valuenow',
    '50',
  );
  await expect(sidebar.getByText('1 of 2 lessons complete')).toBeVisible();
  await expect(page.getByText('Completed', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark complete' })).toHaveCount(0);
  expect(playerRequests.length).toBe(requestsBefore);

  // Next time it starts from the last position again.
  await page.reload();
  await waitForHydration(page);
  await expect(frame.locator('#player')).toHaveAttribute(
    'src',
    new RegExp(`^https://www\\.youtube-nocookie\\.com/embed/${VIDEO_ID}\\?.*[?&]start=11(&|$)`),
  );
  await expect(watched).toHaveAttribute('aria-valuenow', '91');
  await expect(page.getByText('Resumes at 0:11')).toBeVisible();
  expect(await page.content()).not.toContain(VIDEO_ID);

  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('only people who may watch get a player', async ({ browser, page, problems }) => {
  test.setTimeout(60_000);
  const { courseId, lessons } = await courseWithVideo(
    browser,
    `Leaves in private ${randomUUID().slice(0, 6)}`,
  );
  await fakeYouTube(page);

  // A visitor on the free preview sees what the video is and is asked to sign in.
  const previewHref = `/courses/${courseId}/lessons/${lessons[1]}`;
  await page.goto(previewHref);
  const placeholder = page.getByRole('region', { name: 'Lesson video' });
  await expect(placeholder).toContainText('1:05');
  await expect(placeholder.getByRole('link', { name: 'Sign in to watch' })).toHaveAttribute(
    'href',
    `/sign-in?redirectTo=${encodeURIComponent(previewHref)}`,
  );
  await expect(page.locator('iframe')).toHaveCount(0);

  // A learner who is not enrolled is sent to enroll, and gets no player, not even directly.
  const outsider = newPerson('Outsider');
  await signUp(page, outsider);
  const response = await page.goto(`/courses/${courseId}/lessons/${lessons[0]}`);
  expect(response?.status()).toBe(403);
  await expect(
    page.getByRole('heading', { name: 'Enroll in this course to open this lesson' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'See the course' })).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
  // Typed into the address bar, the player address refuses too, saying why.
  const direct = await page.goto(`/api/video/player/${lessons[0]}`);
  expect(direct?.status()).toBe(403);
  const directText = (await direct?.text()) ?? '';
  expect(directText).toContain('Enroll in this course');
  expect(directText).not.toContain(VIDEO_ID);
  // Asked from an Aurora page (as a frame would), the same refusal; both are logged.
  await page.goto(`/courses/${courseId}`);
  const fromPage = await page.evaluate(async (href) => {
    const response = await fetch(href, { redirect: 'manual' });
    return { status: response.status, text: await response.text() };
  }, `/api/video/player/${lessons[0]}`);
  expect(fromPage.status).toBe(403);
  expect(fromPage.text).toContain('Enroll in this course');
  expect(fromPage.text).not.toContain(VIDEO_ID);

  // Admins see the refusal in the security log; the learner may not open it.
  const outsiderLog = await page.goto('/admin/security');
  expect(outsiderLog?.status()).toBe(403);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO.admin, '/sign-in?redirectTo=/admin/security');
  await expect(admin.getByRole('heading', { level: 1, name: 'Security log' })).toBeVisible();
  await admin.getByLabel('Person’s email').fill(outsider.email);
  await admin.getByLabel('Event', { exact: true }).selectOption({ label: 'Video access denied' });
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin).toHaveURL(/action=video_access_denied/);
  const rows = admin.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  for (const row of [rows.nth(1), rows.nth(2)]) {
    await expect(row).toContainText('Video access denied');
    await expect(row).toContainText(outsider.name);
    await expect(row).toContainText(`lesson ${lessons[0]}: enroll`);
  }
  await expect(
    admin.getByRole('status').filter({ hasText: '2 events matching these filters' }),
  ).toBeVisible();
  await admin.getByLabel('Event', { exact: true }).selectOption({ label: 'Course moderated' });
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin.getByText('No security events match these filters.')).toBeVisible();
  await adminContext.close();

  // Signed in, the free preview plays for them.
  await page.goto(previewHref);
  await expect(page.locator('iframe[title="Video: Free sample"]')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lesson video' })).toHaveCount(0);

  expect(problems.cspViolations).toEqual([]);
});
