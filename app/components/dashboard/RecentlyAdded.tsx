import { Link } from '@remix-run/react';
import { CourseThumb } from '~/components/courses/CourseThumb';
import { DIFFICULTY_LABEL, formatPrice, type CourseSummary } from '~/lib/courses';

/** The newest published courses, small, as a nudge towards the catalog. */
export function RecentlyAdded({ courses }: { courses: CourseSummary[] }) {
  if (courses.length === 0) return null;
  return (
    <section className="dashboard__section" aria-labelledby="added-title">
      <div className="dashboard__panel-head">
        <h2 id="added-title">Recently added</h2>
        <Link to="/catalog">Browse the catalog</Link>
      </div>
      <ul className="dashboard-added">
        {courses.map((course) => (
          <li key={course.id}>
            <article className="dashboard-added__card" aria-labelledby={`added-${course.id}`}>
              <CourseThumb
                title={course.title}
                category={course.category}
                thumbnailUrl={course.thumbnailUrl}
              />
              <div className="dashboard-added__body">
                <h3 id={`added-${course.id}`} className="dashboard-added__title">
                  <Link to={`/courses/${course.id}`} className="dashboard-added__link">
                    {course.title}
                  </Link>
                </h3>
                <p className="muted small">
                  {course.instructor.name} · {DIFFICULTY_LABEL[course.difficulty]} · {course.lessonCount}{' '}
                  {course.lessonCount === 1 ? 'lesson' : 'lessons'} · {formatPrice(course.price)}
                </p>
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
