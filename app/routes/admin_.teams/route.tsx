/**
 * Teams (issue 15): every team for those who manage people (`users.manage`), with a form
 * to create one; for anyone else, the teams they are in — a Team Lead opens theirs from
 * here to manage its members. Which teams are listed is team.list's decision; the page
 * offers the create form only to those whose permissions say it will work.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { NewTeam } from '~/components/admin/NewTeam';
import { SearchField } from '~/components/admin/SearchField';
import { TeamsTable } from '~/components/admin/TeamsTable';
import { CursorPager } from '~/components/CursorPager';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { countOf } from '~/lib/list-total';
import type { loader as rootLoader } from '~/root';
import adminStylesUrl from '~/styles/admin.css?url';
import teamsStylesUrl from '~/styles/teams.css?url';
import { teamsAction } from './actions.server';
import { TEAMS_PAGE_SIZE, teamsHref, teamsQueryOf } from './query';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: adminStylesUrl },
  { rel: 'stylesheet', href: teamsStylesUrl },
];

export const meta: MetaFunction = ({ error }) => [{ title: adminPageTitle(error, 'Teams') }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = teamsQueryOf(new URL(request.url));
  try {
    const teams = await context.trpc.team.list({
      search: query.q || undefined,
      limit: TEAMS_PAGE_SIZE,
      offset: query.offset,
    });
    return { teams, query };
  } catch (error) {
    throwAdminRefusal(request, error);
  }
}

export function action(args: ActionFunctionArgs) {
  return teamsAction(args);
}

export default function TeamsPage() {
  const { teams, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const viewer = useRouteLoaderData<typeof rootLoader>('root')?.viewer ?? null;
  const held = viewer?.permissions ?? [];
  // Only a control that will work: team.create still decides.
  const managesTeams = held.includes('users.manage');
  const shownTo = query.offset + teams.teams.length;
  const next = shownTo < teams.total ? teamsHref({ ...query, offset: shownTo }) : null;

  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">{managesTeams ? 'Admin' : 'Your teams'}</p>
        <h1>Teams</h1>
        <p className="page-header__lead">
          {managesTeams
            ? 'A team shares its courses: its members work on them with the team’s permissions, and its leads manage who is in it.'
            : 'The teams you are in. A team’s members work on its courses with the team’s permissions; its leads manage who is in it.'}
        </p>
      </header>
      {managesTeams ? <AdminNav /> : null}

      {managesTeams ? <NewTeam attempt={result?.attempt ?? null} held={held} /> : null}

      <Form method="get" role="search" aria-label="Find teams" className="user-filters">
        <SearchField id="teams-q" name="q" label="Search" defaultValue={query.q} placeholder="Team name" />
        <div className="user-filters__buttons">
          <button type="submit" className="button button--primary">
            Search
          </button>
          {query.q ? (
            <Link to="/admin/teams" className="button button--quiet">
              Clear
            </Link>
          ) : null}
        </div>
      </Form>

      <div className="people-panel">
        <p className="people-panel__count" role="status">
          {query.q
            ? `${countOf(teams, 'team', 'teams')} matching “${query.q}”`
            : `${countOf(teams, 'team', 'teams')}${managesTeams ? ' on Aurora' : ''}`}
        </p>
        {teams.teams.length > 0 ? (
          <TeamsTable teams={teams.teams} />
        ) : (
          <div className="empty-state">
            <p>
              {query.q
                ? `No team matches “${query.q}”.`
                : managesTeams
                  ? 'No teams yet. Create the first one above.'
                  : 'You are not in any team yet. An administrator adds people to teams.'}
            </p>
            {query.q ? (
              <Link to="/admin/teams" className="button button--secondary">
                Show every team
              </Link>
            ) : null}
          </div>
        )}
      </div>

      <CursorPager
        label="Pages of teams"
        firstHref={query.offset ? teamsHref({ ...query, offset: 0 }) : null}
        nextHref={next}
      />
    </div>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
