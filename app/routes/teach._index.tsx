import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { CourseThumb } from '~/components/courses/CourseThumb';
import { ErrorPage } from '~/components/ErrorPage';
import { CourseStatusBadge } from '~/components/teach/CourseStatusBadge';
import { TeachNoAccess } from '~/components/teach/TeachNoAccess';
import { refusal } from '~/lib/course-errors.server';
import { DIFFICULTY_LABEL, formatPrice } from '~/lib/courses';
import { formatDate, isoDate } from '~/lib/format';
import { callerFailure } from '~/lib/forms.server';
import coursesStylesUrl from '~/styles/courses.css?url';
import teachStylesUrl from '~/styles/teach.css?url';
import { CursorPager } from '~/components/CursorPager';
import { countOf } from '~/lib/list-total';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: teachStylesUrl },
];

export const meta: MetaFunction = ({ error }) => [
  { title: error ? 'No access · Aurora' : 'My courses · Teach · Aurora' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined;
  try {
    const courses = await context.trpc.course.mine({ cursor, limit: 20 });
    return { courses, cursor: cursor ?? null };
  } catch (error) {
    if (cursor && callerFailure(error)?.code === 'BAD_REQUEST') throw redirect('/teach');
    return refusal(request, error);
  }
}

export default function TeachPage() {
  const { courses, cursor } = useLoaderData<typeof loader>();
  return (
    <div className="teach container">
      <header className="page-header teach__header">
        <div>
          <p className="eyebrow">Teach</p>
          <h1>My courses</h1>
          <p className="page-header__lead">Write courses, add lessons and publish when they’re ready.</p>
        </div>
        <Link to="/teach/courses/new" className="button button--primary">
          New course
        </Link>
      </header>

      {courses.items.length === 0 && !cursor ? (
        <div className="empty-panel">
          <h2>Your first course starts here</h2>
          <p>Give it a title and a description; you can add lessons and publish it whenever you like.</p>
          <Link to="/teach/courses/new" className="button button--primary">
            Create a course
          </Link>
        </div>
      ) : (
        <div className="panel">
          <p className="panel__count" role="status">
            {countOf(courses, 'course', 'courses')}
          </p>
          <ul className="my-courses">
            {courses.items.map((course) => (
              <li key={course.id} className="my-course">
                <CourseThumb
                  title={course.title}
                  category={course.category}
                  thumbnailUrl={course.thumbnailUrl}
                  size="small"
                />
                <div className="my-course__text">
                  <p className="my-course__title">
                    <Link to={`/teach/courses/${course.id}`}>{course.title}</Link>
                    <CourseStatusBadge isPublished={course.isPublished} reviewStatus={course.reviewStatus} />
                    {course.lessonsWithVideoIssues > 0 ? (
                      <Link
                        to={`/teach/courses/${course.id}#lessons`}
                        className="badge badge--danger"
                        title="The daily YouTube check found videos students cannot play. Open the course to see which lessons."
                      >
                        {course.lessonsWithVideoIssues}{' '}
                        {course.lessonsWithVideoIssues === 1 ? 'video' : 'videos'} unavailable
                      </Link>
                    ) : null}
                  </p>
                  <p className="my-course__meta">
                    {DIFFICULTY_LABEL[course.difficulty]} · {course.lessonCount}{' '}
                    {course.lessonCount === 1 ? 'lesson' : 'lessons'} · {formatPrice(course.price)} · updated{' '}
                    <time dateTime={isoDate(course.updatedAt)}>{formatDate(course.updatedAt)}</time>
                  </p>
                </div>
                <div className="my-course__actions">
                  <Link
                    to={`/teach/courses/${course.id}`}
                    className="button button--secondary button--small"
                    aria-label={`Edit ${course.title}`}
                  >
                    Edit
                  </Link>
                  <Link
                    to={`/teach/courses/${course.id}/lessons/new`}
                    className="button button--quiet button--small"
                    aria-label={`Add lesson to ${course.title}`}
                  >
                    Add lesson
                  </Link>
                  <Link
                    to={`/courses/${course.id}`}
                    className="button button--quiet button--small"
                    aria-label={`View ${course.title}`}
                  >
                    View
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      <CursorPager
        label="Pages of courses"
        firstHref={cursor ? '/teach' : null}
        nextHref={courses.nextCursor ? `/teach?cursor=${encodeURIComponent(courses.nextCursor)}` : null}
      />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) return <TeachNoAccess />;
  return <ErrorPage error={error} />;
}
