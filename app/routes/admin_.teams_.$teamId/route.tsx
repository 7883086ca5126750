/**
 * One team (issue 15): its name, description and permissions, its members, adding and
 * removing them, making them lead or member, and deleting the team. Those who manage
 * people change everything; a lead of the team manages its members only, and sees the
 * permissions read-only; a plain member sees the team read-only. What the viewer may
 * change comes with the team (team.get's `may`), and the procedures decide again.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { AddTeamMember } from '~/components/admin/AddTeamMember';
import { TeamConfirm } from '~/components/admin/TeamConfirm';
import { TeamPermissionList } from '~/components/admin/TeamFields';
import { TeamSettingsForm } from '~/components/admin/TeamSettingsForm';
import { TeamMembersTable } from '~/components/admin/TeamMembersTable';
import { Alert } from '~/components/forms/Alert';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { callerFailure } from '~/lib/forms.server';
import { teamHref } from '~/lib/team-links';
import type { loader as rootLoader } from '~/root';
import adminStylesUrl from '~/styles/admin.css?url';
import teamsStylesUrl from '~/styles/teams.css?url';
import { idSchema } from '../../../shared/fields/ids';
import { SEARCH_MAX_LENGTH } from '../../../shared/fields/limits';
import { teamAction } from './actions.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: adminStylesUrl },
  { rel: 'stylesheet', href: teamsStylesUrl },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: adminPageTitle(error, data ? `${data.view.team.name} · Teams` : 'Team') },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const teamId = idSchema.safeParse(params.teamId);
  if (!teamId.success) throw new Response('There is no such team.', { status: 404 });
  const person = (new URL(request.url).searchParams.get('person') ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
  try {
    const view = await context.trpc.team.get({ teamId: teamId.data });
    // The "Add a member" search, for those who may add: a fixed two calls more.
    const candidates =
      person && view.may.manageMembers
        ? await context.trpc.team.candidates({ teamId: teamId.data, search: person })
        : null;
    return { view, person, candidates };
  } catch (error) {
    if (callerFailure(error)?.code === 'NOT_FOUND')
      throw new Response('There is no such team.', { status: 404 });
    throwAdminRefusal(request, error);
  }
}

export function action(args: ActionFunctionArgs) {
  return teamAction(args);
}

/**
 * Read the team again after every post, refused ones too: "already a member" or "the
 * last lead" often means someone changed the team meanwhile, and the list should show it
 * (as it does without JavaScript, where the refusal arrives in a fresh page).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult !== undefined || defaultShouldRevalidate;

export default function TeamPage() {
  const { view, person, candidates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const viewer = useRouteLoaderData<typeof rootLoader>('root')?.viewer ?? null;
  const { team, members, may } = view;
  const here = teamHref(team.id);
  const attempt = result?.attempt ?? null;
  const problem = result?.problem ?? null;
  const confirm = result?.confirm ?? null;

  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/teams">Teams</Link>
        </p>
        <h1>{team.name}</h1>
        <p className="page-header__lead">
          {team.description ||
            (may.change ? 'No description yet.' : 'A team shares its courses among its members.')}
        </p>
      </header>
      {may.change ? <AdminNav /> : null}

      {confirm?.kind === 'delete' ? <TeamConfirm pending={confirm} cancelTo={here} /> : null}

      <section className="team-card" aria-labelledby="team-settings-title">
        <h2 id="team-settings-title">{may.change ? 'Name, description and permissions' : 'Permissions'}</h2>
        {may.change ? (
          <TeamSettingsForm
            prefix="team"
            intent="update"
            state={attempt ?? { values: team, fieldErrors: {} }}
            attempt={attempt}
            held={viewer?.permissions ?? []}
            submitLabel="Save team"
            pendingLabel="Saving…"
          />
        ) : (
          <>
            <p className="muted">
              Every member holds these on the team’s courses.
              {may.manageMembers ? ' Only an administrator changes them.' : ''}
            </p>
            <TeamPermissionList permissions={team.permissions} requiresReview={team.requiresReview} />
          </>
        )}
      </section>

      <section className="team-card" aria-labelledby="team-members-title">
        <h2 id="team-members-title">
          Members <span className="team-card__count">({members.length})</span>
        </h2>
        {!may.manageMembers ? (
          <p className="muted">You are a member of this team. Its leads manage who is in it.</p>
        ) : (
          <p className="muted">Leads manage the team’s members; a team keeps at least one lead.</p>
        )}
        {problem?.where === 'members' ? (
          <Alert tone="error" title="That didn’t work">
            <p>{problem.message}</p>
          </Alert>
        ) : null}
        {confirm?.kind === 'remove' ? <TeamConfirm pending={confirm} cancelTo={here} /> : null}
        {members.length > 0 ? (
          <TeamMembersTable
            members={members}
            viewerId={viewer?.id ?? null}
            manage={may.manageMembers}
            pendingUserId={confirm?.kind === 'remove' ? confirm.userId : null}
          />
        ) : (
          <div className="empty-state">
            <p>No members yet. Add the first one below: they become the team’s lead.</p>
          </div>
        )}
      </section>

      {may.manageMembers ? (
        <AddTeamMember
          teamId={team.id}
          person={person}
          candidates={candidates}
          firstMember={members.length === 0}
          problem={problem?.where === 'add' ? problem.message : null}
        />
      ) : null}

      {may.change ? (
        <section className="team-card team-card--danger" aria-labelledby="team-delete-title">
          <h2 id="team-delete-title">Delete this team</h2>
          <p className="muted">
            Its courses stay with their authors and leave the team; its members lose the team’s permissions on
            them.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button button--danger">
              Delete team…
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
