import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useRouteLoaderData } from '@remix-run/react';
import { AuthLayout } from '~/components/auth/AuthLayout';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure } from '~/lib/forms.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Sign out · Aurora' }];

/** The header's Sign out button posts here. Only a POST signs out, so a link or an image cannot. */
export async function action({ request, context }: ActionFunctionArgs) {
  try {
    await context.trpc.auth.logout({});
  } catch (error) {
    // Already signed out (an expired session) is the outcome the person asked for.
    if (!callerFailure(error)) throw error;
  }
  return redirectWithFlash(request, '/', { tone: 'info', text: 'You’re signed out. See you soon!' });
}

/** A GET (a typed URL, an old bookmark) only asks; the button does it. */
export default function SignOutPage() {
  const viewer = useRouteLoaderData<typeof rootLoader>('root')?.viewer ?? null;
  if (!viewer) {
    return (
      <AuthLayout title="You’re signed out" lead={<p>Come back any time: your progress is saved.</p>}>
        <div className="actions actions--stretch">
          <Link to="/sign-in" className="button button--primary">
            Sign in
          </Link>
          <Link to="/" className="button button--secondary">
            Go to the home page
          </Link>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title="Sign out of Aurora?"
      lead={
        <p>
          You’re signed in as <strong>{viewer.name}</strong> ({viewer.email}) on this device.
        </p>
      }
    >
      <Form method="post" className="actions actions--stretch">
        <SubmitButton pendingLabel="Signing out…">Sign out</SubmitButton>
        <Link to="/" className="button button--secondary">
          Stay signed in
        </Link>
      </Form>
    </AuthLayout>
  );
}
