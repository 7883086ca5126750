import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Avatar } from '~/components/Avatar';
import { CourseThumb } from '~/components/courses/CourseThumb';
import { Outline } from '~/components/courses/Outline';
import { Alert } from '~/components/forms/Alert';
import { refusal } from '~/lib/course-errors.server';
import { DIFFICULTY_LABEL, formatHours, formatPrice } from '~/lib/courses';
import { formatDate } from '~/lib/format';
import coursesStylesUrl from '~/styles/courses.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: coursesStylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · Aurora` : 'Course · Aurora' },
  ...(data ? [{ name: 'description', content: data.course.description.slice(0, 160) }] : []),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const course = await context.trpc.course.get({ courseId: params.courseId ?? '' });
    return { course };
  } catch (error) {
    return refusal(request, error);
  }
}

export default function CoursePage() {
  const { course } = useLoaderData<typeof loader>();
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
              <p className="enroll-card__price">{formatPrice(course.price)}</p>
              <button type="button" className="button button--primary button--wide" disabled>
                Enroll — coming soon
              </button>
              {firstPreview ? (
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
          <Outline courseId={course.id} lessons={course.lessons} openAll={course.canEdit} />
        </section>
      </div>
    </div>
  );
}
