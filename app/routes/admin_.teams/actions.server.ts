/**
 * The Teams list's one action: creating a team. The form is checked with the shared
 * team schemas first; whether the person may create teams at all, and give these
 * permissions, is team.create's decision, and its refusals are shown beside the fields.
 */
import { data, type ActionFunctionArgs } from '@remix-run/node';
import { redirectWithFlash } from '~/lib/flash.server';
import { readForm } from '~/lib/forms.server';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { checkTeamForm, teamFormRefusal, teamFormValues } from '~/lib/team-form.server';
import { teamHref } from '~/lib/team-links';

export async function teamsAction({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (form.get('intent') !== 'create')
    throw new Response('That form isn’t one this page knows.', { status: 400 });
  const values = teamFormValues(form);
  const checked = checkTeamForm(values);
  if (!checked.ok) return data({ attempt: checked.attempt }, 400);
  try {
    const team = await context.trpc.team.create(checked.data);
    return redirectWithFlash(request, teamHref(team.id), {
      tone: 'success',
      text: `The team “${team.name}” is created. Add its members below.`,
    });
  } catch (error) {
    // Only those who manage people see the form: a refusal of anyone else is the 403 page.
    const permissions = await context.trpc.auth.permissions();
    const refusal = teamFormRefusal(error, values, permissions.includes('users.manage'));
    if (!refusal) throwAdminRefusal(request, error);
    return data({ attempt: refusal.attempt }, refusal.status);
  }
}
