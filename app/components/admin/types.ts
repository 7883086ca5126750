import type { OrgRole } from '../../../shared/permissions';
import type { Role } from '~/lib/viewer';

/** One row of `users.list`, as the admin panel shows it. */
export interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgRole: OrgRole | null;
  avatarUrl: string | null;
  createdAt: string | Date;
}
