/**
 * The review queue (decision 0040): courses waiting for review, the longest-waiting first,
 * for `content.review` holders. Each links to its draft (the course page, which reviewers
 * may read while it is in review) and carries a form: approve and publish (`content.approve`)
 * or send it back with a comment. Plain forms, no script needed.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { reviewDecisionFieldsSchema } from '../../shared/fields/course';
import { idSchema } from '../../shared/fields/ids';
import { COURSE_LIMITS } from '../../shared/fields/limits';
import { CursorPager } from '~/components/CursorPager';
import { ErrorPage } from '~/components/ErrorPage';
import { Alert } from '~/components/forms/Alert';
import { FormField } from '~/components/forms/FormField';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { refusal } from '~/lib/course-errors.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate, isoDate } from '~/lib/format';
import { callerFailure, readForm, redirectToSignIn } from '~/lib/forms.server';
import { countOf } from '~/lib/list-total';
import coursesStylesUrl from '~/styles/courses.css?url';
import teachStylesUrl from '~/styles/teach.css?url';
import type { loader as rootLoader } from '~/root';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: teachStylesUrl },
];

export const meta: MetaFunction = ({ error }) => [
  { title: error ? 'No access · Aurora' : 'Review queue · Aurora' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined;
  try {
    return { queue: await context.trpc.course.reviewQueue({ cursor, limit: 20 }), cursor: cursor ?? null };
  } catch (error) {
    if (cursor && callerFailure(error)?.code === 'BAD_REQUEST') throw redirect('/review');
    return refusal(request, error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const courseId = idSchema.safeParse(form.get('courseId'));
  if (!courseId.success) throw new Response('Which course? The form was incomplete.', { status: 400 });
  const title = String(form.get('title') ?? '').slice(0, COURSE_LIMITS.title) || 'The course';
  const comment = String(form.get('comment') ?? '');
  const checked = reviewDecisionFieldsSchema.safeParse({ decision: form.get('intent'), comment });
  if (!checked.success)
    return data(
      { courseId: courseId.data, comment, error: checked.error.issues[0]?.message ?? 'Check the form.' },
      400,
    );
  try {
    await context.trpc.course.review({ courseId: courseId.data, ...checked.data });
  } catch (error) {
    const failure = callerFailure(error);
    if (failure?.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    if (!failure) throw error;
    return data({ courseId: courseId.data, comment, error: failure.message }, 400);
  }
  const text =
    checked.data.decision === 'approve'
      ? `“${title}” is approved and published.`
      : `“${title}” is sent back to its author with your comment.`;
  return redirectWithFlash(request, '/review', { tone: 'success', text });
}

export default function ReviewQueuePage() {
  const { queue, cursor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const viewer = useRouteLoaderData<typeof rootLoader>('root')?.viewer ?? null;
  // Showing the button is a convenience: course.review decides again.
  const mayApprove = viewer?.permissions.includes('content.approve') ?? false;
  return (
    <div className="teach container">
      <header className="page-header">
        <p className="eyebrow">Review</p>
        <h1>Review queue</h1>
        <p className="page-header__lead">
          Courses waiting for review, the longest-waiting first. Read the draft, then{' '}
          {mayApprove ? 'approve it — which publishes it — or ' : ''}ask its author for changes.
        </p>
      </header>
      {queue.items.length === 0 && !cursor ? (
        <div className="empty-panel">
          <h2>Nothing to review</h2>
          <p>When an author submits a course for review, it appears here.</p>
        </div>
      ) : (
        <div className="panel">
          <p className="panel__count" role="status">
            {countOf(queue, 'course waiting', 'courses waiting')}
          </p>
          <ul className="review-queue">
            {queue.items.map((course) => {
              const failed = result && result.courseId === course.id ? result : undefined;
              return (
                <li key={course.id} className="review-item">
                  <div className="review-item__text">
                    <h2 className="review-item__title">
                      <Link to={`/courses/${course.id}`}>{course.title}</Link>
                    </h2>
                    <p className="my-course__meta">
                      By {course.instructor.name} · {course.lessonCount}{' '}
                      {course.lessonCount === 1 ? 'lesson' : 'lessons'}
                      {course.review.requestedAt ? (
                        <>
                          {' '}
                          · submitted{' '}
                          <time dateTime={isoDate(course.review.requestedAt)}>
                            {formatDate(course.review.requestedAt)}
                          </time>
                        </>
                      ) : null}
                    </p>
                    {course.review.comment ? (
                      <div className="review-item__earlier">
                        <p className="muted">Asked last time:</p>
                        <blockquote className="review-note__comment">{course.review.comment}</blockquote>
                      </div>
                    ) : null}
                  </div>
                  <Form method="post" className="form-stack form-stack--tight review-item__form">
                    <input type="hidden" name="courseId" value={course.id} />
                    <input type="hidden" name="title" value={course.title} />
                    {failed ? (
                      <Alert tone="error" title="That didn’t work">
                        <p>{failed.error}</p>
                      </Alert>
                    ) : null}
                    <FormField
                      id={`comment-${course.id}`}
                      label="Comment for the author"
                      hint={
                        mayApprove ? 'Required to ask for changes; optional when you approve.' : undefined
                      }
                      optional={false}
                    >
                      {(control) => (
                        <textarea
                          {...control}
                          name="comment"
                          rows={3}
                          className="input textarea"
                          maxLength={COURSE_LIMITS.reviewComment}
                          defaultValue={failed?.comment ?? ''}
                        />
                      )}
                    </FormField>
                    <div className="actions">
                      {mayApprove ? (
                        <SubmitButton
                          name="intent"
                          value="approve"
                          pendingLabel="Publishing…"
                          pendingWhen={{ intent: 'approve', courseId: course.id }}
                        >
                          Approve and publish
                        </SubmitButton>
                      ) : null}
                      <SubmitButton
                        name="intent"
                        value="changes"
                        tone="secondary"
                        pendingLabel="Sending…"
                        pendingWhen={{ intent: 'changes', courseId: course.id }}
                      >
                        Request changes
                      </SubmitButton>
                    </div>
                  </Form>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <CursorPager
        label="Pages of the review queue"
        firstHref={cursor ? '/review' : null}
        nextHref={queue.nextCursor ? `/review?cursor=${encodeURIComponent(queue.nextCursor)}` : null}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
