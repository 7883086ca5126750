import { isRouteErrorResponse, Link } from '@remix-run/react';
import { NotFound } from './NotFound';

const MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: 'That request didn’t look right', text: 'Please check what you entered and try again.' },
  401: { title: 'Please sign in', text: 'You need to be signed in to see this page.' },
  403: { title: 'This page isn’t open to you', text: 'Your account doesn’t have access to it.' },
  405: { title: 'That can’t be done here', text: 'Try going back and using the page’s own buttons.' },
  429: { title: 'Slow down a little', text: 'Too many requests in a short time. Please wait a moment.' },
  503: {
    title: 'Aurora is taking a breather',
    text: 'We can’t reach our data right now. Please try again soon.',
  },
};

const UNEXPECTED = {
  title: 'Something went wrong on our side',
  text: 'It’s not you, it’s us. Please try again in a moment; if it keeps happening, tell your administrator.',
};

/** What a person sees when a page fails. Stack traces only in development, never in production. */
export function ErrorPage({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return <NotFound />;
  const message = MESSAGES[status] ?? UNEXPECTED;
  // A refusal thrown as `new Response(text, { status })` says in its own words what went wrong.
  const said =
    isRouteErrorResponse(error) && status < 500 && typeof error.data === 'string' ? error.data.trim() : '';
  const detail = import.meta.env.DEV && error instanceof Error ? (error.stack ?? error.message) : null;

  return (
    <section className="notice container" aria-labelledby="notice-title">
      <div className="notice__card">
        <p className="notice__status">Error {status}</p>
        <h1 id="notice-title">{message.title}</h1>
        <div className="notice__body">
          <p>{said || message.text}</p>
        </div>
        {detail ? <pre className="notice__detail">{detail}</pre> : null}
        <div className="actions">
          <Link to="/" className="button button--primary" reloadDocument>
            Go to the home page
          </Link>
        </div>
      </div>
    </section>
  );
}
