import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Role, Viewer } from '~/lib/viewer';
import { ORG_ROLE_PERMISSIONS, type Permission } from '../../shared/permissions';
import { SiteHeader } from './SiteHeader';

// What `auth.permissions` reports for each base role (docs/decisions/0039).
const PERMISSIONS_OF: Record<Role, Permission[]> = {
  regular: [],
  instructor: ['courses.create'],
  admin: [...ORG_ROLE_PERMISSIONS.admin],
};

function viewerWith(role: Role): Viewer {
  return {
    id: `u-${role}`,
    email: `${role}@school.test`,
    name: 'Ada Lovelace',
    role,
    orgRole: null,
    bio: '',
    avatarUrl: null,
    permissions: PERMISSIONS_OF[role],
  };
}

// Remix's <Form> needs a data router, as in the real app.
function renderHeader(viewer: Viewer | null, path = '/') {
  const router = createMemoryRouter([{ path: '*', element: <SiteHeader viewer={viewer} /> }], {
    initialEntries: [path],
  });
  render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
  return screen.getByRole('banner');
}

function mainLinks(): { name: string; href: string | null }[] {
  const nav = screen.getByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => ({ name: link.textContent ?? '', href: link.getAttribute('href') }));
}

describe('site navigation', () => {
  it('offers a visitor the catalog, signing in and getting started', () => {
    const header = renderHeader(null);
    expect(mainLinks()).toEqual([{ name: 'Catalog', href: '/catalog' }]);
    expect(within(header).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(within(header).getByRole('link', { name: 'Get started' })).toHaveAttribute('href', '/sign-up');
    expect(within(header).queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(within(header).queryByText('Ada Lovelace')).toBeNull();
  });

  it('gives a learner their learning and an account menu, nothing for staff', () => {
    const header = renderHeader(viewerWith('regular'));
    expect(mainLinks()).toEqual([
      { name: 'Catalog', href: '/catalog' },
      { name: 'My learning', href: '/my-learning' },
    ]);
    expect(within(header).queryByRole('link', { name: 'Sign in' })).toBeNull();
    expect(within(header).queryByRole('link', { name: 'Get started' })).toBeNull();
    expect(within(header).getAllByText('Ada Lovelace').length).toBeGreaterThan(0);
    expect(within(header).getByText('Learner')).toBeInTheDocument();
    expect(within(header).getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account');
  });

  it('adds Teach for an instructor', () => {
    renderHeader(viewerWith('instructor'));
    expect(mainLinks().map((link) => link.name)).toEqual(['Catalog', 'My learning', 'Teach']);
    expect(screen.getByText('Instructor')).toBeInTheDocument();
  });

  it('adds Teach, Review and Admin for an administrator', () => {
    renderHeader(viewerWith('admin'));
    expect(mainLinks()).toEqual([
      { name: 'Catalog', href: '/catalog' },
      { name: 'My learning', href: '/my-learning' },
      { name: 'Teach', href: '/teach' },
      // content.review (decision 0040): the review queue.
      { name: 'Review', href: '/review' },
      { name: 'Admin', href: '/admin' },
    ]);
    expect(screen.getByText('Administrator')).toBeInTheDocument();
  });

  it('gives a Moderator the review queue, and neither Teach nor Admin', () => {
    renderHeader({
      ...viewerWith('regular'),
      orgRole: 'moderator',
      permissions: [...ORG_ROLE_PERMISSIONS.moderator],
    });
    expect(mainLinks().map((link) => link.name)).toEqual(['Catalog', 'My learning', 'Review']);
  });

  it('signs out with a POST form, so it works without JavaScript and cannot be triggered by a link', () => {
    renderHeader(viewerWith('regular'));
    const button = screen.getByRole('button', { name: 'Sign out' });
    const form = button.closest('form');
    expect(form).toHaveAttribute('method', 'post');
    expect(form).toHaveAttribute('action', '/sign-out');
  });

  it('marks the current section for assistive technology', () => {
    renderHeader(viewerWith('instructor'), '/teach');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Teach' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Catalog' })).not.toHaveAttribute('aria-current');
  });
});
