import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { Avatar } from '~/components/Avatar';
import { CourseThumb } from '~/components/courses/CourseThumb';
import { Outline } from '~/components/courses/Outline';
import { Alert } from '~/components/forms/Alert';
import { ConfirmPanel } from '~/components/forms/ConfirmPanel';
import { EnrollPanel, type EnrollState } from '~/components/learning/EnrollPanel';
import { refusal } from '~/lib/course-errors.server';
import { DIFFICULTY_LABEL, formatHours } from '~/lib/courses';
import { nextLessonOf } from '~/lib/enrollment';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { callerFailure, redirectToSignIn, readForm } from '~/lib/forms.server';
import coursesStylesUrl from '~/styles/courses.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: coursesStylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · Aurora` : 'Course · Aurora' },
  ...(data ? [{ name: 'description', content: data.course.description.slice(0, 160) }] : []),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? '';
  try {
    const [course, viewer] = await Promise.all([
      context.trpc.course.get({ courseId }),
      context.trpc.auth.me(),
    ]);
    const enrollment = viewer ? await context.trpc.enrollment.get({ courseId }) : null;
    return { course, signedIn: Boolean(viewer), enrollment };
  } catch (error) {
    return refusal(request, error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const courseId = params.courseId ?? '';
  const form = await readForm(request);
  const intent = form.get('intent');
  const here = `/courses/${courseId}`;
  try {
    if (intent === 'enroll') {
      await context.trpc.enrollment.enroll({ courseId });
      return redirectWithFlash(request, here, {
        tone: 'success',
        text: 'You’re enrolled. Every lesson is open to you now.',
      });
    }
    if (intent === 'leave') {
      if (form.get('confirmed') !== 'yes') return data({ confirmLeave: true, error: null });
      await context.trpc.enrollment.unenroll({ courseId });
      return redirectWithFlash(request, here, { tone: 'success', text: 'You left the course.' });
    }
  } catch (error) {
    const failure = callerFailure(error);
    if (!failure) throw error;
    if (failure.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    return data({ confirmLeave: false, error: failure.message }, failure.code === 'FORBIDDEN' ? 403 : 400);
  }
  throw new Response('That form isn’t one this page knows.', { status: 400 });
}

export default function CoursePage() {
  const { course, signedIn, enrollment } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const next = enrollment ? nextLessonOf(course.lessons, enrollment) : null;
  const state: EnrollState = enrollment
    ? {
        kind: 'enrolled',
        progress: enrollment.progress,
        completedCount: course.lessons.filter((lesson) => enrollment.completedLessons.includes(lesson.id))
          .length,
        continueLessonId: next?.lessonId ?? null,
        finished: next?.finished ?? false,
      }
    : { kind: signedIn ? 'signed-in' : 'visitor' };
  const firstPreview = course.lessons.find((lesson) => lesson.isPreview);
  const lessons = `${course.lessonCount} ${course.lessonCount === 1 ? 'lesson' : 'lessons'}`;

  return (
    <div className="course-page">
      <section className="course-hero" aria-labelledby="course-title">
        <div className="container course-hero__inner">
          <div className="course-hero__text">
            <nav aria-label="Breadcrumb" className="breadcrumb">
              <ol>
                <li>
                  <Link to="/catalog">Catalog</Link>
                </li>
                {course.category ? (
                  <li>
                    <Link to={`/catalog?${new URLSearchParams({ category: course.category }).toString()}`}>
                      {course.category}
                    </Link>
                  </li>
                ) : null}
              </ol>
            </nav>
            <h1 id="course-title">{course.title}</h1>
            <p className="course-hero__lead">{course.description}</p>
            <p className="course-hero__badges">
              <span className={`difficulty difficulty--${course.difficulty}`}>
                {DIFFICULTY_LABEL[course.difficulty]}
              </span>
              <span className="chip">{formatHours(course.duration)}</span>
              <span className="chip">{lessons}</span>
              {course.tags.map((tag) => (
                <Link
                  key={tag}
                  className="chip chip--tag"
                  to={`/catalog?${new URLSearchParams({ tag }).toString()}`}
                >
                  #{tag}
                </Link>
              ))}
            </p>
            <p className="course-hero__instructor">
              <Avatar name={course.instructor.name} url={course.instructor.avatarUrl} size="lg" />
              <span>
                <span className="course-hero__by">Taught by</span>
                <strong>{course.instructor.name}</strong>
              </span>
            </p>
          </div>
          <aside className="enroll-card" aria-label="Enroll">
            <CourseThumb
              title={course.title}
              category={course.category}
              thumbnailUrl={course.thumbnailUrl}
              size="hero"
            />
            <div className="enroll-card__body">
              <EnrollPanel course={course} state={state} />
              {firstPreview && !enrollment ? (
                <Link
                  to={`/courses/${course.id}/lessons/${firstPreview.id}`}
                  className="button button--secondary button--wide"
                >
                  Watch a free preview
                </Link>
              ) : null}
              <p className="enroll-card__note">Updated {formatDate(course.updatedAt)}</p>
            </div>
          </aside>
        </div>
      </section>

      <div className="container course-page__body">
        {result?.error ? (
          <Alert tone="error" title="That didn’t work">
            <p>{result.error}</p>
          </Alert>
        ) : null}
        {result?.confirmLeave && enrollment ? (
          <ConfirmPanel
            title={`Leave “${course.title}”?`}
            fields={{ intent: 'leave' }}
            confirmLabel="Leave course"
            pendingLabel="Leaving…"
            cancelTo={`/courses/${course.id}`}
          >
            <ul className="consequences">
              <li>You lose access to the lessons that aren’t free previews.</li>
              <li>
                Your progress ({enrollment.progress}%) is deleted: if you enroll again, you start from the
                beginning.
              </li>
            </ul>
          </ConfirmPanel>
        ) : null}
        {!course.isPublished ? (
          <Alert tone="warning" title="This course is a draft">
            <p>Only you and administrators can see it. Publish it from the editor when it’s ready.</p>
          </Alert>
        ) : null}
        {course.canEdit ? (
          <div className="owner-bar">
            <p>You can edit this course.</p>
            <Link to={`/teach/courses/${course.id}`} className="button button--secondary">
              Edit course
            </Link>
          </div>
        ) : null}
        <section className="panel" aria-labelledby="outline-title">
          <div className="panel__head">
            <h2 id="outline-title">Course outline</h2>
            <p className="panel__meta">{lessons}</p>
          </div>
          <Outline
            courseId={course.id}
            lessons={course.lessons}
            openAll={course.canEdit || Boolean(enrollment)}
            completed={enrollment?.completedLessons}
          />
        </section>
      </div>
    </div>
  );
}
