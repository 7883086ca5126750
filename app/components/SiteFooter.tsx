import { Link } from '@remix-run/react';
import type { Viewer } from '~/lib/viewer';
import { Logo } from './Logo';

export function SiteFooter({ viewer }: { viewer: Viewer | null }) {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner container">
        <div className="site-footer__brand">
          <Logo size={24} />
          <span>
            <strong>Aurora</strong> — the open-source learning platform your school runs itself.
          </span>
        </div>
        <nav aria-label="Footer">
          <ul className="site-footer__links">
            <li>
              <Link to="/catalog">Catalog</Link>
            </li>
            {viewer ? (
              <li>
                <Link to="/account">Your account</Link>
              </li>
            ) : (
              <>
                <li>
                  <Link to="/sign-up">Get started</Link>
                </li>
                <li>
                  <Link to="/sign-in">Sign in</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
