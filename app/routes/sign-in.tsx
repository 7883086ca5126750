import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'Sign in · Aurora' }];

export default function SignInPage() {
  return (
    <ComingSoon title="Signing in is almost here">
      <p>
        Accounts arrive with the next release. Until then, have a look around: everything public is open to
        you.
      </p>
    </ComingSoon>
  );
}
