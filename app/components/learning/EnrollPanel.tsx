import { Form, Link } from '@remix-run/react';
import type { Caller } from '../../../server/trpc/root';
import { Alert } from '../forms/Alert';
import { SubmitButton } from '../forms/SubmitButton';
import { ProgressBar } from './ProgressBar';
import { formatPrice } from '~/lib/courses';
import { lessonsDone } from '~/lib/enrollment';
import { formatDate, isoDate } from '~/lib/format';
import { withRedirectTo } from '~/lib/safe-redirect';

/** The viewer's own access request for a paid course, as `enrollment.myAccessRequest` returns it. */
export type AccessRequestView = NonNullable<Awaited<ReturnType<Caller['enrollment']['myAccessRequest']>>>;

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
 * Aurora takes no payments yet, so on a paid course a learner asks the instructor, who
 * approves on the Students page (decision 0020); `accessRequest` is where that stands.
 */
export function EnrollPanel({
  course,
  state,
  accessRequest = null,
}: {
  course: {
    id: string;
    title: string;
    price: number;
    isPublished: boolean;
    lessonCount: number;
    canEdit?: boolean;
  };
  state: EnrollState;
  accessRequest?: AccessRequestView | null;
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
        <Link
          to={withRedirectTo('/sign-in', courseHref, 'enroll')}
          className="button button--primary button--wide"
        >
          {paid ? 'Sign in to request access' : 'Sign in to enroll'}
        </Link>
      ) : paid && course.canEdit ? (
        <>
          <p className="enroll-card__note">
            Learners request access here; you let them in from the Students page.
          </p>
          <Link to={`/teach/courses/${course.id}/students`} className="button button--secondary button--wide">
            Review access requests
          </Link>
        </>
      ) : paid ? (
        <RequestAccess request={accessRequest} />
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

const when = (value: string | null) => <time dateTime={isoDate(value)}>{formatDate(value)}</time>;

/** A paid course's way in while there are no payments: ask, then wait for the instructor. */
function RequestAccess({ request }: { request: AccessRequestView | null }) {
  if (request?.status === 'pending') {
    return (
      <Alert tone="info" title={<>Requested on {when(request.createdAt)} — waiting for the instructor</>}>
        <p>You’re enrolled as soon as they approve. Come back to this page to start.</p>
      </Alert>
    );
  }
  const declined = request?.status === 'declined';
  if (declined && !request.mayAskAgain) {
    return (
      <Alert tone="warning" title="Your request was declined">
        <p>
          The instructor declined it on {when(request.decidedAt)}. You can ask again from{' '}
          {when(request.askAgainFrom)}.
        </p>
      </Alert>
    );
  }
  return (
    <Form method="post" className="enroll-panel">
      <input type="hidden" name="intent" value="request-access" />
      {declined ? (
        <p className="enroll-card__note">Your last request was declined on {when(request.decidedAt)}.</p>
      ) : null}
      <SubmitButton
        wide
        pendingLabel="Sending…"
        pendingWhen={{ intent: 'request-access' }}
        aria-describedby="paid-note"
      >
        {declined ? 'Request access again' : 'Request access'}
      </SubmitButton>
      <p className="enroll-card__note" id="paid-note">
        Aurora doesn’t take payments yet: the instructor lets you in.
      </p>
    </Form>
  );
}
