import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'My learning · Aurora' }];

export default function MyLearningPage() {
  return (
    <ComingSoon title="Your learning space is on its way">
      <p>
        This is where your courses, progress and next lessons will live, so you always know what to pick up
        next.
      </p>
    </ComingSoon>
  );
}
