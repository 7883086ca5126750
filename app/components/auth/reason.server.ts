/**
 * What the sign-in and sign-up pages need to say why someone was sent there: the reason
 * from the URL (a fixed list) and, for a course page or lesson, the course's title.
 * Server-only: loaders call it; the title comes through the public `course.get`.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { callerFailure } from '~/lib/forms.server';
import { courseIdOf, safeRedirect, signInReason, type SignInReason } from '~/lib/safe-redirect';

export interface AuthPurpose {
  redirectTo: string;
  reason: SignInReason | null;
  /** The title of the course `redirectTo` belongs to, when there is a reason and it is visible. */
  courseTitle: string | null;
}

export async function authPurpose(
  request: Request,
  context: LoaderFunctionArgs['context'],
): Promise<AuthPurpose> {
  const params = new URL(request.url).searchParams;
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const reason = signInReason(params.get('reason'));
  const courseId = reason ? courseIdOf(redirectTo) : null;
  if (!courseId) return { redirectTo, reason, courseTitle: null };
  try {
    const course = await context.trpc.course.get({ courseId });
    return { redirectTo, reason, courseTitle: course.title };
  } catch (error) {
    // A draft, a deleted course or a made-up id: the page still explains, without a name.
    if (!callerFailure(error)) throw error;
    return { redirectTo, reason, courseTitle: null };
  }
}
