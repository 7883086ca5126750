import type { Role, Viewer } from '~/lib/viewer';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * The main navigation for a role. Showing a link is a convenience, not a permission:
 * the pages behind Teach and Admin check the role again through their procedures.
 */
const ROLE_LINKS: Record<Role, NavItem[]> = {
  regular: [],
  instructor: [{ to: '/teach', label: 'Teach' }],
  admin: [
    { to: '/teach', label: 'Teach' },
    { to: '/admin', label: 'Admin' },
  ],
};

export function primaryLinksFor(viewer: Viewer | null): NavItem[] {
  const catalog = { to: '/catalog', label: 'Catalog' };
  if (!viewer) return [catalog];
  return [catalog, { to: '/my-learning', label: 'My learning' }, ...ROLE_LINKS[viewer.role]];
}

export const SIGN_IN: NavItem = { to: '/sign-in', label: 'Sign in' };
export const GET_STARTED: NavItem = { to: '/sign-up', label: 'Get started' };
