import { data, type MetaFunction } from '@remix-run/node';
import { NotFound } from '~/components/NotFound';

export const meta: MetaFunction = () => [{ title: 'Page not found · Aurora' }];

// Every URL no other route claims lands here, so it must say 404 to browsers and crawlers.
export function loader() {
  return data(null, { status: 404 });
}

export default function CatchAll() {
  return <NotFound />;
}
