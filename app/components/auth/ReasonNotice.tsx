import { Link } from '@remix-run/react';
import { Alert } from '~/components/forms/Alert';
import { withRedirectTo, type SignInReason } from '~/lib/safe-redirect';

/** The words for each reason, on the sign-in page and on the sign-up page. */
export function reasonTitle(reason: SignInReason, courseTitle: string | null, page: 'sign-in' | 'sign-up') {
  const course = courseTitle ? `“${courseTitle}”` : 'this course';
  if (reason === 'enroll')
    return page === 'sign-in' ? `Sign in to enroll in ${course}` : `Create an account to enroll in ${course}`;
  return 'This lesson is for enrolled learners: sign in or create an account';
}

/**
 * Why this page opened instead of the one asked for. On the sign-in page the other way
 * in (a new account) is a button of its own ({@link NewAccountButton}); on the sign-up
 * page someone returning is pointed to sign in. Both keep the way back and the reason.
 */
export function ReasonNotice({
  reason,
  courseTitle,
  redirectTo,
  page,
}: {
  reason: SignInReason;
  courseTitle: string | null;
  redirectTo: string;
  page: 'sign-in' | 'sign-up';
}) {
  const back = reason === 'enroll' ? 'the course' : 'the lesson';
  return (
    <Alert tone="info" title={reasonTitle(reason, courseTitle, page)}>
      <p>
        {reason === 'lesson' && courseTitle ? `It is part of “${courseTitle}”. ` : null}
        {page === 'sign-in' ? (
          `New here? An account is free, and either way you come straight back to ${back}.`
        ) : (
          <>
            It is free, and you come straight back to {back}. Have an account?{' '}
            <Link to={withRedirectTo('/sign-in', redirectTo, reason)}>Sign in</Link>
          </>
        )}
      </p>
    </Alert>
  );
}

/** Under the sign-in button, for someone sent here with a reason: the way to a new account. */
export function NewAccountButton({ reason, redirectTo }: { reason: SignInReason; redirectTo: string }) {
  return (
    <Link
      to={withRedirectTo('/sign-up', redirectTo, reason)}
      className="button button--secondary button--wide"
    >
      Create a free account
    </Link>
  );
}
