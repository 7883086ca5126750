import { Link } from '@remix-run/react';
import { formatSeconds, type OutlineLesson } from '~/lib/courses';

/**
 * The course's lessons in order. Lessons the viewer may open are links (preview
 * lessons for everyone; every lesson for the owner and admins); the rest are marked
 * locked, with the reason in words, not only an icon.
 */
export function Outline({
  courseId,
  lessons,
  openAll,
  currentLessonId,
}: {
  courseId: string;
  lessons: readonly OutlineLesson[];
  openAll: boolean;
  currentLessonId?: string;
}) {
  if (lessons.length === 0) return <p className="empty-note">No lessons yet.</p>;
  return (
    <ol className="outline">
      {lessons.map((lesson, index) => {
        const open = openAll || lesson.isPreview;
        const duration = formatSeconds(lesson.videoDuration);
        const current = lesson.id === currentLessonId;
        return (
          <li key={lesson.id} className={`outline__item${current ? ' outline__item--current' : ''}`}>
            <span className="outline__number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="outline__title">
              {open ? (
                <Link
                  to={`/courses/${courseId}/lessons/${lesson.id}`}
                  aria-current={current ? 'page' : undefined}
                >
                  {lesson.title}
                </Link>
              ) : (
                <span>{lesson.title}</span>
              )}
              {lesson.attachmentCount > 0 ? (
                <span className="outline__files">
                  {lesson.attachmentCount} {lesson.attachmentCount === 1 ? 'file' : 'files'}
                </span>
              ) : null}
            </span>
            <span className="outline__side">
              {lesson.isPreview ? <span className="badge">Preview</span> : null}
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

function LockIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="icon">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}
