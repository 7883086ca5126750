import { redirect, type LoaderFunctionArgs } from '@remix-run/node';

// The first links and bookmarks pointed here before accounts existed; they keep working.
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/sign-up${new URL(request.url).search}`, 301);
}
