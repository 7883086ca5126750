import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { ErrorPage } from '~/components/ErrorPage';
import { Alert } from '~/components/forms/Alert';
import { ConfirmPanel } from '~/components/forms/ConfirmPanel';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { CourseForm } from '~/components/teach/CourseForm';
import { CourseStatusBadge } from '~/components/teach/CourseStatusBadge';
import { LessonRows } from '~/components/teach/LessonRows';
import { TeachNoAccess } from '~/components/teach/TeachNoAccess';
import { ThumbnailForm } from '~/components/teach/ThumbnailForm';
import { refusal } from '~/lib/course-errors.server';
import { formatDate, isoDate } from '~/lib/format';
import type { CourseReviewState } from '../../../server/services/courses/review';
import coursesStylesUrl from '~/styles/courses.css?url';
import teachStylesUrl from '~/styles/teach.css?url';
import type { loader as rootLoader } from '~/root';
import { courseEditorAction } from './actions.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: teachStylesUrl },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: error ? 'No access · Aurora' : `Edit ${data?.course.title ?? 'course'} · Teach · Aurora` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const courseId = params.courseId ?? '';
    const [course, teamChoices, review] = await Promise.all([
      context.trpc.course.get({ courseId }),
      // Whoever may edit the course may choose its team and see its review: one refusal answers all.
      context.trpc.course.teamChoices({ courseId }),
      context.trpc.course.reviewState({ courseId }),
    ]);
    if (!course.canEdit)
      throw new Response('Only the course’s editors and administrators edit it.', { status: 403 });
    return { course, teamChoices, review };
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusal(request, error);
  }
}

export function action({ request, params, context }: ActionFunctionArgs) {
  return courseEditorAction({ request, context, courseId: params.courseId ?? '' });
}

export default function CourseEditorPage() {
  const { course, teamChoices, review } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const here = `/teach/courses/${course.id}`;
  const saveResult = result?.intent === 'save' && 'fieldErrors' in result ? result : undefined;
  const confirm = result && 'confirm' in result ? result.confirm : undefined;
  const error =
    result && 'error' in result && result.intent !== 'save' && result.intent !== 'thumbnail'
      ? result.error
      : undefined;

  return (
    <div className="teach container">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/teach">My courses</Link>
          </li>
          <li aria-current="page">{course.title}</li>
        </ol>
      </nav>
      <header className="page-header teach__header">
        <div>
          <p className="eyebrow">
            Course editor <CourseStatusBadge isPublished={course.isPublished} reviewStatus={review.status} />
          </p>
          <h1>{course.title}</h1>
        </div>
        <div className="actions">
          <Link to={`/teach/courses/${course.id}/students`} className="button button--secondary">
            Students
          </Link>
          <Link to={`/courses/${course.id}`} className="button button--secondary">
            View as a learner
          </Link>
          <PublishForm published={course.isPublished} review={review} />
        </div>
      </header>
      <ReviewNote published={course.isPublished} review={review} />

      {error ? (
        <Alert tone="error" title="That didn’t work">
          <p>{error}</p>
        </Alert>
      ) : null}
      {confirm?.kind === 'course' ? (
        <ConfirmPanel
          title={`Delete “${course.title}”?`}
          fields={{ intent: 'delete' }}
          confirmLabel="Delete course"
          pendingLabel="Deleting…"
          cancelTo={here}
        >
          <ul className="consequences">
            <li>
              Its {course.lessonCount} {course.lessonCount === 1 ? 'lesson' : 'lessons'} and their files are
              removed.
            </li>
            <li>Everyone enrolled loses access, and their progress in it is removed.</li>
            <li>It disappears from the catalog at once.</li>
          </ul>
          <p>
            <strong>This can’t be undone.</strong> To hide it for a while instead, unpublish it.
          </p>
        </ConfirmPanel>
      ) : null}
      {confirm?.kind === 'lesson' ? (
        <ConfirmPanel
          title={`Delete the lesson “${confirm.title}”?`}
          fields={{ intent: 'delete-lesson', lessonId: confirm.lessonId, title: confirm.title }}
          confirmLabel="Delete lesson"
          pendingLabel="Deleting…"
          cancelTo={here}
        >
          <p>Its notes and files are removed, and learners’ progress on it. This can’t be undone.</p>
        </ConfirmPanel>
      ) : null}

      <div className="editor-layout">
        <div className="editor-main">
          <EditorSection id="details" title="Details">
            <CourseForm
              key={course.updatedAt}
              values={
                saveResult?.values ?? {
                  title: course.title,
                  description: course.description,
                  category: course.category,
                  difficulty: course.difficulty,
                  duration: String(course.duration),
                  price: String(course.price),
                  tags: course.tags.join(', '),
                }
              }
              fieldErrors={saveResult?.fieldErrors}
              formError={saveResult?.error}
              attempt={saveResult}
              submitLabel="Save changes"
              pendingLabel="Saving…"
            />
          </EditorSection>
        </div>
        <div className="editor-side">
          <EditorSection
            id="lessons"
            title="Lessons"
            action={
              <Link to={`${here}/lessons/new`} className="button button--primary button--small">
                Add lesson
              </Link>
            }
          >
            {course.lessons.length > 0 ? (
              <LessonRows courseId={course.id} lessons={course.lessons} />
            ) : (
              <p className="empty-note">
                No lessons yet. Add the first one: a course needs a lesson to be published.
              </p>
            )}
          </EditorSection>
          <EditorSection id="cover" title="Cover picture">
            <ThumbnailForm
              key={course.thumbnailUrl ?? 'none'}
              title={course.title}
              category={course.category}
              thumbnailUrl={course.thumbnailUrl}
              error={result?.intent === 'thumbnail' && 'error' in result ? result.error : undefined}
            />
          </EditorSection>
          <EditorSection id="team" title="Team">
            <TeamForm current={teamChoices.teamId} teams={teamChoices.teams} />
          </EditorSection>
          <EditorSection id="danger" title="Delete this course">
            <Form method="post" className="form-stack form-stack--tight">
              <p className="muted">Removes the course, its lessons and files, and everyone’s enrollments.</p>
              <div>
                <SubmitButton
                  name="intent"
                  value="delete"
                  tone="danger"
                  pendingLabel="…"
                  pendingWhen={{ intent: 'delete', confirmed: null }}
                >
                  Delete course…
                </SubmitButton>
              </div>
            </Form>
          </EditorSection>
        </div>
      </div>
    </div>
  );
}

