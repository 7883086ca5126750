/**
 * Teams (issue 15, docs/decisions/0039): a name, a description, the permissions its
 * members hold on its courses, and members who are each a lead or a member.
 *
 * Creating, changing and deleting a team is for those who manage people
 * (`users.manage`), and nobody gives a team a permission they do not hold themselves.
 * Members are managed by the same people, or by a lead of the team for its own members;
 * the service decides that, so those procedures only need someone signed in. Anyone
 * sees the teams they are in.
 *
 * Deleting a team keeps its courses. The issue says they "pass to the deleting admin, as
 * for a deleted user": a deleted user's courses need a new author, a team's still have
 * theirs, so the courses stay with the instructors who wrote them and only leave the
 * team (`teamId` null) — what passes to the admins is the oversight they have of every
 * course anyway (server/services/teams/teams.ts).
 */
import { z } from 'zod';
import { idSchema } from '../../../shared/fields/ids';
import { searchSchema } from '../../../shared/fields/search';
import {
  teamDescriptionSchema,
  teamNameSchema,
  teamPermissionsSchema,
  teamRequiresReviewSchema,
  teamRoleSchema,
} from '../../../shared/fields/team';
import { findTeamCandidates } from '../../services/teams/candidates';
import { addTeamMember, removeTeamMember, setTeamMemberRole, viewTeam } from '../../services/teams/members';
import { createTeam, deleteTeam, listTeams, updateTeam } from '../../services/teams/teams';
import { authedProcedure, managingPeopleProcedure, router } from '../init';

const teamRef = z.object({ teamId: idSchema });
const memberRef = teamRef.extend({ userId: idSchema });

export const teamRouter = router({
  /** Oldest first; every team for those who manage people, otherwise the viewer's own. */
  list: authedProcedure
    .input(
      z
        .object({
          search: searchSchema.optional(),
          limit: z.number().int().min(1).max(100).optional(),
          offset: z.number().int().min(0).max(100_000).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => listTeams(ctx.scope, input ?? {})),

  /** The team, its members in the order they joined, and what the viewer may change. */
  get: authedProcedure.input(teamRef).query(({ ctx, input }) => viewTeam(ctx.scope, input.teamId)),

  /**
   * People matching `search` (name or email), to add as members: for whoever may change
   * the team's members (a lead cannot use users.list).
   */
  candidates: authedProcedure
    .input(teamRef.extend({ search: searchSchema.min(1, 'Type a name or an email to search for.') }))
    .query(({ ctx, input }) => findTeamCandidates(ctx.scope, input)),

  create: managingPeopleProcedure
    .input(
      z.object({
        name: teamNameSchema,
        description: teamDescriptionSchema.default(''),
        permissions: teamPermissionsSchema.default([]),
        requiresReview: teamRequiresReviewSchema.default(false),
      }),
    )
    .mutation(({ ctx, input }) => createTeam(ctx.scope, input)),

  /** Only the fields given change. */
  update: managingPeopleProcedure
    .input(
      teamRef.extend({
        name: teamNameSchema.optional(),
        description: teamDescriptionSchema.optional(),
        permissions: teamPermissionsSchema.optional(),
        requiresReview: teamRequiresReviewSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateTeam(ctx.scope, input)),

  delete: managingPeopleProcedure
    .input(teamRef)
    .mutation(({ ctx, input }) => deleteTeam(ctx.scope, input.teamId)),

  addMember: authedProcedure
    .input(memberRef.extend({ role: teamRoleSchema.default('member') }))
    .mutation(({ ctx, input }) => addTeamMember(ctx.scope, input)),

  removeMember: authedProcedure.input(memberRef).mutation(async ({ ctx, input }) => {
    await removeTeamMember(ctx.scope, input);
    return { ok: true as const };
  }),

  setMemberRole: authedProcedure
    .input(memberRef.extend({ role: teamRoleSchema }))
    .mutation(({ ctx, input }) => setTeamMemberRole(ctx.scope, input)),
});
