import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { AuthLayout } from '~/components/auth/AuthLayout';
import { NewAccountButton, ReasonNotice } from '~/components/auth/ReasonNotice';
import { authPurpose } from '~/components/auth/reason.server';
import { ErrorSummary } from '~/components/forms/ErrorSummary';
import { TextField } from '~/components/forms/FormField';
import { PasswordField } from '~/components/forms/PasswordField';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { firstInvalid, summaryItems } from '~/lib/form-state';
import { emailSchema, passwordAttemptSchema } from '../../shared/fields/people';
import { callerFailure, filledIn, textFields, validate, readForm } from '~/lib/forms.server';
import { safeRedirect, signInReason, withRedirectTo } from '~/lib/safe-redirect';

export const meta: MetaFunction = () => [{ title: 'Sign in · Aurora' }];

const FIELDS = ['email', 'password', 'redirectTo', 'reason'] as const;
const IDS = { email: 'sign-in-email', password: 'sign-in-password' };

const signInSchema = z.object({
  email: filledIn('Enter your email address.', emailSchema),
  password: passwordAttemptSchema,
  redirectTo: z.string(),
  reason: z.string(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'));
  // Someone already signed in has nothing to do here; send them on.
  if (await context.trpc.auth.me()) throw redirect(redirectTo);
  // Sent here from a locked lesson or an Enroll button: the page says so (`reason`).
  return authPurpose(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = textFields(await readForm(request), FIELDS);
  // The password is never sent back into the page, even to refill the form.
  const kept = {
    email: values.email,
    redirectTo: safeRedirect(values.redirectTo),
    reason: signInReason(values.reason),
  };
  const checked = validate(signInSchema, values);
  if (!checked.ok) return data({ fieldErrors: checked.fieldErrors, formError: undefined, values: kept }, 400);

  try {
    await context.trpc.auth.login({ email: checked.data.email, password: checked.data.password });
  } catch (error) {
    const failure = callerFailure(error, ['email', 'password']);
    if (!failure) throw error;
    const status = failure.code === 'TOO_MANY_REQUESTS' ? 429 : failure.code === 'UNAUTHORIZED' ? 401 : 400;
    const fieldErrors = failure.fieldErrors;
    const hasFieldErrors = Object.keys(fieldErrors).length > 0;
    return data(
      { fieldErrors, formError: hasFieldErrors ? undefined : failure.message, values: kept },
      status,
    );
  }
  return redirect(kept.redirectTo);
}

export default function SignInPage() {
  const { redirectTo, reason: askedWhy, courseTitle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const first = firstInvalid(errors, ['email', 'password']);
  const target = result?.values.redirectTo ?? redirectTo;
  const reason = result?.values.reason ?? askedWhy;

  return (
    <AuthLayout
      title={reason ? 'Sign in' : 'Welcome back'}
      lead={reason ? undefined : <p>Sign in to pick up right where you left off.</p>}
      footer={
        // With a reason, the way to a new account is a button in the card.
        reason ? undefined : (
          <p>
            New to Aurora? <Link to={withRedirectTo('/sign-up', target)}>Create a free account</Link>
          </p>
        )
      }
    >
      <ErrorSummary items={summaryItems(errors, IDS, result?.formError)} focusKey={result} />
      <div className="form-stack">
        {reason ? (
          <ReasonNotice reason={reason} courseTitle={courseTitle} redirectTo={target} page="sign-in" />
        ) : null}
        <Form method="post" noValidate className="form-stack">
          <input type="hidden" name="redirectTo" value={target} />
          {reason ? <input type="hidden" name="reason" value={reason} /> : null}
          <TextField
            id={IDS.email}
            name="email"
            type="email"
            label="Email"
            autoComplete="email"
            inputMode="email"
            defaultValue={result?.values.email}
            error={errors?.email}
            autoFocus={first === 'email'}
          />
          <PasswordField
            id={IDS.password}
            name="password"
            label="Password"
            autoComplete="current-password"
            error={errors?.password}
            autoFocus={first === 'password'}
          />
          <p className="auth__aside">
            <Link to="/forgot-password">Forgot password?</Link>
          </p>
          <SubmitButton pendingLabel="Signing in…" wide>
            Sign in
          </SubmitButton>
        </Form>
        {reason ? <NewAccountButton reason={reason} redirectTo={target} /> : null}
      </div>
    </AuthLayout>
  );
}
