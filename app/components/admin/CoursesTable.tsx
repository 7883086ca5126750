import { Form, Link } from '@remix-run/react';
import { Fragment, type ReactNode } from 'react';
import { SubmitButton } from '../forms/SubmitButton';
import { formatDate, isoDate } from '~/lib/format';
import type { Caller } from '../../../server/trpc/root';

/** One row of `course.listAll`, as the server types it. */
export type AdminCourseRow = Awaited<ReturnType<Caller['course']['listAll']>>['items'][number];

/**
 * Every course, whoever teaches it. On phones each row becomes a card (admin.css), its
 * cells labelled through data-label. An unpublish confirmation opens under its row.
 */
export function CoursesTable({
  courses,
  pending,
}: {
  courses: readonly AdminCourseRow[];
  pending: { courseId: string; panel: ReactNode } | null;
}) {
  return (
    <table className="users-table courses-table">
      <thead>
        <tr>
          <th scope="col">Course</th>
          <th scope="col">Instructor</th>
          <th scope="col">Status</th>
          <th scope="col">Lessons</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {courses.map((course) => {
          const waiting = pending?.courseId === course.id ? pending : null;
          return (
            <Fragment key={course.id}>
              <tr className={waiting ? 'is-pending' : undefined}>
                <th scope="row" className="courses-table__title">
                  <Link to={`/courses/${course.id}`}>{course.title}</Link>
                  <span className="courses-table__category">{course.category}</span>
                </th>
                <td data-label="Instructor">
                  {course.instructorEmail ? (
                    <Link to={`/admin?q=${encodeURIComponent(course.instructorEmail)}`}>
                      {course.instructor.name}
                    </Link>
                  ) : (
                    <span className="muted">{course.instructor.name}</span>
                  )}
                </td>
                <td data-label="Status">
                  {course.isPublished ? (
                    <span className="status-badge status-badge--published">Published</span>
                  ) : (
                    <span className="status-badge status-badge--draft">Draft</span>
                  )}
                </td>
                <td data-label="Lessons" className="courses-table__number">
                  {course.lessonCount}
                </td>
                <td data-label="Updated" className="courses-table__date">
                  <time dateTime={isoDate(course.updatedAt)}>{formatDate(course.updatedAt)}</time>
                </td>
                <td className="users-table__actions">
                  <Link
                    to={`/teach/courses/${course.id}`}
                    className="button button--secondary button--small"
                    aria-label={`Open editor for ${course.title}`}
                  >
                    Open editor
                  </Link>
                  {course.isPublished ? (
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="intent" value="unpublish" />
                      <input type="hidden" name="courseId" value={course.id} />
                      <input type="hidden" name="title" value={course.title} />
                      <input type="hidden" name="instructor" value={course.instructor.name} />
                      <SubmitButton
                        tone="quiet"
                        className="button--small button--danger-text"
                        pendingLabel="One moment…"
                        pendingWhen={{ intent: 'unpublish', courseId: course.id, confirmed: null }}
                        aria-label={`Unpublish ${course.title}`}
                      >
                        Unpublish…
                      </SubmitButton>
                    </Form>
                  ) : null}
                </td>
              </tr>
              {waiting ? (
                <tr className="users-table__pending">
                  <td colSpan={6}>{waiting.panel}</td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
