import { Link, NavLink } from '@remix-run/react';
import type { Viewer } from '~/lib/viewer';
import { Logo } from './Logo';
import { GET_STARTED, primaryLinksFor, SIGN_IN } from './navigation';
import { UserMenu } from './UserMenu';

export function SiteHeader({ viewer }: { viewer: Viewer | null }) {
  return (
    <header className="site-header">
      <div className="site-header__inner container">
        <Link to="/" className="brand">
          <Logo />
          <span className="brand__name">Aurora</span>
        </Link>
        <nav className="primary-nav" aria-label="Main">
          <ul className="primary-nav__list">
            {primaryLinksFor(viewer).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="primary-nav__link" prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="site-header__account">
          {viewer ? (
            <UserMenu viewer={viewer} />
          ) : (
            <>
              <Link to={SIGN_IN.to} className="button button--quiet">
                {SIGN_IN.label}
              </Link>
              <Link to={GET_STARTED.to} className="button button--primary">
                {GET_STARTED.label}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
