import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'Teach · Aurora' }];

export default function TeachPage() {
  return (
    <ComingSoon title="The teaching studio is on its way">
      <p>Here you’ll write courses in simple forms, add video lessons and see how your students are doing.</p>
    </ComingSoon>
  );
}
