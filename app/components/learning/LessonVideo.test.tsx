import { act, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '~/lib/video';
import { LessonVideo, type VideoAccess, type VideoProgress } from './LessonVideo';

const VIDEO = { durationSeconds: 83, thumbnailUrl: '/images/thumbs/t1' };
const ALLOWED: VideoAccess = { allowed: true, reason: 'ok', message: '' };

function show(access: VideoAccess | null, progress: VideoProgress | null = null) {
  const router = createMemoryRouter(
    [
      {
        path: '/courses/:courseId/lessons/:lessonId',
        element: (
          <LessonVideo
            lessonId="l1"
            lessonTitle="Leaves"
            courseHref="/courses/c1"
            video={VIDEO}
            access={access}
            progress={progress}
          />
        ),
      },
    ],
    { initialEntries: ['/courses/c1/lessons/l1'] },
  );
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

function post(data: unknown, origin = window.location.origin) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin }));
  });
}

describe('durations', () => {
  it('reads and writes m:ss, h:mm:ss and seconds', () => {
    expect(formatDuration(83)).toBe('1:23');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(parseDuration('0:12')).toEqual({ ok: true, seconds: 12 });
    expect(parseDuration('1:02:03')).toEqual({ ok: true, seconds: 3723 });
    expect(parseDuration(' 95 ')).toEqual({ ok: true, seconds: 95 });
    expect(parseDuration('')).toEqual({ ok: true, seconds: null });
    expect(parseDuration('1:75').ok).toBe(false);
    expect(parseDuration('twelve').ok).toBe(false);
    expect(parseDuration('0').ok).toBe(false);
    expect(parseDuration('25:00:00').ok).toBe(false);
  });
});

describe('LessonVideo', () => {
  it('frames the player by lesson id and shows what was watched', async () => {
    show(ALLOWED, { watchedSeconds: 83, totalSeconds: 166, percent: 50, resumeAt: 83 });
    const frame = await screen.findByTitle('Video: Leaves');
    expect(frame).toHaveAttribute('src', '/api/video/player/l1');
    expect(screen.getByRole('progressbar', { name: 'Video watched' })).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('Watched 50%')).toBeInTheDocument();
    expect(screen.getByText('Resumes at', { exact: false })).toHaveTextContent('Resumes at 1:23');
  });

  it('follows the player’s reports from its own origin and lesson only', async () => {
    show(ALLOWED, { watchedSeconds: 0, totalSeconds: 83, percent: 0, resumeAt: 0 });
    const bar = await screen.findByRole('progressbar', { name: 'Video watched' });
    const report = { type: 'aurora:video-progress', lessonId: 'l1', percent: 40, watchedSeconds: 33 };
    post({ ...report, lessonCompleted: false }, 'https://evil.test');
    post({ ...report, lessonId: 'l2', lessonCompleted: false });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    post({ ...report, lessonCompleted: false });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByText('Watched 40%')).toBeInTheDocument();
  });

  it('asks a visitor on a members-only lesson to sign in or sign up, and come back', async () => {
    for (const access of [
      null,
      {
        allowed: false,
        reason: 'sign_in',
        message: 'Sign in and enroll in this course to watch this video.',
      },
    ]) {
      const view = show(access);
      expect(await screen.findByRole('link', { name: 'Sign in to watch' })).toHaveAttribute(
        'href',
        '/sign-in?redirectTo=%2Fcourses%2Fc1%2Flessons%2Fl1&reason=lesson',
      );
      expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
        'href',
        '/sign-up?redirectTo=%2Fcourses%2Fc1%2Flessons%2Fl1&reason=lesson',
      );
      expect(screen.queryByTitle('Video: Leaves')).toBeNull();
      expect(screen.getByText('1:23')).toBeInTheDocument();
      view.unmount();
    }
  });

  it('plays a free preview for a visitor, without a watched bar, offering an account to keep their place', async () => {
    show({ ...ALLOWED, message: 'This free preview plays without an account.', savesProgress: false });
    const frame = await screen.findByTitle('Video: Leaves');
    expect(frame).toHaveAttribute('src', '/api/video/player/l1');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByText(/Watched/)).toBeNull();
    expect(screen.getByText(/to keep your place/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      '/sign-up?redirectTo=%2Fcourses%2Fc1%2Flessons%2Fl1',
    );
    expect(screen.getByRole('link', { name: 'sign in' })).toHaveAttribute(
      'href',
      '/sign-in?redirectTo=%2Fcourses%2Fc1%2Flessons%2Fl1',
    );
    expect(screen.getByText('1:23')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Lesson video' })).toBeNull();
  });

  it('sends a signed-in learner who may not watch to the course page', async () => {
    show({ allowed: false, reason: 'enroll', message: 'Enroll in this course to watch this video.' });
    expect(await screen.findByText('Enroll in this course to watch this video.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Enroll on the course page' })).toHaveAttribute(
      'href',
      '/courses/c1',
    );
  });

  it('explains a rate limit without a link', async () => {
    show({ allowed: false, reason: 'rate_limited', message: 'Too many videos opened; try again soon.' });
    expect(await screen.findByText('Too many videos opened; try again soon.')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
