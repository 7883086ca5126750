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
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useParams,
  useRouteError,
} from '@remix-run/react';
import { AttachmentList } from '~/components/courses/AttachmentList';
import { Outline } from '~/components/courses/Outline';
import { ErrorPage } from '~/components/ErrorPage';
import { Alert } from '~/components/forms/Alert';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { LessonVideo } from '~/components/learning/LessonVideo';
import { ProgressBar } from '~/components/learning/ProgressBar';
import { refusal } from '~/lib/course-errors.server';
import { lessonsDone } from '~/lib/enrollment';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, redirectToSignIn, readForm } from '~/lib/forms.server';
import { withRedirectTo } from '~/lib/safe-redirect';
import coursesStylesUrl from '~/styles/courses.css?url';
import learningStylesUrl from '~/styles/learning.css?url';

// learning.css after courses.css: it lays out the lesson sidebar over the shared outline.
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: learningStylesUrl },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  {
    title: data
      ? `${data.lesson.title} · ${data.lesson.course.title} · Aurora`
      : isRouteErrorResponse(error) && error.status === 403
        ? 'Enroll to open this lesson · Aurora'
        : 'Lesson · Aurora',
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? '';
  // The outline comes with the lesson (lesson.get reads the course's lessons anyway).
  const [lessonResult, enrollmentResult] = await Promise.allSettled([
    context.trpc.lesson.get({ lessonId: params.lessonId ?? '' }),
    // A visitor has no enrollment (UNAUTHORIZED); that is not an error for this page.
    context.trpc.enrollment.get({ courseId }),
  ]);
  if (lessonResult.status === 'rejected') {
    // A visitor opening a members-only lesson is told why on the sign-in page, which
    // offers an account too and brings them back here afterwards.
    if (callerFailure(lessonResult.reason)?.code === 'UNAUTHORIZED') {
      const url = new URL(request.url);
      throw redirect(withRedirectTo('/sign-in', `${url.pathname}${url.search}`, 'lesson'));
    }
    return refusal(request, lessonResult.reason);
  }
  const lesson = lessonResult.value;
  // One address per lesson: a link with another course's id goes to the right one.
  if (lesson.courseId !== courseId) throw redirect(`/courses/${lesson.courseId}/lessons/${lesson.id}`);
  // "Continue where you left off": noted here, once per page view; lesson.get writes nothing.
  await context.pageViews.lesson(lesson.id);
  const outline = lesson.outline;
  const enrollment = enrollmentResult.status === 'fulfilled' ? enrollmentResult.value : null;
  const visitor =
    enrollmentResult.status === 'rejected' && callerFailure(enrollmentResult.reason)?.code === 'UNAUTHORIZED';
  return { lesson, outline, enrollment, visitor, player: await playerOf(context, lesson) };
}

/**
 * Whether the viewer may play the lesson's video, and where they got to. A visitor
 * (UNAUTHORIZED) gets null: the page asks them to sign in.
 */
