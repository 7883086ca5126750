import { Link } from '@remix-run/react';

/**
 * "First page" / "Next page" links for cursor-paged lists. Plain links, so paging
 * works without JavaScript; hrefs are null when there is nowhere to go.
 */
export function CursorPager({
  label,
  firstHref,
  nextHref,
}: {
  label: string;
  /** Set when the current page is not the first. */
  firstHref: string | null;
  nextHref: string | null;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav className="pager" aria-label={label}>
      {firstHref ? (
        <Link to={firstHref} className="button button--quiet">
          First page
        </Link>
      ) : null}
      {nextHref ? (
        <Link to={nextHref} className="button button--secondary">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
