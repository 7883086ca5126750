import { Link } from '@remix-run/react';
import { Avatar } from '../Avatar';
import { CourseThumb } from './CourseThumb';
import type { CourseSummary } from '../../../server/services/courses/summaries';
import { DIFFICULTY_LABEL, formatHours, formatPrice } from '~/lib/courses';

/** The slice of the catalog's course summary that a card shows. */
export type CourseCardData = Pick<
  CourseSummary,
  | 'id'
  | 'title'
  | 'description'
  | 'category'
  | 'difficulty'
  | 'duration'
  | 'price'
  | 'thumbnailUrl'
  | 'lessonCount'
> & { instructor: Pick<CourseSummary['instructor'], 'name' | 'avatarUrl'> };

/** One course in the catalog: the whole card is one link, named by the course title. */
export function CourseCard({ course }: { course: CourseCardData }) {
  const titleId = `course-${course.id}-title`;
  return (
    <article className="course-card" aria-labelledby={titleId}>
      <CourseThumb title={course.title} category={course.category} thumbnailUrl={course.thumbnailUrl} />
      <div className="course-card__body">
        <p className="course-card__meta">
          <span className={`difficulty difficulty--${course.difficulty}`}>
            {DIFFICULTY_LABEL[course.difficulty]}
          </span>
          {course.category ? <span className="course-card__category">{course.category}</span> : null}
        </p>
        <h2 id={titleId} className="course-card__title">
          <Link to={`/courses/${course.id}`} className="course-card__link">
            {course.title}
          </Link>
        </h2>
        <p className="course-card__description">{course.description}</p>
        <p className="course-card__instructor">
          <Avatar name={course.instructor.name} url={course.instructor.avatarUrl} size="sm" />
          <span>{course.instructor.name}</span>
        </p>
        <dl className="course-card__facts">
          <div>
            <dt className="visually-hidden">Length</dt>
            <dd>{formatHours(course.duration)}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Lessons</dt>
            <dd>
              {course.lessonCount} {course.lessonCount === 1 ? 'lesson' : 'lessons'}
            </dd>
          </div>
          <div className="course-card__price">
            <dt className="visually-hidden">Price</dt>
            <dd>{formatPrice(course.price)}</dd>
          </div>
        </dl>
      </div>
    </article>
  );
}
