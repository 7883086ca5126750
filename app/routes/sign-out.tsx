import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'Sign out · Aurora' }];

// The user menu posts here. Until accounts land (auth.logout), signing out is a placeholder page.
export function action() {
  return null;
}

export default function SignOutPage() {
  return (
    <ComingSoon title="Signing out arrives with accounts">
      <p>
        Accounts are coming in the next release; once they do, this button ends your session on this device.
      </p>
    </ComingSoon>
  );
}
