/**
 * The error boundary and page title every admin page shares: a 403 (a signed-in person
 * without the admin role) shows NoAccess; anything else the ordinary error page.
 */
import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { NoAccess } from './NoAccess';

const isForbidden = (error: unknown) => isRouteErrorResponse(error) && error.status === 403;

/** `title` names the page, e.g. "Mail" → "Mail · Admin · Aurora". */
export function adminPageTitle(error: unknown, title: string): string {
  return isForbidden(error) ? 'No access · Aurora' : `${title} · Admin · Aurora`;
}

export function AdminErrorBoundary() {
  const error = useRouteError();
  if (isForbidden(error)) return <NoAccess />;
  return <ErrorPage error={error} />;
}
