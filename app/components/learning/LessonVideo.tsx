import { Link, useLocation, useRevalidator } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { clampPercent, ProgressBar } from './ProgressBar';
import { withRedirectTo } from '~/lib/safe-redirect';
import { formatDuration, spokenDuration } from '~/lib/video';

export interface LessonVideoInfo {
  durationSeconds: number | null;
  thumbnailUrl: string | null;
}

export interface VideoAccess {
  allowed: boolean;
  /** 'ok', 'sign_in', 'enroll', 'not_published', 'no_video', 'rate_limited', … */
  reason: string;
  message: string;
  /** false for a visitor on a free preview: it plays, but there is no account to keep watch time in. */
  savesProgress?: boolean;
}

export interface VideoProgress {
  watchedSeconds: number;
  totalSeconds: number;
  percent: number;
  resumeAt: number;
}

/** What the player page inside the frame posts after each accepted watch-time report. */
interface ProgressMessage {
  type: 'aurora:video-progress';
  lessonId: string;
  percent: number;
  watchedSeconds: number;
  lessonCompleted: boolean;
}

function isProgressMessage(value: unknown, lessonId: string): value is ProgressMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return (
    message.type === 'aurora:video-progress' &&
    message.lessonId === lessonId &&
    typeof message.percent === 'number' &&
    typeof message.watchedSeconds === 'number'
  );
}

/**
 * A lesson's video. Allowed viewers get the one-time player (framed from
 * /api/video/player/:lessonId, so this page's HTML never holds the video ID) and a
 * watched bar that follows the player's reports — except a visitor on a free preview,
 * whose player keeps no watch time and who is offered an account to keep their place;
 * everyone else a placeholder that says what to do to watch.
 */
export function LessonVideo({
  lessonId,
  lessonTitle,
  courseHref,
  video,
  access,
  progress,
}: {
  lessonId: string;
  lessonTitle: string;
  courseHref: string;
  video: LessonVideoInfo;
  /** null for a visitor who is not signed in. */
  access: VideoAccess | null;
  progress: VideoProgress | null;
}) {
  if (access?.allowed && access.savesProgress === false) {
    return <PreviewPlayer lessonId={lessonId} lessonTitle={lessonTitle} video={video} />;
  }
  if (access?.allowed) {
    return <VideoPlayer lessonId={lessonId} lessonTitle={lessonTitle} video={video} progress={progress} />;
  }
  return <VideoPlaceholder video={video} access={access} courseHref={courseHref} />;
}

function PlayerFrame({ lessonId, lessonTitle }: { lessonId: string; lessonTitle: string }) {
  return (
    <div className="lesson-video__frame">
      <iframe
        src={`/api/video/player/${encodeURIComponent(lessonId)}`}
        title={`Video: ${lessonTitle}`}
        allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
        allowFullScreen
      />
    </div>
  );
}

function Length({ seconds }: { seconds: number }) {
  return (
    <span>
      <span className="visually-hidden">Length </span>
      <time dateTime={`PT${Math.floor(seconds)}S`} aria-label={spokenDuration(seconds)}>
        {formatDuration(seconds)}
      </time>
    </span>
  );
}

/** A free preview for a visitor: it plays, nothing is saved, and an account would keep their place. */
function PreviewPlayer({
  lessonId,
  lessonTitle,
  video,
}: {
  lessonId: string;
  lessonTitle: string;
  video: LessonVideoInfo;
}) {
  const { pathname, search } = useLocation();
  const here = `${pathname}${search}`;
  return (
    <div className="lesson-video">
      <PlayerFrame lessonId={lessonId} lessonTitle={lessonTitle} />
      <div className="lesson-video__meta">
        <p className="lesson-video__facts">
          <span>
            <Link to={withRedirectTo('/sign-up', here)}>Create an account</Link> or{' '}
            <Link to={withRedirectTo('/sign-in', here)}>sign in</Link> to keep your place.
          </span>
          {video.durationSeconds ? <Length seconds={video.durationSeconds} /> : null}
        </p>
      </div>
    </div>
  );
}

