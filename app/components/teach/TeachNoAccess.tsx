import { Link } from '@remix-run/react';

/** What a signed-in person who may not teach (or may not edit this course) sees: a 403. */
export function TeachNoAccess({ message }: { message?: string }) {
  return (
    <section className="notice container" aria-labelledby="notice-title">
      <div className="notice__card">
        <p className="notice__status">Error 403</p>
        <h1 id="notice-title">You can’t edit this</h1>
        <div className="notice__body">
          <p>
            {message ||
              'The teaching studio is for instructors, and each course for its own instructor and administrators.'}{' '}
            If you should be teaching here, ask an administrator for the instructor role.
          </p>
        </div>
        <div className="actions">
          <Link to="/catalog" className="button button--primary">
            Browse the catalog
          </Link>
          <Link to="/" className="button button--secondary">
            Go to the home page
          </Link>
        </div>
      </div>
    </section>
  );
}

export function teachTitle(error: unknown, title: string): string {
  return error ? 'No access · Aurora' : `${title} · Teach · Aurora`;
}
