import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ApiTokens, type TokenActionState } from '~/components/account/ApiTokens';
import { AvatarForm } from '~/components/account/AvatarForm';
import { PasswordForm } from '~/components/account/PasswordForm';
import { ProfileForm } from '~/components/account/ProfileForm';
import { SignOutEverywhere } from '~/components/account/SignOutEverywhere';
import { callerFailure, redirectToSignIn } from '~/lib/forms.server';
import { ROLE_LABEL } from '~/lib/roles';
import accountStylesUrl from '~/styles/account.css?url';
import { accountAction } from './actions.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesUrl }];

export const meta: MetaFunction = () => [{ title: 'Your account · Aurora' }];

const TOKENS_PER_PAGE = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await context.trpc.auth.me();
  if (!viewer) throw redirectToSignIn(request);
  const cursor = new URL(request.url).searchParams.get('tokens') || null;
  try {
    const tokens = await context.trpc.auth.listApiTokens({
      cursor: cursor ?? undefined,
      limit: TOKENS_PER_PAGE,
    });
    return { viewer, tokens, cursor };
  } catch (error) {
    // A stale or mangled page cursor (an old bookmark): show the first page instead.
    if (cursor && callerFailure(error)?.code === 'BAD_REQUEST') throw redirect('/account');
    throw error;
  }
}

export function action(args: ActionFunctionArgs) {
  return accountAction(args);
}

export default function AccountPage() {
  const { viewer, tokens, cursor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  const tokenState: TokenActionState =
    result?.intent === 'create-token' || result?.intent === 'revoke-token' ? result : {};

  return (
    <div className="account container">
      <header className="page-header">
        <p className="eyebrow">Your account</p>
        <h1>Settings</h1>
        <p className="page-header__lead">
          Signed in as <strong>{viewer.email}</strong> · {ROLE_LABEL[viewer.role]}
        </p>
      </header>

      <Section id="profile" title="Profile" lead="How you appear to teachers and classmates.">
        <div className="profile-grid">
          {/* Keyed by the picture, so a successful upload resets the file input and preview. */}
          <AvatarForm
            key={viewer.avatarUrl ?? 'none'}
            name={viewer.name}
            avatarUrl={viewer.avatarUrl}
            error={result?.intent === 'avatar' ? result.error : undefined}
          />
          <ProfileForm profile={viewer} result={result?.intent === 'profile' ? result : undefined} />
        </div>
      </Section>

      <Section id="password" title="Password" lead="The password you sign in with.">
        <PasswordForm result={result?.intent === 'password' ? result : undefined} />
      </Section>

      <Section id="security" title="Security" lead="Where your account is signed in.">
        <SignOutEverywhere confirming={result?.intent === 'sign-out-everywhere'} />
      </Section>

      <Section
        id="api-tokens"
        title="API tokens"
        lead={
          <>
            For scripts and tools that call Aurora’s API as you. Send a token as{' '}
            <code>Authorization: Bearer &lt;token&gt;</code>; treat it like a password.
          </>
        }
      >
        <ApiTokens tokens={tokens} state={tokenState} cursor={cursor} />
      </Section>
    </div>
  );
}

function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} className="settings-card" aria-labelledby={`${id}-title`}>
      <div className="settings-card__intro">
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{lead}</p>
      </div>
      <div className="settings-card__body">{children}</div>
    </section>
  );
}
