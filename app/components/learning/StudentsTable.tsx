import { Form, Link } from '@remix-run/react';
import type { Caller } from '../../../server/trpc/root';
import { Avatar } from '../Avatar';
import { SubmitButton } from '../forms/SubmitButton';
import { ProgressBar } from './ProgressBar';
import { formatDate, isoDate } from '~/lib/format';
import {
  FIRST_ORDER,
  studentsHref,
  type StudentRow,
  type StudentSort,
  type StudentsQuery,
} from '~/lib/enrollment';

/**
 * A course's students. Column headers are links (GET, so sorting works without
 * JavaScript and can be bookmarked); the sorted column carries aria-sort. On narrow
 * screens each row becomes a card (see learning.css).
 */
export function StudentsTable({
  courseId,
  students,
  query,
}: {
  courseId: string;
  students: readonly StudentRow[];
  query: StudentsQuery;
}) {
  const header = (sort: StudentSort, label: string) => {
    const active = query.sort === sort;
    const order = active ? (query.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[sort];
    return (
      <th
        scope="col"
        key={sort}
        aria-sort={active ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <Link
          to={studentsHref(courseId, { sort, order, cursor: null })}
          className="sort-link"
          preventScrollReset
        >
          {label}
          <span className="sort-link__arrow" aria-hidden="true">
            {active ? (query.order === 'asc' ? '↑' : '↓') : '↕'}
          </span>
          <span className="visually-hidden">{`, sort ${order === 'asc' ? 'ascending' : 'descending'}`}</span>
        </Link>
      </th>
    );
  };
  return (
    <table className="students-table">
      <thead>
        <tr>
          {header('name', 'Student')}
          {header('progress', 'Progress')}
          <th scope="col">Lessons</th>
          {header('enrolledAt', 'Enrolled')}
          {header('lastActivityAt', 'Last activity')}
        </tr>
      </thead>
      <tbody>
        {students.map((row) => (
          <tr key={row.user.id}>
            <th scope="row" className="students-table__person">
              <Avatar name={row.user.name} url={row.user.avatarUrl} />
              <span className="students-table__who">
                <span className="students-table__name">{row.user.name}</span>
                <span className="students-table__email">{row.user.email}</span>
              </span>
            </th>
            <td data-label="Progress" className="students-table__progress">
              <ProgressBar value={row.progress} label={`${row.user.name}’s progress`} size="sm" />
            </td>
            <td data-label="Lessons">
              {row.completedLessonCount}/{row.lessonCount}
              {row.completedAt ? <span className="badge students-table__badge">Completed</span> : null}
            </td>
            <td data-label="Enrolled">
              <time dateTime={isoDate(row.enrolledAt)}>{formatDate(row.enrolledAt)}</time>
            </td>
            <td data-label="Last activity">
              {row.lastActivityAt ? (
                <time dateTime={isoDate(row.lastActivityAt)}>{formatDate(row.lastActivityAt)}</time>
              ) : (
                <span className="muted">Not started</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A row of `enrollment.accessRequests`, as the procedure returns it. */
export type AccessRequestRow = Awaited<ReturnType<Caller['enrollment']['accessRequests']>>['items'][number];

/**
 * Learners waiting to join a paid course (decision 0020), oldest first, each with Approve
 * (enrolls them) and Decline. One form per row with two submit buttons, so it works
 * without JavaScript; a button's accessible name begins with its visible word.
 */
export function AccessRequestsPanel({
  requests,
  total,
}: {
  requests: readonly AccessRequestRow[];
  total: number;
}) {
  return (
    <section className="panel" aria-labelledby="access-requests-title">
      <div className="panel__head">
        <h2 id="access-requests-title">Access requests</h2>
        <p className="panel__meta">
          {total} waiting{requests.length < total ? ` · showing the oldest ${requests.length}` : ''}
        </p>
        <p className="muted small">
          Aurora doesn’t take payments yet, so learners ask to join this paid course. Approving enrolls them
          at once.
        </p>
      </div>
      <table className="students-table students-table--requests">
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Asked on</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="students-table__person">
                <Avatar name={row.user.name} url={row.user.avatarUrl} />
                <span className="students-table__who">
                  <span className="students-table__name">{row.user.name}</span>
                  <span className="students-table__email">{row.user.email}</span>
                </span>
              </th>
              <td data-label="Asked on">
                <time dateTime={isoDate(row.createdAt)}>{formatDate(row.createdAt)}</time>
              </td>
              <td data-label="Answer">
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="decide-access" />
                  <input type="hidden" name="requestId" value={row.id} />
                  <SubmitButton
                    name="decision"
                    value="approve"
                    className="button--small"
                    pendingLabel="Approving…"
                    pendingWhen={{ requestId: row.id, decision: 'approve' }}
                  >
                    Approve<span className="visually-hidden"> {row.user.name}</span>
                  </SubmitButton>
                  <SubmitButton
                    name="decision"
                    value="decline"
                    tone="secondary"
                    className="button--small"
                    pendingLabel="Declining…"
                    pendingWhen={{ requestId: row.id, decision: 'decline' }}
                  >
                    Decline<span className="visually-hidden"> {row.user.name}</span>
                  </SubmitButton>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
