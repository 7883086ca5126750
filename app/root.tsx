import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { AppShell } from '~/components/AppShell';
import { ErrorPage } from '~/components/ErrorPage';
import faviconUrl from '~/assets/favicon.svg?url&no-inline';
import { takeFlash } from '~/lib/flash.server';
import { useHydrated } from '~/lib/hydrated';
import { useNonce } from '~/lib/nonce';
import { pageHasScripts } from '~/lib/page-scripts';
import type { Viewer } from '~/lib/viewer';
import stylesUrl from '~/styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesUrl },
  { rel: 'icon', href: faviconUrl, type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [
  { title: 'Aurora — the learning platform your school owns' },
  {
    name: 'description',
    content:
      'Aurora is an open-source learning platform: courses, video lessons, assignments and progress in one place.',
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [viewer, flash]: [Viewer | null, Awaited<ReturnType<typeof takeFlash>>] = await Promise.all([
    context.trpc.auth.me(),
    takeFlash(request, context.responseHeaders),
  ]);
  return { viewer, flash };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // A visitor's catalog goes without scripts (route handle, lib/page-scripts.ts): no
  // modulepreload links, no inline script, nothing to hydrate.
  const scripts = pageHasScripts({
    matches: useMatches(),
    signedIn: Boolean(useRouteLoaderData<typeof loader>('root')?.viewer),
    hydrated: useHydrated(),
  });
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  const { viewer, flash } = useLoaderData<typeof loader>();
  return (
    <AppShell viewer={viewer} flash={flash}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // Present when the root loader itself succeeded, so the nav still knows who is signed in.
  const data = useRouteLoaderData<typeof loader>('root');
  return (
    <AppShell viewer={data?.viewer ?? null}>
      <ErrorPage error={error} />
    </AppShell>
  );
}
