import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

/** A friendly stand-in for a page whose feature is still being built; no link in Aurora dead-ends. */
export function ComingSoon({
  title,
  children,
  offerCatalog = true,
}: {
  title: string;
  children: ReactNode;
  /** The catalog's own placeholder has no use for a link to itself. */
  offerCatalog?: boolean;
}) {
  return (
    <section className="notice container" aria-labelledby="notice-title">
      <div className="notice__card">
        <NoticeArt />
        <p className="eyebrow">Coming soon</p>
        <h1 id="notice-title">{title}</h1>
        <div className="notice__body">{children}</div>
        <div className="actions">
          <Link to="/" className="button button--primary">
            Back to home
          </Link>
          {offerCatalog ? (
            <Link to="/catalog" className="button button--secondary">
              Browse the catalog
            </Link>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function NoticeArt() {
  return (
    <svg
      className="notice__art"
      width="72"
      height="72"
      viewBox="0 0 72 72"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="36" cy="36" r="34" className="notice__art-ring" />
      <path d="M20 46c5-11 10-16 16-16s11 5 16 16" className="notice__art-arc" />
      <path d="M27 46c3-6 6-9 9-9s6 3 9 9" className="notice__art-arc notice__art-arc--soft" />
      <path d="M36 14v6M50 20l-4 4M22 20l4 4" className="notice__art-rays" />
    </svg>
  );
}
