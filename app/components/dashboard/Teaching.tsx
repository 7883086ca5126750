import { Link } from '@remix-run/react';
import { Avatar } from '~/components/Avatar';
import { formatDate, isoDate } from '~/lib/format';
import type { RecentEnrollment, TaughtCourse } from './types';

/**
 * An instructor's corner of the dashboard: their courses (drafts too) with the way to
 * edit each and see its students, and who joined them lately. Someone who has not
 * written a course yet is shown how to start one.
 */
export function Teaching({
  courses,
  more,
  recent,
}: {
  courses: TaughtCourse[];
  /** Whether they teach more courses than shown. */
  more: boolean;
  recent: RecentEnrollment[];
}) {
  if (courses.length === 0) {
    return (
      <section className="empty-panel dashboard__empty" aria-labelledby="teaching-title">
        <h2 id="teaching-title">Create your first course</h2>
        <p>
          Write a title and a short description; add lessons, videos and files next. Nothing is public until
          you publish it.
        </p>
        <Link to="/teach/courses/new" className="button button--primary">
          Create your first course
        </Link>
      </section>
    );
  }
  return (
    <div className="dashboard__teaching">
      <section className="dashboard__panel" aria-labelledby="teaching-title">
        <div className="dashboard__panel-head">
          <h2 id="teaching-title">Courses you teach</h2>
          <Link to="/teach/courses/new" className="button button--secondary button--small">
            New course
          </Link>
        </div>
        <ul className="dashboard-courses">
          {courses.map((course) => (
            <li key={course.id} className="dashboard-course">
              <div className="dashboard-course__text">
                <p className="dashboard-course__title">
                  <Link to={`/teach/courses/${course.id}`}>{course.title}</Link>
                </p>
                <p className="muted small">
                  {course.isPublished ? (
                    <span className="badge">Published</span>
                  ) : (
                    <span className="badge badge--draft">Draft</span>
                  )}{' '}
                  {course.lessonCount} {course.lessonCount === 1 ? 'lesson' : 'lessons'}
                </p>
              </div>
              <Link
                to={`/teach/courses/${course.id}/students`}
                className="button button--quiet button--small"
              >
                Students <span className="visually-hidden">of {course.title}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="dashboard__more">
          <Link to="/teach">{more ? 'All your courses in Teach' : 'Open Teach'}</Link>
        </p>
      </section>

      <section className="dashboard__panel" aria-labelledby="recent-title">
        <div className="dashboard__panel-head">
          <h2 id="recent-title">Recent enrollments</h2>
        </div>
        {recent.length === 0 ? (
          <p className="dashboard__none">
            Nobody has enrolled yet. Learners find published courses in the <Link to="/catalog">catalog</Link>
            ; share a course’s link to bring your class in.
          </p>
        ) : (
          <ul className="dashboard-enrollments">
            {recent.map((item) => (
              <li key={item.id} className="dashboard-enrollment">
                <Avatar name={item.learner.name} url={item.learner.avatarUrl} size="sm" />
                <p className="dashboard-enrollment__text">
                  <strong>{item.learner.name}</strong> joined{' '}
                  <Link to={`/teach/courses/${item.course.id}/students`}>{item.course.title}</Link>
                  <span className="muted small dashboard-enrollment__when">
                    <time dateTime={isoDate(item.enrolledAt)}>{formatDate(item.enrolledAt)}</time>
                    {' · '}
                    {item.completedAt ? 'completed' : `${item.progress}% done`}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
