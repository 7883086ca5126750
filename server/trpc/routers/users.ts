/** The admin's people panel. */
import { z } from 'zod';
import { inviteUser } from '../../services/identity/invitations';
import { idSchema } from '../../../shared/fields/ids';
import { emailSchema, orgRoleSchema, personNameSchema, roleSchema } from '../../../shared/fields/people';
import { searchSchema } from '../../../shared/fields/search';
import { DEFAULT_PAGE_SIZE, pageSchema } from '../../services/identity/schemas';
import { setOrgRole } from '../../services/identity/org-roles';
import { listUsers, setUserRole } from '../../services/identity/user-admin';
import { deleteUser } from '../../services/identity/user-deletion';
import { managingPeopleProcedure, permissionProcedure, router } from '../init';

export const usersRouter = router({
  /** Newest first; `search` matches words of the name or the email by prefix. */
  list: managingPeopleProcedure
    .input(pageSchema.extend({ search: searchSchema.optional(), role: roleSchema.optional() }).optional())
    .query(({ ctx, input }) => listUsers(ctx.backend, input ?? { limit: DEFAULT_PAGE_SIZE })),

  setRole: managingPeopleProcedure
    .input(z.object({ userId: idSchema, role: roleSchema }))
    .mutation(({ ctx, input }) => setUserRole(ctx.scope, input)),

  /**
   * The organization role (null: none). `roles.assign` to ask; the service also wants
   * every permission of the role given and taken away, and refuses with FORBIDDEN.
   */
  setOrgRole: permissionProcedure('roles.assign')
    .input(z.object({ userId: idSchema, orgRole: orgRoleSchema }))
    .mutation(({ ctx, input }) => setOrgRole(ctx.scope, input)),

  /** Ends their sessions at once; their courses go to the deleting admin (decision 0007). */
  delete: managingPeopleProcedure.input(z.object({ userId: idSchema })).mutation(async ({ ctx, input }) => {
    await deleteUser(ctx.scope, input.userId);
    return { ok: true as const };
  }),

  /**
   * Adds a person without a usable password; the one-time `link` (shown once, valid 7
   * days) lets them set their own (decision 0022).
   */
  invite: managingPeopleProcedure
    .input(z.object({ name: personNameSchema, email: emailSchema, role: roleSchema }))
    .mutation(({ ctx, input }) => inviteUser(ctx.scope, input)),
});
