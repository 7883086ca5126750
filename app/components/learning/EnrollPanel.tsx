import { Form, Link } from '@remix-run/react';
import { SubmitButton } from '../forms/SubmitButton';
import { ProgressBar } from './ProgressBar';
import { formatPrice } from '~/lib/courses';
import { lessonsDone } from '~/lib/enrollment';
import { withRedirectTo } from '~/lib/safe-redirect';

export type EnrollState =
  | { kind: 'visitor' }
  | { kind: 'signed-in' }
  | {
      kind: 'enrolled';
      progress: number;
      completedCount: number;
      continueLessonId: string | null;
      finished: boolean;
    };

/**
 * The course page's call to action: sign in, enroll (free courses), the price and how
 * to get in (paid courses), or — once enrolled — progress, "Continue" and "Leave course".
 */
export function EnrollPanel({
  course,
  state,
}: {
  course: { id: string; title: string; price: number; isPublished: boolean; lessonCount: number };
  state: EnrollState;
}) {
  const courseHref = `/courses/${course.id}`;
  if (state.kind === 'enrolled') {
    return (
      <div className="enroll-panel">
        <p className="enroll-panel__status">
          <span className="badge">Enrolled</span>
          <span className="muted small">{lessonsDone(state.completedCount, course.lessonCount)} done</span>
        </p>
        <ProgressBar value={state.progress} label={`Your progress in ${course.title}`} />
        {state.continueLessonId ? (
          <Link
            to={`${courseHref}/lessons/${state.continueLessonId}`}
            className="button button--primary button--wide"
          >
            {state.finished
              ? 'Review the course'
              : state.completedCount > 0
                ? 'Continue'
                : 'Start the course'}
          </Link>
        ) : null}
        <Form method="post" className="enroll-panel__leave">
          <SubmitButton
            name="intent"
            value="leave"
            tone="quiet"
            className="button--small button--danger-text"
            pendingLabel="One moment…"
            pendingWhen={{ intent: 'leave', confirmed: null }}
          >
            Leave course…
          </SubmitButton>
        </Form>
      </div>
    );
  }

  const paid = course.price > 0;
  return (
    <div className="enroll-panel">
      <p className="enroll-card__price">{formatPrice(course.price)}</p>
      {!course.isPublished ? (
        <p className="enroll-card__note">Learners can enroll once the course is published.</p>
      ) : state.kind === 'visitor' ? (
        <Link to={withRedirectTo('/sign-in', courseHref)} className="button button--primary button--wide">
          Sign in to enroll
        </Link>
      ) : paid ? (
        <p className="enroll-panel__paid" id="paid-note">
          Paid enrollment is not open yet — ask an admin to enroll you.
        </p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="enroll" />
          <SubmitButton wide pendingLabel="Enrolling…" pendingWhen={{ intent: 'enroll' }}>
            Enroll for free
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}
