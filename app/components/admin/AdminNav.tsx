import { NavLink } from '@remix-run/react';

const SECTIONS = [
  { to: '/admin', label: 'People' },
  { to: '/admin/teams', label: 'Teams' },
  { to: '/admin/courses', label: 'Courses' },
  { to: '/admin/security', label: 'Security log' },
  { to: '/admin/mail', label: 'Mail' },
  { to: '/admin/jobs', label: 'Jobs' },
  { to: '/admin/settings', label: 'Settings' },
] as const;

/** The admin area's sections; the current one is marked with aria-current="page". */
export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Admin sections">
      <ul>
        {SECTIONS.map((section) => (
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
