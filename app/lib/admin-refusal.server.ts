/**
 * How every admin page answers a procedure's refusal: a visitor is sent to sign in, a
 * signed-in person without the admin role gets the 403 page (AdminErrorBoundary), and
 * anything else is a real failure.
 */
import { callerFailure, redirectToSignIn } from './forms.server';

export function throwAdminRefusal(request: Request, error: unknown): never {
  const failure = callerFailure(error);
  if (failure?.code === 'UNAUTHORIZED') throw redirectToSignIn(request);
  if (failure?.code === 'FORBIDDEN') throw new Response(failure.message, { status: 403 });
  throw error;
}
