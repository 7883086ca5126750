import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { ConfirmPanel } from '~/components/forms/ConfirmPanel';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { AttachmentsEditor } from '~/components/teach/AttachmentsEditor';
import { LessonForm, LessonPreview } from '~/components/teach/LessonForm';
import { TeachNoAccess } from '~/components/teach/TeachNoAccess';
import { VideoEditor } from '~/components/teach/VideoEditor';
import { Form } from '@remix-run/react';
import { refusal } from '~/lib/course-errors.server';
import appStylesUrl from '~/styles/app.css?url';
import coursesStylesUrl from '~/styles/courses.css?url';
import teachStylesUrl from '~/styles/teach.css?url';
import { lessonEditorAction } from './actions.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: teachStylesUrl },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: error ? 'No access · Aurora' : `Edit ${data?.lesson.title ?? 'lesson'} · Teach · Aurora` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? '';
  try {
    const lesson = await context.trpc.lesson.get({ lessonId: params.lessonId ?? '' });
    if (!lesson.canEdit)
      throw new Response('Only the course’s instructor and administrators edit it.', { status: 403 });
    if (lesson.courseId !== courseId)
      throw redirect(`/teach/courses/${lesson.courseId}/lessons/${lesson.id}`);
    const histories = await Promise.all(
      lesson.attachments.map((file) =>
        context.trpc.lesson.attachmentHistory({ lessonId: lesson.id, attachmentId: file.id }),
      ),
    );
    // Each upload form gets a fresh one-time key per render: a resent submission of the
    // same form is recognised and stores nothing twice, and after a success the page
    // renders new keys (which also gives React new forms, so the pickers are empty).
    const attachments = lesson.attachments.map((file, index) => ({
      ...file,
      history: histories[index]?.items ?? [],
      uploadKey: crypto.randomUUID(),
    }));
    return { lesson, attachments, uploadKey: crypto.randomUUID() };
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusal(request, error);
  }
}

export function action({ request, params, context }: ActionFunctionArgs) {
  return lessonEditorAction({
    request,
    context,
    courseId: params.courseId ?? '',
    lessonId: params.lessonId ?? '',
  });
}

export default function LessonEditorPage() {
  const { lesson, attachments, uploadKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const here = `/teach/courses/${lesson.courseId}/lessons/${lesson.id}`;
  const formResult = result && 'values' in result ? result : undefined;

  return (
    <div className="teach container">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/teach">My courses</Link>
          </li>
          <li>
            <Link to={`/teach/courses/${lesson.courseId}`}>{lesson.course.title}</Link>
          </li>
          <li aria-current="page">{lesson.title}</li>
        </ol>
      </nav>
      <header className="page-header teach__header">
        <div>
          <p className="eyebrow">Lesson editor</p>
          <h1>{lesson.title}</h1>
        </div>
        <div className="actions">
          <Link to={`/courses/${lesson.courseId}/lessons/${lesson.id}`} className="button button--secondary">
            View as a learner
          </Link>
        </div>
      </header>

      {result && 'confirmDelete' in result ? (
        <ConfirmPanel
          title={`Delete the lesson “${lesson.title}”?`}
          fields={{ intent: 'delete' }}
          confirmLabel="Delete lesson"
          pendingLabel="Deleting…"
          cancelTo={here}
        >
          <p>Its notes and files are removed, and learners’ progress on it. This can’t be undone.</p>
        </ConfirmPanel>
      ) : null}

      <div className="editor-layout">
        <div className="editor-main">
          <section className="editor-card" aria-labelledby="lesson-form-title">
            <div className="editor-card__head">
              <h2 id="lesson-form-title">Content</h2>
            </div>
            <LessonForm
              key={formResult ? JSON.stringify(formResult.values) : lesson.id + lesson.contentHtml}
              values={
                formResult?.values ?? {
                  title: lesson.title,
                  description: lesson.description,
                  content: lesson.contentHtml,
                  isPreview: lesson.isPreview,
                }
              }
              fieldErrors={formResult?.fieldErrors}
              formError={formResult?.error}
              attempt={formResult?.intent === 'save' ? formResult : undefined}
              submitLabel="Save lesson"
            />
          </section>
          {formResult?.previewHtml !== undefined && formResult.intent === 'preview' ? (
            <LessonPreview html={formResult.previewHtml} stylesheets={[appStylesUrl, coursesStylesUrl]} />
          ) : null}
        </div>
        <div className="editor-side">
          <section className="editor-card" id="video" aria-labelledby="video-title">
            <div className="editor-card__head">
              <h2 id="video-title">Video</h2>
            </div>
            <VideoEditor
              video={lesson.video}
              here={here}
              form={result && 'videoValues' in result ? result : undefined}
              currentCheck={result && 'currentCheck' in result ? result.currentCheck : undefined}
              currentCheckError={
                result && 'currentCheckError' in result ? result.currentCheckError : undefined
              }
              confirmRemove={Boolean(result && 'confirmRemoveVideo' in result)}
            />
          </section>
          <section className="editor-card" aria-labelledby="files-title">
            <div className="editor-card__head">
              <h2 id="files-title">Files</h2>
            </div>
            <AttachmentsEditor
              attachments={attachments}
              uploadKey={uploadKey}
              here={here}
              error={result && 'fileError' in result ? result.fileError : undefined}
              confirmRemove={result && 'confirmRemove' in result ? result.confirmRemove : undefined}
            />
          </section>
          <section className="editor-card" aria-labelledby="delete-title">
            <div className="editor-card__head">
              <h2 id="delete-title">Delete this lesson</h2>
            </div>
            <Form method="post" className="form-stack form-stack--tight">
              <p className="muted">Removes its notes, files and learners’ progress on it.</p>
              <div>
                <SubmitButton
                  name="intent"
                  value="delete"
                  tone="danger"
                  pendingLabel="…"
                  pendingWhen={{ intent: 'delete', confirmed: null }}
                >
                  Delete lesson…
                </SubmitButton>
              </div>
            </Form>
          </section>
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) return <TeachNoAccess />;
  return <ErrorPage error={error} />;
}
