import type { Role } from '~/lib/viewer';

/** One row of `users.list`, as the admin panel shows it. */
export interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  avatarUrl: string | null;
  createdAt: string | Date;
}
