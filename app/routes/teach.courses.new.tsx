import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, Link, useActionData, useRouteError } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { CourseForm, EMPTY_COURSE } from '~/components/teach/CourseForm';
import { TeachNoAccess } from '~/components/teach/TeachNoAccess';
import { COURSE_FIELDS, courseSchema } from '~/lib/course-form.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, redirectToSignIn, textFields, validate, readForm } from '~/lib/forms.server';
import teachStylesUrl from '~/styles/teach.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: teachStylesUrl }];

export const meta: MetaFunction = ({ error }) => [
  { title: error ? 'No access · Aurora' : 'New course · Teach · Aurora' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [viewer, permissions] = await Promise.all([context.trpc.auth.me(), context.trpc.auth.permissions()]);
  if (!viewer) throw redirectToSignIn(request);
  // The page is only a form; course.create decides. This spares others a form they can't use.
  if (!permissions.includes('courses.create'))
    throw new Response('Only instructors can create courses.', { status: 403 });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = textFields(form, COURSE_FIELDS);
  const checked = validate(courseSchema, values);
  if (!checked.ok) return data({ fieldErrors: checked.fieldErrors, formError: undefined, values }, 400);
  try {
    const course = await context.trpc.course.create(checked.data);
    return redirectWithFlash(request, `/teach/courses/${course.id}`, {
      tone: 'success',
      text: `“${course.title.slice(0, 200)}” is created as a draft. Add its first lesson next.`,
    });
  } catch (error) {
    const failure = callerFailure(error, COURSE_FIELDS);
    if (failure?.code === 'UNAUTHORIZED') throw redirectToSignIn(request);
    if (failure?.code === 'FORBIDDEN') throw new Response(failure.message, { status: 403 });
    if (!failure) throw error;
    const hasFieldErrors = Object.keys(failure.fieldErrors).length > 0;
    return data(
      { fieldErrors: failure.fieldErrors, formError: hasFieldErrors ? undefined : failure.message, values },
      400,
    );
  }
}

export default function NewCoursePage() {
  const result = useActionData<typeof action>();
  return (
    <div className="teach teach--narrow container">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/teach">My courses</Link>
          </li>
          <li aria-current="page">New course</li>
        </ol>
      </nav>
      <header className="page-header">
        <p className="eyebrow">Teach</p>
        <h1>New course</h1>
        <p className="page-header__lead">
          Start with the essentials. It stays a draft, visible only to you, until you publish it.
        </p>
      </header>
      <div className="editor-card">
        <CourseForm
          values={result?.values ?? EMPTY_COURSE}
          fieldErrors={result?.fieldErrors}
          formError={result?.formError}
          attempt={result}
          submitLabel="Create course"
          pendingLabel="Creating…"
        />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) return <TeachNoAccess />;
  return <ErrorPage error={error} />;
}
