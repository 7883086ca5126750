import type { Permission } from '../../shared/permissions';
import type { Viewer } from '~/lib/viewer';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * The staff sections and the organization-wide permission each page behind them needs.
 * Showing a link is a convenience, not a permission: their procedures decide again.
 */
const STAFF_LINKS: { needs: Permission; item: NavItem }[] = [
  { needs: 'courses.create', item: { to: '/teach', label: 'Teach' } },
  { needs: 'content.review', item: { to: '/review', label: 'Review' } },
  { needs: 'users.manage', item: { to: '/admin', label: 'Admin' } },
];

export function primaryLinksFor(viewer: Viewer | null): NavItem[] {
  const catalog = { to: '/catalog', label: 'Catalog' };
  if (!viewer) return [catalog];
  const staff = STAFF_LINKS.filter(({ needs }) => viewer.permissions.includes(needs)).map(({ item }) => item);
  return [catalog, { to: '/my-learning', label: 'My learning' }, ...staff];
}

export const SIGN_IN: NavItem = { to: '/sign-in', label: 'Sign in' };
export const GET_STARTED: NavItem = { to: '/sign-up', label: 'Get started' };
