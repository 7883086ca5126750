import { Link } from '@remix-run/react';

/** What a signed-in person without the admin role sees at /admin (the response is a 403). */
export function NoAccess() {
  return (
    <section className="notice container" aria-labelledby="notice-title">
      <div className="notice__card">
        <p className="notice__status">Error 403</p>
        <h1 id="notice-title">You don’t have access to this page</h1>
        <div className="notice__body">
          <p>
            The admin panel is for administrators of this Aurora. If you need to manage people or roles, ask
            one of your administrators to give you access.
          </p>
        </div>
        <div className="actions">
          <Link to="/" className="button button--primary">
            Go to the home page
          </Link>
          <Link to="/my-learning" className="button button--secondary">
            My learning
          </Link>
        </div>
      </div>
    </section>
  );
}
