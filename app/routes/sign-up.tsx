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
import { ReasonNotice } from '~/components/auth/ReasonNotice';
import { authPurpose } from '~/components/auth/reason.server';
import { ErrorSummary } from '~/components/forms/ErrorSummary';
import { TextField } from '~/components/forms/FormField';
import { NewPasswordField } from '~/components/forms/PasswordField';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { firstInvalid, summaryItems } from '~/lib/form-state';
import { PEOPLE_LIMITS } from '../../shared/fields/limits';
import { emailSchema, newPasswordSchema, personNameSchema } from '../../shared/fields/people';
import { callerFailure, filledIn, textFields, validate, readForm } from '~/lib/forms.server';
import { safeRedirect, signInReason, withRedirectTo } from '~/lib/safe-redirect';

export const meta: MetaFunction = () => [
  { title: 'Create your account · Aurora' },
  { name: 'description', content: 'Create a free Aurora account and start learning in a minute.' },
];

const FIELDS = ['name', 'email', 'password', 'redirectTo', 'reason'] as const;
const ORDER = ['name', 'email', 'password'] as const;
const IDS = { name: 'sign-up-name', email: 'sign-up-email', password: 'sign-up-password' };

const signUpSchema = z.object({
  name: personNameSchema,
  email: filledIn('Enter your email address.', emailSchema),
  password: filledIn('Choose a password.', newPasswordSchema),
  redirectTo: z.string(),
  reason: z.string(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'));
  if (await context.trpc.auth.me()) throw redirect(redirectTo);
  // Sent here from a locked lesson or an Enroll button: the page says so (`reason`).
  return authPurpose(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = textFields(await readForm(request), FIELDS);
  const kept = {
    name: values.name,
    email: values.email,
    redirectTo: safeRedirect(values.redirectTo),
    reason: signInReason(values.reason),
  };
  const checked = validate(signUpSchema, values);
  if (!checked.ok) return data({ fieldErrors: checked.fieldErrors, formError: undefined, values: kept }, 400);

  try {
    const { name, email, password } = checked.data;
    await context.trpc.auth.register({ name, email, password });
  } catch (error) {
    const failure = callerFailure(error, ORDER);
    if (!failure) throw error;
    // A taken email is about the email field, not the form as a whole.
    const fieldErrors =
      failure.code === 'CONFLICT' ? { ...failure.fieldErrors, email: failure.message } : failure.fieldErrors;
    const hasFieldErrors = Object.keys(fieldErrors).length > 0;
    const status = failure.code === 'CONFLICT' ? 409 : failure.code === 'TOO_MANY_REQUESTS' ? 429 : 400;
    return data(
      { fieldErrors, formError: hasFieldErrors ? undefined : failure.message, values: kept },
      status,
    );
  }
  return redirect(kept.redirectTo);
}

export default function SignUpPage() {
  const { redirectTo, reason: askedWhy, courseTitle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const first = firstInvalid(errors, ORDER);
  const target = result?.values.redirectTo ?? redirectTo;
  const reason = result?.values.reason ?? askedWhy;

  return (
    <AuthLayout
      title="Create your account"
      lead={reason ? undefined : <p>Free for learners, forever. Start your first course in a minute.</p>}
      footer={
        // With a reason, the notice in the card holds the way to sign in.
        reason ? undefined : (
          <p>
            Already have an account? <Link to={withRedirectTo('/sign-in', target)}>Sign in</Link>
          </p>
        )
      }
    >
      <ErrorSummary items={summaryItems(errors, IDS, result?.formError)} focusKey={result} />
      <div className="form-stack">
        {reason ? (
          <ReasonNotice reason={reason} courseTitle={courseTitle} redirectTo={target} page="sign-up" />
        ) : null}
        <Form method="post" noValidate className="form-stack">
          <input type="hidden" name="redirectTo" value={target} />
          {reason ? <input type="hidden" name="reason" value={reason} /> : null}
          <TextField
            id={IDS.name}
            name="name"
            label="Your name"
            hint="How teachers and classmates will see you."
            autoComplete="name"
            maxLength={PEOPLE_LIMITS.name}
            defaultValue={result?.values.name}
            error={errors?.name}
            autoFocus={first === 'name'}
          />
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
          <NewPasswordField
            id={IDS.password}
            name="password"
            label="Password"
            error={errors?.password}
            autoFocus={first === 'password'}
          />
          <SubmitButton pendingLabel="Creating your account…" wide>
            Create account
          </SubmitButton>
        </Form>
      </div>
    </AuthLayout>
  );
}
