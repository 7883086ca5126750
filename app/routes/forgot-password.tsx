/**
 * "Forgot password?" (issue 16, decision 0041): the person gives their email address and
 * `auth.requestPasswordReset` mails a one-time link to the set-password page if an
 * account uses it. The page shows the procedure's one answer for every address, so it
 * never tells whether an account exists; a plain form, so it works without JavaScript.
 */
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { AuthLayout } from '~/components/auth/AuthLayout';
import { Alert } from '~/components/forms/Alert';
import { ErrorSummary } from '~/components/forms/ErrorSummary';
import { TextField } from '~/components/forms/FormField';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { summaryItems } from '~/lib/form-state';
import { callerFailure, filledIn, readForm, textFields, validate } from '~/lib/forms.server';
import { emailSchema } from '../../shared/fields/people';

export const meta: MetaFunction = () => [{ title: 'Forgot your password? · Aurora' }];

const FIELDS = ['email'] as const;
const IDS = { email: 'forgot-password-email' };

const formSchema = z.object({ email: filledIn('Enter your email address.', emailSchema) });

export async function action({ request, context }: ActionFunctionArgs) {
  const values = textFields(await readForm(request), FIELDS);
  const checked = validate(formSchema, values);
  if (!checked.ok)
    return data({ sent: null, fieldErrors: checked.fieldErrors, formError: null, email: values.email }, 400);
  try {
    const { message } = await context.trpc.auth.requestPasswordReset(checked.data);
    return data({ sent: message, fieldErrors: { email: undefined }, formError: null, email: '' });
  } catch (error) {
    const failure = callerFailure(error, FIELDS);
    if (!failure) throw error;
    const status = failure.code === 'TOO_MANY_REQUESTS' ? 429 : 400;
    const { email } = failure.fieldErrors;
    return data(
      { sent: null, fieldErrors: { email }, formError: email ? null : failure.message, email: values.email },
      status,
    );
  }
}

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;

  if (result?.sent) {
    return (
      <AuthLayout
        title="Check your email"
        footer={
          <p>
            Remembered it? <Link to="/sign-in">Sign in</Link>
          </p>
        }
      >
        <div className="form-stack">
          <Alert tone="success">
            <p>{result.sent}</p>
          </Alert>
          <p>
            Nothing arrived? <Link to="/forgot-password">Ask again</Link> with the address you sign in with.
          </p>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Forgot your password?"
      lead={<p>Enter the email address you sign in with. We’ll send you a link to choose a new password.</p>}
      footer={
        <p>
          Remembered it? <Link to="/sign-in">Sign in</Link>
        </p>
      }
    >
      <ErrorSummary
        items={summaryItems(errors, IDS, result?.formError ?? undefined)}
        title={errors?.email ? 'Please check the form' : 'That didn’t work'}
        focusKey={result}
      />
      <Form method="post" noValidate className="form-stack">
        <TextField
          id={IDS.email}
          name="email"
          type="email"
          label="Email"
          autoComplete="email"
          inputMode="email"
          defaultValue={result?.email}
          error={errors?.email}
          autoFocus
        />
        <SubmitButton pendingLabel="Sending the link…" wide>
          Send me a link
        </SubmitButton>
      </Form>
    </AuthLayout>
  );
}
