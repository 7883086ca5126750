import type { ReviewStatus } from '../../../shared/fields/limits';

/**
 * Where a course is, as its author reads it (decision 0040): published, a draft, waiting
 * for review, or sent back with changes to make. An approved course is published.
 */
export function CourseStatusBadge({
  isPublished,
  reviewStatus,
}: {
  isPublished: boolean;
  reviewStatus: ReviewStatus | null;
}) {
  if (isPublished) return <span className="badge">Published</span>;
  if (reviewStatus === 'in_review') return <span className="badge badge--review">In review</span>;
  if (reviewStatus === 'changes_requested')
    return <span className="badge badge--danger">Changes requested</span>;
  return <span className="badge badge--draft">Draft</span>;
}
