import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'Get started · Aurora' }];

export default function GetStartedPage() {
  return (
    <ComingSoon title="Creating your account is almost here">
      <p>
        Soon you’ll create a free account in seconds and start learning right away. We’ll keep this page
        simple and quick.
      </p>
    </ComingSoon>
  );
}
