import { Link } from '@remix-run/react';
import { CourseThumb } from '~/components/courses/CourseThumb';
import { ProgressBar } from '~/components/learning/ProgressBar';
import { lessonsDone, type LearningItem } from '~/lib/enrollment';
import { formatDate, isoDate } from '~/lib/format';

/** The lesson to open next (the course page once every lesson is done). */
export function continueHref(item: LearningItem): string {
  const course = `/courses/${item.course.id}`;
  return item.nextLessonId && !item.enrollment.completedAt
    ? `${course}/lessons/${item.nextLessonId}`
    : course;
}

function doneCount(item: LearningItem): number {
  return Math.min(item.enrollment.completedLessons.length, item.lessonCount);
}

/** The course studied most recently, large, with one clear way back into it. */
export function ContinueCard({ item }: { item: LearningItem }) {
  const { course, enrollment } = item;
  const started = doneCount(item) > 0 || Boolean(enrollment.lastLessonId);
  return (
    <section className="continue-card" aria-labelledby="continue-title">
      <div className="continue-card__thumb">
        <CourseThumb title={course.title} category={course.category} thumbnailUrl={course.thumbnailUrl} />
      </div>
      <div className="continue-card__body">
        <p className="eyebrow">{started ? 'Continue where you left off' : 'Ready when you are'}</p>
        <h2 id="continue-title" className="continue-card__title">
          <Link to={`/courses/${course.id}`}>{course.title}</Link>
        </h2>
        <p className="muted small">
          {course.instructor.name} · {lessonsDone(doneCount(item), item.lessonCount)} complete
          {enrollment.lastActivityAt ? (
            <>
              {' '}
              · last studied{' '}
              <time dateTime={isoDate(enrollment.lastActivityAt)}>
                {formatDate(enrollment.lastActivityAt)}
              </time>
            </>
          ) : null}
        </p>
        <ProgressBar value={enrollment.progress} label={`Your progress in ${course.title}`} />
        <p>
          <Link to={continueHref(item)} className="button button--primary">
            {started ? 'Continue' : 'Start the course'}{' '}
            <span className="visually-hidden">{course.title}</span>
          </Link>
        </p>
      </div>
    </section>
  );
}

/** One enrolled course in a list: title, lessons done, progress, and the way in. */
export function LearningCard({ item }: { item: LearningItem }) {
  const { course, enrollment } = item;
  const finished = Boolean(enrollment.completedAt);
  const titleId = `dashboard-learning-${enrollment.id}`;
  return (
    <article className="learning-card" aria-labelledby={titleId}>
      <CourseThumb
        title={course.title}
        category={course.category}
        thumbnailUrl={course.thumbnailUrl}
        size="small"
      />
      <div className="learning-card__body">
        <h3 id={titleId} className="learning-card__title">
          <Link to={`/courses/${course.id}`}>{course.title}</Link>
        </h3>
        <p className="muted small">
          {finished ? (
            <>
              Completed{' '}
              <time dateTime={isoDate(enrollment.completedAt)}>{formatDate(enrollment.completedAt)}</time>
            </>
          ) : (
            `${lessonsDone(doneCount(item), item.lessonCount)} complete`
          )}
        </p>
        <ProgressBar value={enrollment.progress} label={`Your progress in ${course.title}`} size="sm" />
      </div>
      <Link to={continueHref(item)} className="button button--secondary button--small learning-card__action">
        {finished ? 'Review' : 'Continue'} <span className="visually-hidden">{course.title}</span>
      </Link>
    </article>
  );
}
