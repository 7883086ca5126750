import { categoryTone } from '~/lib/courses';

/**
 * A course's picture, or a generated cover in its category's colour with the
 * category's initial, so a catalog without uploads still looks deliberate.
 */
export function CourseThumb({
  title,
  category,
  thumbnailUrl,
  size = 'card',
}: {
  title: string;
  category: string;
  thumbnailUrl: string | null;
  size?: 'card' | 'hero' | 'small';
}) {
  if (thumbnailUrl) {
    return (
      <img
        className={`course-thumb course-thumb--${size}`}
        src={thumbnailUrl}
        alt=""
        width={640}
        height={360}
        loading="lazy"
        decoding="async"
      />
    );
  }
  const label = category.trim() || title.trim();
  return (
    <div
      className={`course-thumb course-thumb--${size} course-thumb--generated course-thumb--tone-${categoryTone(label)}`}
      aria-hidden="true"
    >
      <svg className="course-thumb__waves" viewBox="0 0 320 180" preserveAspectRatio="none" focusable="false">
        <path d="M0 120 C 80 80, 160 160, 320 100 L 320 180 L 0 180 Z" />
        <path d="M0 150 C 100 110, 200 180, 320 130 L 320 180 L 0 180 Z" />
      </svg>
      <span className="course-thumb__letter">{(label[0] ?? 'A').toUpperCase()}</span>
      {size !== 'small' && category ? <span className="course-thumb__category">{category}</span> : null}
    </div>
  );
}
