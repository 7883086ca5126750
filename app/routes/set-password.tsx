/**
 * Where a person chooses their password with a one-time link (decision 0022): the
 * invitation an admin made for them, or "Forgot password?" (`reset=1` in the link only
 * changes the words; decision 0041). A refused link offers to ask for a new one. The token rides in
 * the query (so the page works without JavaScript) and is posted back with the form;
 * `auth.resetPassword` decides whether it is still good, sets the password, ends the link
 * and signs the person in.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { AuthLayout } from '~/components/auth/AuthLayout';
import { ErrorSummary } from '~/components/forms/ErrorSummary';
import { PasswordField } from '~/components/forms/PasswordField';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { summaryItems } from '~/lib/form-state';
import { flashCookieHeader } from '~/lib/flash.server';
import { PEOPLE_LIMITS } from '../../shared/fields/limits';
import { newPasswordSchema } from '../../shared/fields/people';
import { callerFailure, filledIn, readForm, textFields, validate } from '~/lib/forms.server';

export const meta: MetaFunction = () => [
  { title: 'Choose your password · Aurora' },
  // The link is a credential: never hand it to another site in a Referer.
  { name: 'referrer', content: 'no-referrer' },
];

/** The page holds a one-time link in its URL: no cache keeps a copy. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

const FIELDS = ['token', 'password', 'reset'] as const;
const IDS = { password: 'set-password-password' };

const formSchema = z.object({
  token: z.string().trim().min(1, 'This link is incomplete. Copy the whole link and open it again.').max(200),
  password: filledIn('Choose a password.', newPasswordSchema),
  reset: z.string(),
});

export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const token = (params.get('token') ?? '').trim().slice(0, 200);
  return { token, reset: params.get('reset') === '1' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = textFields(await readForm(request), FIELDS);
  const reset = values.reset === '1';
  const checked = validate(formSchema, values);
  if (!checked.ok) {
    const { password, token } = checked.fieldErrors;
    return data({ fieldErrors: { password }, formError: token ?? null, token: values.token, reset }, 400);
  }
  try {
    const { token, password } = checked.data;
    const viewer = await context.trpc.auth.resetPassword({ token, password });
    const name = viewer.name.slice(0, 200);
    return redirect('/', {
      headers: {
        'Set-Cookie': await flashCookieHeader(request, {
          tone: 'success',
          text: reset
            ? `Your password was changed, ${name}. Other devices were signed out.`
            : `Welcome to Aurora, ${name}. Your password is set.`,
        }),
      },
    });
  } catch (error) {
    const failure = callerFailure(error, FIELDS);
    if (!failure) throw error;
    const { password, token } = failure.fieldErrors;
    const status = failure.code === 'TOO_MANY_REQUESTS' ? 429 : 400;
    return data(
      {
        fieldErrors: { password },
        formError: token ?? (password ? null : failure.message),
        token: values.token,
        reset,
      },
      status,
    );
  }
}

export default function SetPasswordPage() {
  const { token: linkToken, reset: linkReset } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const token = result?.token ?? linkToken;
  const reset = result?.reset ?? linkReset;
  const errors = result?.fieldErrors;
  // The link itself was refused (used, expired, replaced): the way on is a new link.
  const linkRefused = Boolean(result?.formError) && !errors?.password;

  if (!token) {
    return (
      <AuthLayout
        title="This link is incomplete"
        lead={
          <p>
            Open the whole link you were given, or <Link to="/forgot-password">ask for a new link</Link>.
            Already have a password? <Link to="/sign-in">Sign in</Link>.
          </p>
        }
      >
        {null}
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={reset ? 'Choose a new password' : 'Choose your password'}
      lead={
        <p>
          {reset
            ? 'Setting it signs you out on every other device. This link works once.'
            : 'You’ll use it with your email address to sign in to Aurora. This link works once.'}
        </p>
      }
      footer={
        <p>
          {linkRefused ? (
            <>
              Need a new link? <Link to="/forgot-password">Ask for a new link</Link>
            </>
          ) : (
            <>
              Already set your password? <Link to="/sign-in">Sign in</Link>
            </>
          )}
        </p>
      }
    >
      <ErrorSummary
        items={summaryItems(errors, IDS, result?.formError ?? undefined)}
        title={errors?.password ? 'Please check the form' : 'That didn’t work'}
        focusKey={result}
      />
      <Form method="post" noValidate className="form-stack">
        <input type="hidden" name="token" value={token} />
        {reset ? <input type="hidden" name="reset" value="1" /> : null}
        <PasswordField
          id={IDS.password}
          name="password"
          label="New password"
          hint="At least 8 characters. A short sentence is easy to remember and hard to guess."
          autoComplete="new-password"
          minLength={8}
          maxLength={PEOPLE_LIMITS.password}
          error={errors?.password}
          autoFocus
        />
        <SubmitButton pendingLabel="Saving your password…" wide>
          Set password and sign in
        </SubmitButton>
      </Form>
    </AuthLayout>
  );
}
