import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'Your account · Aurora' }];

export default function AccountPage() {
  return (
    <ComingSoon title="Your account settings are on their way">
      <p>Soon you’ll update your name, password and API tokens here.</p>
    </ComingSoon>
  );
}
