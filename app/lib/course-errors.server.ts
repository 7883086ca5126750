/** How course and lesson pages turn a procedure's refusal into a page (server-only). */
import { callerFailure, redirectToSignIn } from './forms.server';

/**
 * Throws the page a loader should show for a refused call: sign in for UNAUTHORIZED,
 * 403 and 404 pages with the procedure's own words; anything else is rethrown.
 */
export function refusal(request: Request, error: unknown): never {
  const failure = callerFailure(error);
  if (failure?.code === 'UNAUTHORIZED') throw redirectToSignIn(request);
  if (failure?.code === 'FORBIDDEN') throw new Response(failure.message, { status: 403 });
  if (failure?.code === 'NOT_FOUND' || failure?.code === 'BAD_REQUEST')
    throw new Response(failure.message, { status: 404 });
  throw error;
}
