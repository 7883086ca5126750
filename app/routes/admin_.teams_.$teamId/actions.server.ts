/**
 * One team's actions: change its name, description and permissions; add a member, make
 * a member lead or member, remove one; delete the team. Removing and deleting take two
 * posts (the first returns the confirmation, the second, with confirmed=yes, does it);
 * a role change is undone as easily as made, so it takes one. Who may do what is the
 * `team` procedures' decision: a refusal of the input (a taken name, a member twice,
 * the last lead) is shown on the page, a refusal of the person is the 403 page.
 */
import { data, type ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, readForm, redirectToSignIn } from '~/lib/forms.server';
import { teamHref } from '~/lib/team-links';
import { checkTeamForm, teamFormRefusal, teamFormValues } from '~/lib/team-form.server';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { idSchema } from '../../../shared/fields/ids';
import { SEARCH_MAX_LENGTH, type TeamRole } from '../../../shared/fields/limits';
import { teamRoleSchema } from '../../../shared/fields/team';

const member = z.object({
  userId: idSchema,
  // Only for the sentences on screen; the id decides who is changed.
  name: z
    .string()
    .max(200)
    .transform((name) => name.trim() || 'this person'),
});
const withRole = member.extend({ role: teamRoleSchema });

const ROLE_WORDS: Record<TeamRole, string> = { lead: 'a lead', member: 'a member' };
const roleWords = (role: TeamRole) => ROLE_WORDS[role];

export type TeamConfirmation =
  { kind: 'remove'; userId: string; name: string } | { kind: 'delete'; teamName: string; members: number };

/** A refusal about the members (the last lead, a member twice), shown above or beside them. */
function membersRefusal(error: unknown, where: 'members' | 'add') {
  const failure = callerFailure(error);
  if (!failure || failure.code === 'UNAUTHORIZED' || failure.code === 'FORBIDDEN') return null;
  return data(
    { confirm: null, attempt: null, problem: { where, message: failure.message } },
    failure.code === 'CONFLICT' ? 409 : failure.code === 'NOT_FOUND' ? 404 : 400,
  );
}

function refusedOrThrow(request: Request, error: unknown, where: 'members' | 'add') {
  const refusal = membersRefusal(error, where);
  if (refusal) return refusal;
  throwAdminRefusal(request, error);
}

export async function teamAction({ request, context, params }: ActionFunctionArgs) {
  const teamId = idSchema.safeParse(params.teamId);
  if (!teamId.success) throw new Response('There is no such team.', { status: 404 });
  const form = await readForm(request);
  const intent = form.get('intent');
  const confirmed = form.get('confirmed') === 'yes';
  const person = (new URL(request.url).searchParams.get('person') ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
  const here = teamHref(teamId.data);

  if (intent === 'update') {
    const values = teamFormValues(form);
    const checked = checkTeamForm(values);
    if (!checked.ok) return data({ confirm: null, attempt: checked.attempt, problem: null }, 400);
    try {
      const team = await context.trpc.team.update({ teamId: teamId.data, ...checked.data });
      return redirectWithFlash(request, here, { tone: 'success', text: `“${team.name}” is saved.` });
    } catch (error) {
      const permissions = await context.trpc.auth.permissions();
      const refusal = teamFormRefusal(error, values, permissions.includes('users.manage'));
      if (!refusal) throwAdminRefusal(request, error);
      return data({ confirm: null, attempt: refusal.attempt, problem: null }, refusal.status);
    }
  }

  if (intent === 'add-member' || intent === 'set-role') {
    const adding = intent === 'add-member';
    const chosen = withRole.safeParse(Object.fromEntries(form));
    if (!chosen.success)
      throw new Response(adding ? 'Choose a person to add.' : 'The role change was incomplete.', {
        status: 400,
      });
    const { userId, name, role } = chosen.data;
    const change = { teamId: teamId.data, userId, role };
    try {
      const { role: now, teamName } = adding
        ? await context.trpc.team.addMember(change)
        : await context.trpc.team.setMemberRole(change);
      // After adding someone, the search stays: the next person is often in the same results.
      return redirectWithFlash(request, adding ? teamHref(teamId.data, person || undefined) : here, {
        tone: 'success',
        text: `${name} is now ${roleWords(now)} of ${teamName}.`,
      });
    } catch (error) {
      return refusedOrThrow(request, error, adding ? 'add' : 'members');
    }
  }

  if (intent === 'remove-member') {
    const who = member.safeParse(Object.fromEntries(form));
    if (!who.success) throw new Response('The removal was incomplete.', { status: 400 });
    const { userId, name } = who.data;
    if (!confirmed)
      return data({ confirm: { kind: 'remove' as const, userId, name }, attempt: null, problem: null });
    try {
      await context.trpc.team.removeMember({ teamId: teamId.data, userId });
      const me = await context.trpc.auth.me();
      // Someone who took themselves out no longer sees the team, unless they manage people.
      const landing = me?.id === userId && !me.permissions.includes('users.manage') ? '/admin/teams' : here;
      return redirectWithFlash(request, landing, {
        tone: 'success',
        text: me?.id === userId ? 'You have left the team.' : `${name} is no longer in the team.`,
      });
    } catch (error) {
      return refusedOrThrow(request, error, 'members');
    }
  }

  if (intent === 'delete') {
    try {
      const { team, members } = await context.trpc.team.get({ teamId: teamId.data });
      if (!confirmed)
        return data({
          confirm: { kind: 'delete' as const, teamName: team.name, members: members.length },
          attempt: null,
          problem: null,
        });
      const { coursesReleased } = await context.trpc.team.delete({ teamId: teamId.data });
      const courses =
        coursesReleased === 0
          ? 'It had no courses.'
          : `${coursesReleased === 1 ? 'Its course stays' : `Its ${coursesReleased} courses stay`} with ${coursesReleased === 1 ? 'its author' : 'their authors'}, in no team.`;
      return redirectWithFlash(request, '/admin/teams', {
        tone: 'success',
        text: `The team “${team.name}” is deleted. ${courses}`,
      });
    } catch (error) {
      const failure = callerFailure(error);
      if (failure?.code === 'UNAUTHORIZED') return redirectToSignIn(request);
      if (failure?.code === 'NOT_FOUND') throw new Response('There is no such team.', { status: 404 });
      throwAdminRefusal(request, error);
    }
  }

  throw new Response('That form isn’t one this page knows.', { status: 400 });
}
