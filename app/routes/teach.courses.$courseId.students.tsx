import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { z } from 'zod';
import { idSchema } from '../../shared/fields/ids';
import { ACCESS_DECISIONS } from '../../shared/fields/limits';
import { ErrorPage } from '~/components/ErrorPage';
import { Alert } from '~/components/forms/Alert';
import { AccessRequestsPanel, StudentsTable } from '~/components/learning/StudentsTable';
import { TeachNoAccess } from '~/components/teach/TeachNoAccess';
import { refusal } from '~/lib/course-errors.server';
import { studentsHref, studentsQueryOf } from '~/lib/enrollment';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, readForm, redirectToSignIn } from '~/lib/forms.server';
import coursesStylesUrl from '~/styles/courses.css?url';
import learningStylesUrl from '~/styles/learning.css?url';
import teachStylesUrl from '~/styles/teach.css?url';
import { CursorPager } from '~/components/CursorPager';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: teachStylesUrl },
  { rel: 'stylesheet', href: learningStylesUrl },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: error ? 'No access · Aurora' : `Students · ${data?.course.title ?? 'Course'} · Teach · Aurora` },
];

const PAGE_SIZE = 25;
const REQUESTS_SHOWN = 50;

const decisionForm = z.object({
  intent: z.literal('decide-access'),
  requestId: idSchema,
  decision: z.enum(ACCESS_DECISIONS),
});

/** Approve or Decline an access request, then back to this page (same sort and page). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const courseId = params.courseId ?? '';
  const form = decisionForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) throw new Response('That form isn’t one this page knows.', { status: 400 });
  const url = new URL(request.url);
  const back = `/teach/courses/${courseId}/students${url.search}`;
  try {
    const { request: decided } = await context.trpc.enrollment.decideAccess({
      requestId: form.data.requestId,
      decision: form.data.decision,
    });
    return redirectWithFlash(request, back, {
      tone: 'success',
      text:
        form.data.decision === 'approve'
          ? `${decided.user.name} is enrolled and can open every lesson now.`
          : `You declined ${decided.user.name}’s request. They can ask again in a week.`,
    });
  } catch (error) {
    const failure = callerFailure(error);
    if (!failure) throw error;
    if (failure.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    return data({ error: failure.message }, failure.code === 'FORBIDDEN' ? 403 : 400);
  }
}

const NO_REQUESTS = { items: [], total: 0, totalCapped: false, nextCursor: null };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? '';
  const query = studentsQueryOf(new URL(request.url));
  try {
    const [course, students, requests] = await Promise.all([
      context.trpc.course.get({ courseId }),
      context.trpc.enrollment.students({
        courseId,
        sort: query.sort,
        order: query.order,
        cursor: query.cursor ?? undefined,
        limit: PAGE_SIZE,
      }),
      // Learners waiting to join a paid course (decision 0020); the oldest first. Answering
      // them is students.view: a team member who only grades sees the roster without them.
      context.trpc.enrollment.accessRequests({ courseId, limit: REQUESTS_SHOWN }).catch((error: unknown) => {
        if (callerFailure(error)?.code === 'FORBIDDEN') return NO_REQUESTS;
        throw error;
      }),
    ]);
    return {
      course: { id: course.id, title: course.title, price: course.price },
      students,
      requests,
      query,
    };
  } catch (error) {
    // A stale or mangled cursor (an old bookmark): start the list again.
    if (query.cursor && callerFailure(error)?.code === 'BAD_REQUEST')
      throw redirect(studentsHref(courseId, { ...query, cursor: null }));
    return refusal(request, error);
  }
}

export default function StudentsPage() {
  const { course, students, requests, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const shown = students.items.length;
  return (
    <div className="teach container students">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/teach">My courses</Link>
          </li>
          <li>
            <Link to={`/teach/courses/${course.id}`}>{course.title}</Link>
          </li>
          <li aria-current="page">Students</li>
        </ol>
      </nav>
      <header className="page-header teach__header">
        <div>
          <p className="eyebrow">Students</p>
          <h1>{course.title}</h1>
          <p className="page-header__lead">Who is enrolled, how far they are, and when they last studied.</p>
        </div>
        {students.total > 0 ? (
          <a
            href={`/teach/courses/${course.id}/students.csv?${new URLSearchParams({ sort: query.sort, order: query.order }).toString()}`}
            className="button button--secondary"
            download
          >
            Download CSV
          </a>
        ) : null}
      </header>

      {result?.error ? (
        <Alert tone="error" title="That didn’t work">
          <p>{result.error}</p>
        </Alert>
      ) : null}
      {requests.total > 0 ? <AccessRequestsPanel requests={requests.items} total={requests.total} /> : null}

      {students.total === 0 ? (
        <div className="empty-panel">
          <h2>No students yet</h2>
          <p>
            {course.price > 0
              ? 'Learners ask for access on the course page; their requests appear here for you to approve.'
              : 'When learners enroll in this course, you’ll see their progress here.'}
          </p>
          <Link to={`/courses/${course.id}`} className="button button--secondary">
            View the course page
          </Link>
        </div>
      ) : (
        <div className="panel">
          <p className="panel__count" role="status">
            {students.total} {students.total === 1 ? 'student' : 'students'}
            {shown < students.total ? ` · showing ${shown}` : ''}
          </p>
          <StudentsTable courseId={course.id} students={students.items} query={query} />
        </div>
      )}

      <CursorPager
        label="Pages of students"
        firstHref={query.cursor ? studentsHref(course.id, { ...query, cursor: null }) : null}
        nextHref={
          students.nextCursor ? studentsHref(course.id, { ...query, cursor: students.nextCursor }) : null
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) return <TeachNoAccess />;
  return <ErrorPage error={error} />;
}
