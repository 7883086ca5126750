/**
 * Every course on Aurora for admins: drafts and published, any instructor, searchable
 * and filtered by status, with the way into each course's editor and an "Unpublish"
 * that asks first (the act is recorded in the security log by `course.unpublish`).
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { unpublishReasonSchema } from '../../../shared/fields/course';
import { idSchema } from '../../../shared/fields/ids';
import { AdminNav } from '~/components/admin/AdminNav';
import { CourseFilters } from '~/components/admin/CourseFilters';
import { CoursesTable } from '~/components/admin/CoursesTable';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { UnpublishConfirm } from '~/components/admin/UnpublishConfirm';
import { CursorPager } from '~/components/CursorPager';
import { Alert } from '~/components/forms/Alert';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, readForm } from '~/lib/forms.server';
import adminStylesUrl from '~/styles/admin.css?url';
import { coursesHref, coursesQueryOf } from './query';
import { countOf, type ListTotal } from '~/lib/list-total';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: adminStylesUrl }];

export const meta: MetaFunction = ({ error }) => [{ title: adminPageTitle(error, 'Courses') }];

const PAGE_SIZE = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = coursesQueryOf(new URL(request.url));
  try {
    const courses = await context.trpc.course.listAll({
      search: query.q || undefined,
      status: query.status ?? undefined,
      cursor: query.cursor ?? undefined,
      limit: PAGE_SIZE,
    });
    return { courses, query };
  } catch (error) {
    // A stale or mangled cursor (an old bookmark): start the list again.
    if (callerFailure(error)?.code === 'BAD_REQUEST' && query.cursor)
      throw redirect(coursesHref({ ...query, cursor: null }));
    return throwAdminRefusal(request, error);
  }
}

const unpublishForm = z.object({
  courseId: idSchema,
  // Title and instructor are only for the sentences on screen; the id decides which course changes.
  title: z
    .string()
    .max(200)
    .transform((title) => title.trim() || 'this course'),
  instructor: z
    .string()
    .max(200)
    .transform((name) => name.trim() || 'Its instructor'),
  reason: unpublishReasonSchema.optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const backToList = coursesHref(coursesQueryOf(new URL(request.url)));
  if (form.get('intent') !== 'unpublish')
    throw new Response('That form isn’t one this page knows.', { status: 400 });
  const parsed = unpublishForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new Response('The unpublish request was incomplete.', { status: 400 });
  const { courseId, title, instructor, reason } = parsed.data;
  try {
    if (form.get('confirmed') !== 'yes')
      return data({ confirm: { courseId, title, instructor }, error: null });
    await context.trpc.course.unpublish({ courseId, reason: reason || undefined });
    return redirectWithFlash(request, backToList, {
      tone: 'success',
      text: `“${title.slice(0, 200)}” is unpublished.`,
    });
  } catch (error) {
    const failure = callerFailure(error);
    if (failure && failure.code !== 'UNAUTHORIZED' && failure.code !== 'FORBIDDEN')
      return data({ confirm: null, error: failure.message }, failure.code === 'NOT_FOUND' ? 404 : 400);
    return throwAdminRefusal(request, error);
  }
}

export default function AdminCoursesPage() {
  const { courses, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const filtered = Boolean(query.q || query.status);
  const here = coursesHref(query);

  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">Admin</p>
        <h1>Courses</h1>
        <p className="page-header__lead">
          Every course on Aurora, drafts included, whoever teaches it. Open any course’s editor, or take a
          course out of the catalog.
        </p>
      </header>
      <AdminNav />

      <CourseFilters key={here} q={query.q} status={query.status} />

      {result?.error ? (
        <Alert tone="error" title="That didn’t work">
          <p>{result.error}</p>
        </Alert>
      ) : null}

      <div className="people-panel">
        <p className="people-panel__count" role="status">
          {countSentence(courses, courses.items.length, query.q, filtered)}
        </p>
        {courses.items.length > 0 ? (
          <CoursesTable
            courses={courses.items}
            pending={
              result?.confirm
                ? {
                    courseId: result.confirm.courseId,
                    panel: <UnpublishConfirm pending={result.confirm} cancelTo={here} />,
                  }
                : null
            }
          />
        ) : (
          <div className="empty-state">
            <p>No course matches{query.q ? ` “${query.q}”` : ' this filter'}.</p>
            {filtered ? (
              <Link to="/admin/courses" className="button button--secondary">
                Show all courses
              </Link>
            ) : null}
          </div>
        )}
      </div>

      <CursorPager
        label="Pages of courses"
        firstHref={query.cursor ? coursesHref({ ...query, cursor: null }) : null}
        nextHref={courses.nextCursor ? coursesHref({ ...query, cursor: courses.nextCursor }) : null}
      />
    </div>
  );
}

function countSentence(list: ListTotal, shown: number, q: string, filtered: boolean): string {
  const courses = countOf(list, 'course', 'courses');
  const sentence = !filtered
    ? `${courses} on Aurora`
    : q
      ? `${courses} matching “${q}”`
      : `${courses} with this status`;
  return shown < list.total ? `${sentence} · showing ${shown}` : sentence;
}

export const ErrorBoundary = AdminErrorBoundary;
