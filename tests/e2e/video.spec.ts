import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expectAccessible } from './axe';
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
      if (options && options.events && options.events.onReady) options.events.onReady({ target: self });
    }, 50);
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
  // The course page may show its Enroll button twice (the sticky bar on small screens).
  await page.getByRole('button', { name: 'Enroll for free' }).first().click();
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
  await expectAccessible(page, 'lesson with a video, enrolled');

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
  test.setTimeout(120_000);
  const { courseId, lessons } = await courseWithVideo(
    browser,
    `Leaves in private ${randomUUID().slice(0, 6)}`,
  );
  await fakeYouTube(page);

  // A visitor on the free preview gets the player, without an account.
  const previewHref = `/courses/${courseId}/lessons/${lessons[1]}`;
  await page.goto(previewHref);
  await expect(page.locator('iframe[title="Video: Free sample"]')).toBeVisible();
  await expect(page.frameLocator('iframe[title="Video: Free sample"]').locator('#player')).toHaveAttribute(
    'src',
    /^https:\/\/www\.youtube-nocookie\.com\/embed\/Preview0001\?/,
  );
  expect(await page.content()).not.toContain('Preview0001');
  await expect(page.getByRole('region', { name: 'Lesson video' })).toHaveCount(0);
  // The members-only video is not theirs: asked directly, the player says to sign in.
  const visitorDirect = await page.goto(`/api/video/player/${lessons[0]}`);
  expect(visitorDirect?.status()).toBe(401);
  expect((await visitorDirect?.text()) ?? '').toContain('Sign in to watch');

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
  // Two cores shared by parallel runs: signing in and the log's first render may take a while.
  await expect(admin.getByRole('heading', { level: 1, name: 'Security log' })).toBeVisible({
    timeout: 15_000,
  });
  await admin.getByLabel('Person’s email').fill(outsider.email);
  await admin.getByLabel('Event', { exact: true }).selectOption({ label: 'Video access denied' });
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin).toHaveURL(/action=video_access_denied/);
  const rows = admin.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  for (const row of [rows.nth(1), rows.nth(2)]) {
    await expect(row).toContainText('Video access denied');
    await expect(row).toContainText(outsider.name);
    // The log names the lesson (by title once it can, by id before).
    await expect(row).toContainText(new RegExp(`lesson (${lessons[0]}|Watching leaves).*: enroll`));
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

/** A published demo course's free preview lesson with a video, found as a visitor finds it: in the catalog. */
async function demoPreviewLesson(page: Page): Promise<{ href: string; title: string }> {
  const call = async <T>(path: string, input: unknown): Promise<T> => {
    const query = encodeURIComponent(JSON.stringify({ json: input }));
    const response = await page.request.get(`/api/trpc/${path}?input=${query}`);
    expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
    return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
  };
  const { items } = await call<{ items: { id: string }[] }>('course.list', { limit: 50 });
  for (const course of items) {
    const { lessons } = await call<{
      lessons: { id: string; title: string; isPreview: boolean; videoDuration: number | null }[];
    }>('course.get', { courseId: course.id });
    const preview = lessons.find((lesson) => lesson.isPreview && lesson.videoDuration !== null);
    if (preview) return { href: `/courses/${course.id}/lessons/${preview.id}`, title: preview.title };
  }
  throw new Error('no demo course has a free preview with a video');
}

test('a visitor plays a demo free preview without an account, and nothing reports watch time', async ({
  page,
  problems,
}) => {
  const pauseAt = await fakeYouTube(page);
  pauseAt(1);
  const progressReports: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/trpc/video.progress')) progressReports.push(request.url());
  });
  const lesson = await demoPreviewLesson(page);

  await page.goto(lesson.href);
  await waitForHydration(page);
  const frameElement = page.locator(`iframe[title="Video: ${lesson.title}"]`);
  await expect(frameElement).toHaveAttribute('src', /^\/api\/video\/player\/[\w.-]+$/);
  const player = page.frameLocator(`iframe[title="Video: ${lesson.title}"]`).locator('#player');
  await expect(player).toHaveAttribute('src', /^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]{11}\?/);
  await expect(page.getByText('Sign in to watch')).toHaveCount(0);
  await expect(page.getByRole('progressbar', { name: 'Video watched' })).toHaveCount(0);
  await expect(page.getByText('to keep your place')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
    'href',
    `/sign-up?redirectTo=${encodeURIComponent(lesson.href)}`,
  );
  // The video ID is in the one-time page's frame only, never in the lesson page.
  const videoId = /\/embed\/([\w-]{11})\?/.exec((await player.getAttribute('src')) ?? '')?.[1] ?? '';
  expect(videoId).not.toBe('');
  expect(await page.content()).not.toContain(videoId);
  // The fake player played a second and paused: a signed-in page would have reported it.
  await page.waitForTimeout(2000);
  expect(progressReports).toEqual([]);
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === 'aurora_visitor')).toMatchObject({
    httpOnly: true,
    sameSite: 'Lax',
  });
  await expectAccessible(page, 'demo preview lesson as a visitor');

  expect(problems.cspViolations).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('where YouTube is blocked, the frame says the video could not load and the lesson stays usable', async ({
  page,
  problems,
}) => {
  // A school network that blocks YouTube: its scripts and its player fail to load.
  await page.route('https://www.youtube.com/**', (route) => route.abort('blockedbyclient'));
  await page.route('https://www.youtube-nocookie.com/**', (route) => route.abort('blockedbyclient'));
  const lesson = await demoPreviewLesson(page);

  await page.goto(lesson.href);
  await waitForHydration(page);
  const frame = page.frameLocator(`iframe[title="Video: ${lesson.title}"]`);
  const failure = frame.getByRole('alert');
  await expect(failure).toContainText('The video could not load.');
  await expect(failure).toContainText('Your network may block YouTube.');
  await expect(frame.locator('#player')).toBeHidden();
  await expect(failure.getByRole('link', { name: 'Try again' })).toBeVisible();
  // The lesson around the frame is untouched: its title, its notes, its outline.
  await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
  await expect(page.locator('.prose').first()).toBeVisible();
  await expectAccessible(page, 'preview lesson with YouTube blocked');

  // "Try again" asks the player route for a fresh page (a one-time page cannot be reloaded).
  await failure.getByRole('link', { name: 'Try again' }).click();
  await expect(frame.getByRole('alert')).toContainText('The video could not load.');
  expect(problems.cspViolations).toEqual([]);
});

test('a player that never gets ready says so after 15 seconds', async ({ page }) => {
  // The IFrame API loads, but the player itself never answers (its frame is blocked).
  await page.clock.install();
  await page.route('https://www.youtube.com/iframe_api', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/javascript',
      body: `window.YT = { PlayerState: { ENDED: 0, PLAYING: 1, PAUSED: 2 }, Player: function () {} };
        if (typeof window.onYouTubeIframeAPIReady === 'function') window.onYouTubeIframeAPIReady();`,
    }),
  );
  await page.route('https://www.youtube-nocookie.com/**', () => {
    /* never answered, like a firewall that drops the connection */
  });
  const lesson = await demoPreviewLesson(page);
  // The blocked player frame never finishes loading, so neither does the page's load event.
  await page.goto(lesson.href, { waitUntil: 'domcontentloaded' });
  const frame = page.frameLocator(`iframe[title="Video: ${lesson.title}"]`);
  await expect(frame.locator('#player')).toBeAttached();
  await page.clock.fastForward(10_000);
  await expect(frame.getByRole('alert')).toBeHidden();
  await page.clock.fastForward(6_000);
  await expect(frame.getByRole('alert')).toContainText('The video could not load.');
});