/**
 * Publish, or — where review applies and the viewer does not approve — Submit for review;
 * nothing while the course waits for its reviewer.
 */
function PublishForm({ published, review }: { published: boolean; review: CourseReviewState }) {
  if (!published && !review.mayPublishDirectly) {
    if (review.status === 'in_review') return null;
    return (
      <Form method="post">
        <SubmitButton
          name="intent"
          value="submit-review"
          pendingLabel="Submitting…"
          pendingWhen={{ intent: 'submit-review' }}
        >
          Submit for review
        </SubmitButton>
      </Form>
    );
  }
  const intent = published ? 'unpublish' : 'publish';
  return (
    <Form method="post">
      <SubmitButton
        name="intent"
        value={intent}
        tone={published ? 'secondary' : 'primary'}
        pendingLabel={published ? 'Unpublishing…' : 'Publishing…'}
        pendingWhen={{ intent }}
      >
        {published ? 'Unpublish' : 'Publish'}
      </SubmitButton>
    </Form>
  );
}

/** Where the course is in review, and why: what the author reads before acting. */
function ReviewNote({ published, review }: { published: boolean; review: CourseReviewState }) {
  const by = review.reviewer ? ` by ${review.reviewer.name}` : '';
  const on = (at: string | null) =>
    at ? (
      <>
        {' '}
        on <time dateTime={isoDate(at)}>{formatDate(at)}</time>
      </>
    ) : null;
  if (published)
    return review.status === 'approved' ? (
      <p className="muted">
        Approved{by}
        {on(review.reviewedAt)} and published.
      </p>
    ) : null;
  if (review.status === 'in_review')
    return (
      <Alert tone="info" title="In review">
        <p>
          Submitted{on(review.requestedAt)}. A reviewer will publish it or ask for changes; you can keep
          editing meanwhile.
        </p>
      </Alert>
    );
  if (review.status === 'changes_requested')
    return (
      <Alert tone="warning" title={`Changes requested${by}`}>
        <p>The reviewer wrote{on(review.reviewedAt)}:</p>
        <blockquote className="review-note__comment">{review.comment}</blockquote>
        <p>Make the changes, then submit it for review again.</p>
      </Alert>
    );
  if (review.required && !review.mayPublishDirectly)
    return (
      <p className="muted">
        Courses here are reviewed before they are published: submit it for review when it’s ready.
      </p>
    );
  return null;
}

function EditorSection({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} className="editor-card" aria-labelledby={`${id}-title`}>
      <div className="editor-card__head">
        <h2 id={`${id}-title`}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) return <TeachNoAccess />;
  return <ErrorPage error={error} />;
}

/**
 * Which team the course belongs to: its members then work on it with the team's
 * permissions. A plain form: the select and a button, no script needed.
 */
function TeamForm({ current, teams }: { current: string | null; teams: { id: string; name: string }[] }) {
  // Who may make teams decides the hint; team.create decides again.
  const managesTeams =
    useRouteLoaderData<typeof rootLoader>('root')?.viewer?.permissions.includes('users.manage') ?? false;
  if (teams.length === 0 && current === null)
    return (
      <p className="muted">
        {managesTeams ? (
          <>
            No team to choose from yet: make one, and add its people, on the{' '}
            <Link to="/admin/teams">Teams page</Link>.
          </>
        ) : (
          <>
            No team to choose from yet: once an administrator adds you to a team, you can share this course
            with it here. <Link to="/admin/teams">Your teams</Link> lists the teams you are in.
          </>
        )}
      </p>
    );
  return (
    <Form method="post" className="form-stack form-stack--tight">
      <div className="field">
        <label htmlFor="course-team">Team</label>
        <select id="course-team" name="teamId" className="input select" defaultValue={current ?? ''}>
          <option value="">No team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
          {current !== null && !teams.some((team) => team.id === current) ? (
            <option value={current}>Its current team</option>
          ) : null}
        </select>
      </div>
      <div>
        <SubmitButton name="intent" value="team" pendingLabel="Saving…" pendingWhen={{ intent: 'team' }}>
          Save team
        </SubmitButton>
      </div>
    </Form>
  );
}
