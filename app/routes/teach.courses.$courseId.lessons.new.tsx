import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { LessonForm, LessonPreview } from '~/components/teach/LessonForm';
import { TeachNoAccess } from '~/components/teach/TeachNoAccess';
import { refusal } from '~/lib/course-errors.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { redirectToSignIn, callerFailure, readForm } from '~/lib/forms.server';
import { lessonFormAction } from '~/lib/lesson-form.server';
import appStylesUrl from '~/styles/app.css?url';
import coursesStylesUrl from '~/styles/courses.css?url';
import teachStylesUrl from '~/styles/teach.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: teachStylesUrl },
];

export const meta: MetaFunction = ({ error }) => [
  { title: error ? 'No access · Aurora' : 'New lesson · Teach · Aurora' },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const course = await context.trpc.course.get({ courseId: params.courseId ?? '' });
    if (!course.canEdit)
      throw new Response('Only the course’s instructor and administrators edit it.', { status: 403 });
    return { course: { id: course.id, title: course.title, lessonCount: course.lessonCount } };
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusal(request, error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const courseId = params.courseId ?? '';
  const form = await readForm(request);
  try {
    return await lessonFormAction(form, {
      preview: async (content) => (await context.trpc.lesson.previewContent({ content })).html,
      save: async (input) => {
        const lesson = await context.trpc.lesson.create({ courseId, ...input });
        return redirectWithFlash(request, `/teach/courses/${courseId}/lessons/${lesson.id}`, {
          tone: 'success',
          text: `“${lesson.title.slice(0, 200)}” is added. Attach files below, or go back to the course.`,
        });
      },
    });
  } catch (error) {
    const failure = callerFailure(error);
    if (failure?.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    if (failure?.code === 'FORBIDDEN') throw new Response(failure.message, { status: 403 });
    if (failure?.code === 'NOT_FOUND') throw new Response(failure.message, { status: 404 });
    throw error;
  }
}

export default function NewLessonPage() {
  const { course } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="teach teach--narrow container">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/teach">My courses</Link>
          </li>
          <li>
            <Link to={`/teach/courses/${course.id}`}>{course.title}</Link>
          </li>
          <li aria-current="page">New lesson</li>
        </ol>
      </nav>
      <header className="page-header">
        <p className="eyebrow">Lesson {course.lessonCount + 1}</p>
        <h1>New lesson</h1>
        <p className="page-header__lead">Write the notes now; you can attach files once it’s saved.</p>
      </header>
      <section className="editor-card" aria-label="Lesson">
        <LessonForm
          key={result ? JSON.stringify(result.values) : 'new'}
          values={result?.values ?? { title: '', description: '', content: '', isPreview: false }}
          fieldErrors={result?.fieldErrors}
          formError={result?.error}
          attempt={result?.intent === 'save' ? result : undefined}
          submitLabel="Save lesson"
        />
      </section>
      {result?.intent === 'preview' && result.previewHtml !== undefined ? (
        <LessonPreview html={result.previewHtml} stylesheets={[appStylesUrl, coursesStylesUrl]} />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) return <TeachNoAccess />;
  return <ErrorPage error={error} />;
}
