import type { MetaFunction } from '@remix-run/node';
import { ComingSoon } from '~/components/ComingSoon';

export const meta: MetaFunction = () => [{ title: 'Catalog · Aurora' }];

export default function CatalogPage() {
  return (
    <ComingSoon title="The course catalog is on its way" offerCatalog={false}>
      <p>
        Soon you’ll browse every published course here, filter by subject and level, and preview lessons
        before you enroll.
      </p>
    </ComingSoon>
  );
}
