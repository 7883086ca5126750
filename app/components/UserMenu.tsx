import { Form, Link, useLocation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { ROLE_LABEL } from '~/lib/roles';
import type { Viewer } from '~/lib/viewer';
import { Avatar } from './Avatar';

/**
 * The avatar menu. A native <details> so it opens without JavaScript; with JavaScript
 * it also closes on navigation, Escape and a click elsewhere, as people expect.
 */
export function UserMenu({ viewer }: { viewer: Viewer }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);

  useEffect(() => {
    const close = (event: MouseEvent | KeyboardEvent) => {
      const menu = ref.current;
      if (!menu?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        menu.open = false;
        menu.querySelector('summary')?.focus();
      } else if (!menu.contains(event.target as Node)) {
        menu.open = false;
      }
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  return (
    <details className="user-menu" ref={ref}>
      <summary className="user-menu__trigger">
        <Avatar name={viewer.name} url={viewer.avatarUrl} />
        <span className="user-menu__name">{viewer.name}</span>
        <span className="visually-hidden">: account menu</span>
        <svg className="user-menu__chevron" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </summary>
      <div className="user-menu__panel">
        <div className="user-menu__who">
          <strong>{viewer.name}</strong>
          <span className="user-menu__email">{viewer.email}</span>
          <span className="badge">{ROLE_LABEL[viewer.role]}</span>
        </div>
        <ul className="user-menu__list">
          <li>
            <Link to="/account" className="user-menu__item">
              Your account
            </Link>
          </li>
          <li>
            {/* Anyone may open it: it lists the teams they are in (every team for admins). */}
            <Link to="/admin/teams" className="user-menu__item">
              Your teams
            </Link>
          </li>
        </ul>
        <Form method="post" action="/sign-out" className="user-menu__signout">
          <button type="submit" className="user-menu__item">
            Sign out
          </button>
        </Form>
      </div>
    </details>
  );
}
