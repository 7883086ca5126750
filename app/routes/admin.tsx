import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'Admin · Aurora' }];

export default function AdminPage() {
  return (
    <ComingSoon title="The admin console is on its way">
      <p>Here you’ll manage people, roles and the platform’s settings, and read the security log.</p>
    </ComingSoon>
  );
}
