import type { ReactNode } from 'react';
import type { Viewer } from '~/lib/viewer';
import { FlashMessage, type FlashData } from './FlashMessage';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

/** The frame around every page: skip link, header with navigation, main content, footer. */
export function AppShell({
  viewer,
  flash = null,
  children,
}: {
  viewer: Viewer | null;
  flash?: FlashData | null;
  children: ReactNode;
}) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <SiteHeader viewer={viewer} />
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <main id="main" tabIndex={-1} className="site-main">
        <FlashMessage flash={flash} />
        {children}
      </main>
      <SiteFooter viewer={viewer} />
    </>
  );
}
