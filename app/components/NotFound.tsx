import { Link } from '@remix-run/react';

export function NotFound() {
  return (
    <section className="notice container" aria-labelledby="notice-title">
      <div className="notice__card">
        <p className="notice__code" aria-hidden="true">
          404
        </p>
        <h1 id="notice-title">We can’t find that page</h1>
        <div className="notice__body">
          <p>The link may be old, or the page may have moved. Let’s get you back on track.</p>
        </div>
        <div className="actions">
          <Link to="/" className="button button--primary">
            Go to the home page
          </Link>
          <Link to="/catalog" className="button button--secondary">
            Browse the catalog
          </Link>
        </div>
      </div>
    </section>
  );
}