async function playerOf(context: LoaderFunctionArgs['context'], lesson: { id: string; video: unknown }) {
  if (!lesson.video) return null;
  const [access, progress] = await Promise.allSettled([
    context.trpc.video.validateAccess({ lessonId: lesson.id }),
    context.trpc.lesson.getVideoProgress({ lessonId: lesson.id }),
  ]);
  if (access.status === 'rejected') {
    if (callerFailure(access.reason)?.code === 'UNAUTHORIZED') return { access: null, progress: null };
    throw access.reason;
  }
  return {
    access: access.value,
    progress: access.value.allowed && progress.status === 'fulfilled' ? progress.value : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lessonId = params.lessonId ?? '';
  const form = await readForm(request);
  if (form.get('intent') !== 'complete')
    throw new Response('That form isn’t one this page knows.', { status: 400 });
  try {
    const enrollment = await context.trpc.enrollment.completeLesson({ lessonId });
    const lesson = await context.trpc.lesson.get({ lessonId });
    const course = `/courses/${lesson.courseId}`;
    if (enrollment.progress >= 100)
      return redirectWithFlash(request, `${course}/lessons/${lesson.id}`, {
        tone: 'success',
        text: 'You completed every lesson of this course. Well done!',
      });
    const text = `“${lesson.title}” is complete · ${enrollment.progress}% of the course done.`;
    return redirectWithFlash(request, `${course}/lessons/${lesson.nextLessonId ?? lesson.id}`, {
      tone: 'success',
      text: text.length > 300 ? `Lesson complete · ${enrollment.progress}% done.` : text,
    });
  } catch (error) {
    const failure = callerFailure(error);
    if (!failure) throw error;
    if (failure.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    return data({ error: failure.message }, failure.code === 'FORBIDDEN' ? 403 : 400);
  }
}

export default function LessonPage() {
  const { lesson, outline, enrollment, visitor, player } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = enrollment?.completedLessons.includes(lesson.id) ?? false;
  const doneCount = enrollment
    ? outline.filter((item) => enrollment.completedLessons.includes(item.id)).length
    : 0;
  const courseHref = `/courses/${lesson.courseId}`;
  const position = outline.findIndex((item) => item.id === lesson.id);
  const titleOf = (id: string | null) => outline.find((item) => item.id === id)?.title;

  return (
    <div className="lesson-page container">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/catalog">Catalog</Link>
          </li>
          <li>
            <Link to={courseHref}>{lesson.course.title}</Link>
          </li>
          <li aria-current="page">{lesson.title}</li>
        </ol>
      </nav>

      <div className="lesson-layout">
        <article className="lesson" aria-labelledby="lesson-title">
          <header className="lesson__header">
            <p className="eyebrow">
              {position >= 0 ? `Lesson ${position + 1} of ${outline.length}` : 'Lesson'}
              {/* Only someone not enrolled learns anything from "free preview". */}
              {lesson.isPreview && !enrollment ? (
                <span className="badge lesson__badge">Free preview</span>
              ) : null}
            </p>
            <h1 id="lesson-title">{lesson.title}</h1>
            {lesson.description ? <p className="lesson__lead">{lesson.description}</p> : null}
            {lesson.canEdit ? (
              <p>
                <Link
                  to={`/teach/courses/${lesson.courseId}/lessons/${lesson.id}`}
                  className="button button--secondary button--small"
                >
                  Edit lesson
                </Link>
              </p>
            ) : null}
          </header>

          {lesson.video ? (
            <LessonVideo
              lessonId={lesson.id}
              lessonTitle={lesson.title}
              courseHref={courseHref}
              video={lesson.video}
              access={player?.access ?? null}
              progress={player?.progress ?? null}
            />
          ) : null}

          {lesson.contentHtml ? (
            // contentHtml is sanitized by the server when saved and again when read.
            <div className="prose" dangerouslySetInnerHTML={{ __html: lesson.contentHtml }} />
          ) : (
            <p className="empty-note">This lesson has no written notes.</p>
          )}

          {result?.error ? (
            <Alert tone="error" title="That didn’t work">
              <p>{result.error}</p>
            </Alert>
          ) : null}
          {enrollment ? (
            <div className={`complete-bar${done ? ' complete-bar--done' : ''}`}>
              {done ? (
                <p className="complete-bar__done">
                  Completed{' '}
                  <span className="complete-bar__tick" aria-hidden="true">
                    ✓
                  </span>
                </p>
              ) : (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="complete" />
                  <SubmitButton pendingLabel="Saving…" pendingWhen={{ intent: 'complete' }}>
                    Mark complete
                  </SubmitButton>
                </Form>
              )}
              <p className="complete-bar__note muted small">
                {done
                  ? 'Your progress is saved on every device.'
                  : lesson.nextLessonId
                    ? 'Marks this lesson done and takes you to the next one.'
                    : 'This is the last lesson of the course.'}
              </p>
            </div>
          ) : null}

          {lesson.attachments.length > 0 ? (
            <section className="lesson__files" aria-labelledby="files-title">
              <h2 id="files-title">Course materials</h2>
              <AttachmentList attachments={lesson.attachments} />
            </section>
          ) : null}

          <nav className="lesson-nav" aria-label="Lessons">
            {lesson.prevLessonId ? (
              <Link
                to={`${courseHref}/lessons/${lesson.prevLessonId}`}
                className="lesson-nav__link"
                rel="prev"
              >
                <span className="lesson-nav__dir">← Previous</span>
                <span className="lesson-nav__title">{titleOf(lesson.prevLessonId) ?? 'Previous lesson'}</span>
              </Link>
            ) : (
              <span />
            )}
            {lesson.nextLessonId ? (
              <Link
                to={`${courseHref}/lessons/${lesson.nextLessonId}`}
                className="lesson-nav__link lesson-nav__link--next"
                rel="next"
              >
                <span className="lesson-nav__dir">Next →</span>
                <span className="lesson-nav__title">{titleOf(lesson.nextLessonId) ?? 'Next lesson'}</span>
              </Link>
            ) : (
              <Link to={courseHref} className="lesson-nav__link lesson-nav__link--next">
                <span className="lesson-nav__dir">Done</span>
                <span className="lesson-nav__title">Back to the course</span>
              </Link>
            )}
          </nav>
        </article>

        {outline.length > 0 ? (
          <aside className="lesson-sidebar" aria-labelledby="sidebar-title">
            <h2 id="sidebar-title" className="lesson-sidebar__title">
              <Link to={courseHref}>{lesson.course.title}</Link>
            </h2>
            {enrollment ? (
              <div className="lesson-sidebar__progress">
                <ProgressBar value={enrollment.progress} label="Your progress in this course" />
                <p className="muted small">{lessonsDone(doneCount, outline.length)} complete</p>
              </div>
            ) : null}
            <Outline
              courseId={lesson.courseId}
              lessons={outline}
              openAll={lesson.canEdit || Boolean(enrollment)}
              currentLessonId={lesson.id}
              completed={enrollment?.completedLessons}
            />
            {visitor && outline.some((item) => !item.isPreview) ? (
              <p className="lesson-sidebar__join small">
                Locked lessons are for enrolled learners.{' '}
                <Link to={withRedirectTo('/sign-up', courseHref, 'enroll')}>Create a free account</Link> or{' '}
                <Link to={withRedirectTo('/sign-in', courseHref, 'enroll')}>sign in</Link> to enroll.
              </p>
            ) : null}
          </aside>
        ) : null}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { courseId } = useParams();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="notice container" aria-labelledby="notice-title">
        <div className="notice__card">
          <p className="notice__status">Error 403</p>
          <h1 id="notice-title">Enroll in this course to open this lesson</h1>
          <div className="notice__body">
            <p>
              This lesson is for enrolled learners. The course page shows its outline and any free preview
              lessons you can open now.
            </p>
          </div>
          <div className="actions">
            <Link to={`/courses/${courseId ?? ''}`} className="button button--primary">
              See the course
            </Link>
            <Link to="/catalog" className="button button--secondary">
              Browse the catalog
            </Link>
          </div>
        </div>
      </section>
    );
  }
  return <ErrorPage error={error} />;
}
