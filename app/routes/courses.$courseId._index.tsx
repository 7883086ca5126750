import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Avatar } from '~/components/Avatar';
import { CourseThumb } from '~/components/courses/CourseThumb';
import { Outline } from '~/components/courses/Outline';
import { Alert } from '~/components/forms/Alert';
import { ConfirmPanel } from '~/components/forms/ConfirmPanel';
import { EnrollPanel, type EnrollState } from '~/components/learning/EnrollPanel';
import { refusal } from '~/lib/course-errors.server';
import { DIFFICULTY_LABEL, formatHours, formatPrice } from '~/lib/courses';
import { nextLessonOf } from '~/lib/enrollment';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { callerFailure, redirectToSignIn, readForm } from '~/lib/forms.server';
import { withRedirectTo } from '~/lib/safe-redirect';
import { shareWithVisitors } from '~/lib/visitor-cache.server';
import coursesStylesUrl from '~/styles/courses.css?url';
import type { TeachingTeam } from '../../server/services/courses/course-team';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: coursesStylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · Aurora` : 'Course · Aurora' },
  ...(data ? [{ name: 'description', content: data.course.description.slice(0, 160) }] : []),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? '';
  try {
    // The enrollment says who is signed in too: a visitor's is refused UNAUTHORIZED
    // before the backend is asked, so the page needs no auth.me of its own.
    const [course, enrollmentResult] = await Promise.all([
      context.trpc.course.get({ courseId }),
      context.trpc.enrollment.get({ courseId }).then(
        (enrollment) => ({ signedIn: true, enrollment }),
        (error: unknown) => {
          if (callerFailure(error)?.code === 'UNAUTHORIZED') return { signedIn: false, enrollment: null };
          throw error;
        },
      ),
    ]);
    const { signedIn, enrollment } = enrollmentResult;
    // The one place a course view is recorded: course.get itself writes nothing.
    await context.pageViews.course(courseId);
    shareWithVisitors(context);
    // A paid course's learners ask its instructor to let them in (decision 0020).
    const accessRequest =
      signedIn && course.price > 0 && !course.canEdit
        ? await context.trpc.enrollment.myAccessRequest({ courseId })
        : null;
    // "Leave course…" asks for this page with ?leave=confirm#leave-course (see the action).
    const confirmLeave = new URL(request.url).searchParams.get('leave') === 'confirm';
    return { course, signedIn, enrollment, accessRequest, confirmLeave };
  } catch (error) {
    return refusal(request, error);
  }
}

/** Where the Leave-course confirmation sits, in the enroll card. */
const LEAVE_CONFIRM_ID = 'leave-course';

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
    if (intent === 'request-access') {
      await context.trpc.enrollment.requestAccess({ courseId });
      return redirectWithFlash(request, here, {
        tone: 'success',
        text: 'Request sent. The instructor will see it on their Students page.',
      });
    }
    if (intent === 'leave') {
      // The confirmation opens beside the button: a GET of this page whose fragment scrolls
      // to it, with or without JavaScript (a fresh page after a POST would start at the top).
      if (form.get('confirmed') !== 'yes') return redirect(`${here}?leave=confirm#${LEAVE_CONFIRM_ID}`);
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
  const { course, signedIn, enrollment, accessRequest, confirmLeave } = useLoaderData<typeof loader>();
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
  const asking = Boolean(enrollment) && (confirmLeave || Boolean(result?.confirmLeave));
  const about = course.about.length > 0 ? course.about : [course.description];

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
            {about.map((paragraph, index) => (
              <p key={index} className="course-hero__lead">
                {paragraph}
              </p>
            ))}
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
          <aside className="enroll-card" id="enroll" aria-label="Enroll">
            <CourseThumb
              title={course.title}
              category={course.category}
              thumbnailUrl={course.thumbnailUrl}
              size="hero"
            />
            <div className="enroll-card__body">
              <EnrollPanel course={course} state={state} accessRequest={accessRequest} />
              {asking && enrollment ? (
                <div id={LEAVE_CONFIRM_ID} className="enroll-card__confirm">
                  <ConfirmPanel
                    title={`Leave “${course.title}”?`}
                    fields={{ intent: 'leave' }}
                    confirmLabel="Leave course"
                    pendingLabel="Leaving…"
                    cancelTo={`/courses/${course.id}`}
                    action={`/courses/${course.id}?index`}
                  >
                    <ul className="consequences">
                      <li>You lose access to the lessons that aren’t free previews.</li>
                      <li>
                        Your progress ({enrollment.progress}%) is deleted: if you enroll again, you start from
                        the beginning.
                      </li>
                    </ul>
                  </ConfirmPanel>
                </div>
              ) : null}
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
        <div className="course-page__main">
          {result?.error ? (
            <Alert tone="error" title="That didn’t work">
              <p>{result.error}</p>
            </Alert>
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
          {course.outcomes.length > 0 ? (
            <section className="panel course-learn" aria-labelledby="learn-title">
              <h2 id="learn-title">What you’ll learn</h2>
              <ul className="course-learn__list">
                {course.outcomes.map((outcome, index) => (
                  <li key={index}>
                    <CheckIcon />
                    <span>{outcome}</span>
                  </li>
                ))}
              </ul>
            </section>
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
        <div className="course-page__side">
          <section className="panel course-instructor" aria-labelledby="instructor-title">
            <h2 id="instructor-title">{course.teachingTeam ? 'Your teaching team' : 'Your instructor'}</h2>
            <div className="course-instructor__who">
              <Avatar name={course.instructor.name} url={course.instructor.avatarUrl} size="lg" />
              <p className="course-instructor__name">{course.instructor.name}</p>
            </div>
            {course.instructor.bio ? <p className="course-instructor__bio">{course.instructor.bio}</p> : null}
            {course.teachingTeam ? (
              <TeachingTeamList team={course.teachingTeam} authorId={course.instructor.id} />
            ) : null}
          </section>
          <section className="panel course-facts" aria-labelledby="facts-title">
            <h2 id="facts-title">This course includes</h2>
            <ul className="course-facts__list">
              <li>{lessons}</li>
              <li>{formatHours(course.duration)} of study</li>
              <li>{DIFFICULTY_LABEL[course.difficulty]} level</li>
              {firstPreview ? (
                <li>
                  {course.lessons.filter((lesson) => lesson.isPreview).length} free{' '}
                  {course.lessons.filter((lesson) => lesson.isPreview).length === 1 ? 'preview' : 'previews'}
                </li>
              ) : null}
              {course.lessons.some((lesson) => lesson.attachmentCount > 0) ? (
                <li>Downloadable files</li>
              ) : null}
            </ul>
          </section>
        </div>
      </div>

      <StickyEnrollBar
        course={course}
        signedIn={signedIn}
        enrolled={Boolean(enrollment)}
        continueLessonId={next?.lessonId ?? null}
        continueLabel={
          state.kind !== 'enrolled'
            ? ''
            : state.finished
              ? 'Review the course'
              : state.completedCount > 0
                ? 'Continue'
                : 'Start the course'
        }
        hidden={asking}
      />
    </div>
  );
}

/**
 * On a phone the enroll card scrolls away with the hero, so the primary action stays in a
 * bar at the bottom of the screen (hidden from 60rem up, where the card sits beside the
 * text). Paid courses point to the card, which says how to get in.
 */
function StickyEnrollBar({
  course,
  signedIn,
  enrolled,
  continueLessonId,
  continueLabel,
  hidden,
}: {
  course: { id: string; title: string; price: number; isPublished: boolean };
  signedIn: boolean;
  enrolled: boolean;
  continueLessonId: string | null;
  /** The enroll card's words for the same link. */
  continueLabel: string;
  hidden: boolean;
}) {
  if (!course.isPublished || hidden || (enrolled && !continueLessonId)) return null;
  const courseHref = `/courses/${course.id}`;
  let action;
  if (enrolled)
    action = (
      <Link to={`${courseHref}/lessons/${continueLessonId ?? ''}`} className="button button--primary">
        {continueLabel}
      </Link>
    );
  else if (!signedIn)
    action = (
      <Link to={withRedirectTo('/sign-in', courseHref, 'enroll')} className="button button--primary">
        Sign in to enroll
      </Link>
    );
  else if (course.price > 0)
    action = (
      <a href="#enroll" className="button button--primary">
        How to join
      </a>
    );
  else
    action = (
      <Form method="post" action={`${courseHref}?index`}>
        <input type="hidden" name="intent" value="enroll" />
        <button type="submit" className="button button--primary">
          Enroll for free
        </button>
      </Form>
    );
  return (
    <div className="enroll-bar" role="region" aria-label="Enroll in this course">
      <p className="enroll-bar__text">
        <span className="enroll-bar__title">{course.title}</span>
        <strong>{enrolled ? 'Enrolled' : formatPrice(course.price)}</strong>
      </p>
      {action}
    </div>
  );
}

function CheckIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      className="icon course-learn__check"
    >
      <path d="M3.5 8.5l3 3 6-7" />
    </svg>
  );
}

const TEAM_ROLE_LABEL: Record<TeachingTeam['members'][number]['role'], string> = {
  lead: 'Team lead',
  member: 'Team member',
};

/** The course's team under its author: the people who teach it with them (issue 15). */
function TeachingTeamList({ team, authorId }: { team: TeachingTeam; authorId: string }) {
  const others = team.members.filter((member) => member.id !== authorId);
  return (
    <div className="course-team">
      {team.name ? <p className="course-team__name">{team.name}</p> : null}
      {others.length > 0 ? (
        <ul className="course-team__members">
          {others.map((member) => (
            <li key={member.id} className="course-team__member">
              <Avatar name={member.name} url={null} size="sm" />
              <span>
                {member.name} <span className="course-team__role">{TEAM_ROLE_LABEL[member.role]}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