function VideoPlayer({
  lessonId,
  lessonTitle,
  video,
  progress,
}: {
  lessonId: string;
  lessonTitle: string;
  video: LessonVideoInfo;
  progress: VideoProgress | null;
}) {
  const { revalidate } = useRevalidator();
  const [live, setLive] = useState<{ percent: number; watchedSeconds: number } | null>(null);

  useEffect(() => {
    function onMessage(event: MessageEvent<unknown>) {
      if (event.origin !== window.location.origin || !isProgressMessage(event.data, lessonId)) return;
      const { percent, watchedSeconds, lessonCompleted } = event.data;
      setLive((before) =>
        before && before.watchedSeconds > watchedSeconds ? before : { percent, watchedSeconds },
      );
      // The checklist, course progress and "Mark complete" come from the loaders.
      if (lessonCompleted === true) revalidate();
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [lessonId, revalidate]);

  const saved = progress?.percent ?? 0;
  const percent = clampPercent(live && live.percent > saved ? live.percent : saved);
  const total = video.durationSeconds ?? progress?.totalSeconds ?? 0;
  // Once the learner has watched further, the saved resume point is out of date.
  const movedOn = live !== null && live.watchedSeconds > (progress?.watchedSeconds ?? 0);
  const resumeAt = movedOn ? 0 : (progress?.resumeAt ?? 0);

  return (
    <div className="lesson-video">
      <PlayerFrame lessonId={lessonId} lessonTitle={lessonTitle} />
      <div className="lesson-video__meta">
        <ProgressBar
          value={percent}
          label="Video watched"
          valueText={`Watched ${percent}%`}
          showValue={false}
          size="sm"
        />
        <p className="lesson-video__facts" aria-live="polite">
          <span className="lesson-video__watched">Watched {percent}%</span>
          {resumeAt > 0 ? (
            <span>
              Resumes at <time dateTime={`PT${Math.floor(resumeAt)}S`}>{formatDuration(resumeAt)}</time>
            </span>
          ) : null}
          {total > 0 ? <Length seconds={total} /> : null}
        </p>
      </div>
    </div>
  );
}

function VideoPlaceholder({
  video,
  access,
  courseHref,
}: {
  video: LessonVideoInfo;
  access: VideoAccess | null;
  courseHref: string;
}) {
  const { pathname, search } = useLocation();
  const reason = access?.reason ?? 'sign_in';
  const message =
    access?.message ?? 'Sign in to watch this video. Aurora remembers where you stop, on every device.';
  return (
    <section
      className={`video-placeholder video-placeholder--locked${video.thumbnailUrl ? ' video-placeholder--thumb' : ''}`}
      aria-label="Lesson video"
    >
      {video.thumbnailUrl ? (
        <img src={video.thumbnailUrl} alt="" className="video-placeholder__thumb" />
      ) : null}
      <div className="video-placeholder__body">
        <svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true" focusable="false">
          <circle cx="28" cy="28" r="27" />
          <path d="M23 19l15 9-15 9z" />
        </svg>
        {video.durationSeconds ? (
          <p className="video-placeholder__length">
            Video ·{' '}
            <time dateTime={`PT${video.durationSeconds}S`} aria-label={spokenDuration(video.durationSeconds)}>
              {formatDuration(video.durationSeconds)}
            </time>
          </p>
        ) : (
          <p className="video-placeholder__length">Video</p>
        )}
        <p className="video-placeholder__message">{message}</p>
        {reason === 'sign_in' ? (
          // A members-only lesson: it plays for the course's learners, so an account comes first.
          <p className="actions">
            <Link
              to={withRedirectTo('/sign-in', `${pathname}${search}`, 'lesson')}
              className="button button--primary"
            >
              Sign in to watch
            </Link>
            <Link
              to={withRedirectTo('/sign-up', `${pathname}${search}`, 'lesson')}
              className="button button--secondary"
            >
              Create an account
            </Link>
          </p>
        ) : reason === 'enroll' ? (
          <Link to={courseHref} className="button button--primary">
            Enroll on the course page
          </Link>
        ) : null}
      </div>
    </section>
  );
}
