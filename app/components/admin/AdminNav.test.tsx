import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '~/lib/viewer';
import { ORG_ROLE_PERMISSIONS, type Permission } from '../../../shared/permissions';
import { AdminNav } from './AdminNav';

function viewerHolding(permissions: readonly Permission[]): Viewer {
  return {
    id: 'u-1',
    email: 'alex@school.test',
    name: 'Alex Admin',
    role: 'admin',
    orgRole: null,
    bio: '',
    avatarUrl: null,
    permissions: [...permissions],
  };
}

// The nav reads the viewer from the root route's data, as in the app.
function sectionsFor(viewer: Viewer): string[] {
  const router = createMemoryRouter(
    [
      {
        id: 'root',
        path: '/',
        loader: () => ({ viewer }),
        element: <AdminNav />,
        hydrateFallbackElement: <p>…</p>,
      },
    ],
    { initialEntries: ['/'], hydrationData: { loaderData: { root: { viewer } } } },
  );
  render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
  const nav = screen.queryByRole('navigation', { name: 'Admin sections' });
  return nav
    ? within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent ?? '')
    : [];
}

describe('admin sections', () => {
  it('shows the Owner every section, Settings included', () => {
    expect(sectionsFor(viewerHolding(ORG_ROLE_PERMISSIONS.owner))).toEqual([
      'People',
      'Teams',
      'Courses',
      'Security log',
      'Mail',
      'Jobs',
      'Settings',
    ]);
  });

  it('leaves Settings out for an Organization Admin, who may not change them', () => {
    const sections = sectionsFor(viewerHolding(ORG_ROLE_PERMISSIONS.admin));
    expect(sections).toContain('People');
    expect(sections).not.toContain('Settings');
  });

  it('shows nothing to someone who holds none of the sections', () => {
    expect(sectionsFor(viewerHolding(ORG_ROLE_PERMISSIONS.viewer))).toEqual([]);
  });
});
