import { NavLink, useRouteLoaderData } from '@remix-run/react';
import type { Permission } from '../../../shared/permissions';
import type { Viewer } from '~/lib/viewer';

/**
 * The admin area's sections and the organization-wide permission each needs. Settings
 * are the Owner's (`settings.manage`): an Organization Admin is not shown a tab that
 * would answer "no access". Showing a tab is a convenience; the page's procedures decide.
 */
const SECTIONS: { to: string; label: string; needs: Permission }[] = [
  { to: '/admin', label: 'People', needs: 'users.manage' },
  { to: '/admin/teams', label: 'Teams', needs: 'users.manage' },
  { to: '/admin/courses', label: 'Courses', needs: 'courses.modify' },
  { to: '/admin/security', label: 'Security log', needs: 'users.manage' },
  { to: '/admin/mail', label: 'Mail', needs: 'users.manage' },
  { to: '/admin/jobs', label: 'Jobs', needs: 'users.manage' },
  { to: '/admin/settings', label: 'Settings', needs: 'settings.manage' },
];

/** The sections the viewer may open; the current one is marked with aria-current="page". */
export function AdminNav() {
  const viewer = useRouteLoaderData<{ viewer: Viewer | null }>('root')?.viewer ?? null;
  const held = new Set(viewer?.permissions ?? []);
  const shown = SECTIONS.filter((section) => held.has(section.needs));
  if (shown.length === 0) return null;
  return (
    <nav className="admin-nav" aria-label="Admin sections">
      <ul>
        {shown.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} end={section.to === '/admin'} className="admin-nav__link">
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
