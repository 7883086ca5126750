import { Form, Link } from '@remix-run/react';
import { SubmitButton } from '../forms/SubmitButton';
import { formatSeconds } from '~/lib/courses';
import { VIDEO_ISSUE_TEXT, type VideoIssue } from '~/lib/video-issues';

export interface LessonRow {
  id: string;
  title: string;
  isPreview: boolean;
  videoDuration: number | null;
  attachmentCount: number;
  /** Set when the daily YouTube check found the lesson's video cannot be played. */
  videoIssue?: VideoIssue | null;
}

/**
 * The course's lessons with move up / move down: each a small POST form, so ordering
 * works without JavaScript (lesson.reorder on the server).
 */
export function LessonRows({ courseId, lessons }: { courseId: string; lessons: readonly LessonRow[] }) {
  return (
    <ol className="lesson-rows">
      {lessons.map((lesson, index) => (
        <li key={lesson.id} className="lesson-row">
          <span className="lesson-row__number" aria-hidden="true">
            {index + 1}
          </span>
          <span className="lesson-row__text">
            <Link to={`/teach/courses/${courseId}/lessons/${lesson.id}`} className="lesson-row__title">
              {lesson.title}
            </Link>
            <span className="lesson-row__meta">
              {lesson.videoIssue ? (
                <span className="badge badge--danger" title={VIDEO_ISSUE_TEXT[lesson.videoIssue].fix}>
                  {VIDEO_ISSUE_TEXT[lesson.videoIssue].badge}
                </span>
              ) : null}
              {lesson.isPreview ? <span className="badge">Preview</span> : null}
              {lesson.attachmentCount > 0 ? (
                <span>
                  {lesson.attachmentCount} {lesson.attachmentCount === 1 ? 'file' : 'files'}
                </span>
              ) : null}
              {lesson.videoDuration ? <span>{formatSeconds(lesson.videoDuration)}</span> : null}
            </span>
          </span>
          <span className="lesson-row__actions">
            <MoveButton lesson={lesson} direction="up" disabled={index === 0} />
            <MoveButton lesson={lesson} direction="down" disabled={index === lessons.length - 1} />
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="delete-lesson" />
              <input type="hidden" name="lessonId" value={lesson.id} />
              <input type="hidden" name="title" value={lesson.title} />
              <button
                type="submit"
                className="icon-button icon-button--danger"
                aria-label={`Delete ${lesson.title}`}
              >
                <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
                </svg>
              </button>
            </Form>
          </span>
        </li>
      ))}
    </ol>
  );
}

function MoveButton({
  lesson,
  direction,
  disabled,
}: {
  lesson: LessonRow;
  direction: 'up' | 'down';
  disabled: boolean;
}) {
  const label = `Move ${lesson.title} ${direction}`;
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="lessonId" value={lesson.id} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton
        tone="quiet"
        className="icon-button"
        aria-label={label}
        title={label}
        disabled={disabled}
        pendingLabel=""
        pendingWhen={{ intent: 'move', lessonId: lesson.id, direction }}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d={direction === 'up' ? 'M4 10l4-4 4 4' : 'M4 6l4 4 4-4'} />
        </svg>
      </SubmitButton>
    </Form>
  );
}
