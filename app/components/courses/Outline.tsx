import { Link } from '@remix-run/react';
import { formatSeconds, type OutlineLesson } from '~/lib/courses';

/**
 * The course's lessons in order. Lessons the viewer may open are links (preview
 * lessons for everyone; every lesson for the owner and admins); the rest are marked
 * locked, with the reason in words, not only an icon. For an enrolled learner every
 * lesson is open and the ones they finished carry a tick (and the word "Completed").
 * The "Preview" badge tells a visitor what they may open without enrolling, so an
 * enrolled learner, for whom every lesson is open, never sees it. Each title also
 * carries its full text as a tooltip, for layouts that clamp long titles.
 */
export function Outline({
  courseId,
  lessons,
  openAll,
  currentLessonId,
  completed,
}: {
  courseId: string;
  lessons: readonly OutlineLesson[];
  openAll: boolean;
  currentLessonId?: string;
  /** The ids of lessons the viewer completed; given only for an enrolled learner. */
  completed?: readonly string[];
}) {
  if (lessons.length === 0) return <p className="empty-note">No lessons yet.</p>;
  const enrolled = completed !== undefined;
  return (
    <ol className="outline">
      {lessons.map((lesson, index) => {
        const open = openAll || lesson.isPreview;
        const duration = formatSeconds(lesson.videoDuration);
        const current = lesson.id === currentLessonId;
        const done = completed?.includes(lesson.id) ?? false;
        const classes = [
          'outline__item',
          current ? 'outline__item--current' : '',
          done ? 'outline__item--done' : '',
        ];
        return (
          <li key={lesson.id} className={classes.filter(Boolean).join(' ')}>
            <span className="outline__number" aria-hidden="true">
              {done ? <TickIcon /> : index + 1}
            </span>
            <span className="outline__title">
              {open ? (
                <Link
                  to={`/courses/${courseId}/lessons/${lesson.id}`}
                  aria-current={current ? 'page' : undefined}
                  title={lesson.title}
                  className="outline__name"
                >
                  {lesson.title}
                </Link>
              ) : (
                <span title={lesson.title} className="outline__name">
                  {lesson.title}
                </span>
              )}
              {lesson.attachmentCount > 0 ? (
                <span className="outline__files">
                  {lesson.attachmentCount} {lesson.attachmentCount === 1 ? 'file' : 'files'}
                </span>
              ) : null}
            </span>
            <span className="outline__side">
              {done ? <span className="visually-hidden">Completed</span> : null}
              {lesson.isPreview && !enrolled ? <span className="badge">Preview</span> : null}
              {!open ? (
                <span className="outline__locked">
                  <LockIcon />
                  <span className="visually-hidden">Locked: enroll to open</span>
                </span>
              ) : null}
              {duration ? <span className="outline__time">{duration}</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function TickIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      className="icon icon--tick"
    >
      <path d="M3.5 8.5l3 3 6-7" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="icon">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}
