import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { AdminConfirm } from '~/components/admin/AdminConfirm';
import { AdminEnroll } from '~/components/admin/AdminEnroll';
import { AddPerson } from '~/components/admin/AddPerson';
import { AdminNav } from '~/components/admin/AdminNav';
import { InviteLink } from '~/components/admin/InviteLink';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { UserFilters } from '~/components/admin/UserFilters';
import { UsersTable, type PendingRow } from '~/components/admin/UsersTable';
import { Alert } from '~/components/forms/Alert';
import { callerFailure } from '~/lib/forms.server';
import type { loader as rootLoader } from '~/root';
import adminStylesUrl from '~/styles/admin.css?url';
import { adminAction } from './actions.server';
import { peopleHref, peopleQueryOf } from './query';
import { CursorPager } from '~/components/CursorPager';
import { countOf, type ListTotal } from '~/lib/list-total';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: adminStylesUrl }];

export const meta: MetaFunction = ({ error }) => [{ title: adminPageTitle(error, 'People') }];

const PAGE_SIZE = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = peopleQueryOf(new URL(request.url));
  try {
    const people = await context.trpc.users.list({
      search: query.q || undefined,
      role: query.role ?? undefined,
      cursor: query.cursor ?? undefined,
      limit: PAGE_SIZE,
    });
    return { people, query };
  } catch (error) {
    // Who may see this page is the procedure's decision; the page only explains it.
    const failure = callerFailure(error);
    // A stale or mangled cursor (an old bookmark): start the list again.
    if (failure?.code === 'BAD_REQUEST' && query.cursor)
      throw redirect(peopleHref({ ...query, cursor: null }));
    throwAdminRefusal(request, error);
  }
}

export function action(args: ActionFunctionArgs) {
  return adminAction(args);
}

export default function AdminPeoplePage() {
  const { people, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const viewer = useRouteLoaderData<typeof rootLoader>('root')?.viewer ?? null;
  const viewerId = viewer?.id ?? null;
  // Only a control that will work: users.setOrgRole still decides.
  const canAssignOrgRoles = viewer?.permissions.includes('roles.assign') ?? false;
  const filtered = Boolean(query.q || query.role);
  const here = peopleHref(query);

  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">Admin</p>
        <h1>People</h1>
        <p className="page-header__lead">
          Add people, give teachers the instructor role, share administration, give organization roles, and
          remove accounts.
        </p>
      </header>
      <AdminNav />

      {result && 'invited' in result && result.invited ? (
        <InviteLink invitation={result.invited} closeTo={here} />
      ) : (
        <AddPerson attempt={result && 'invite' in result ? (result.invite ?? null) : null} />
      )}

      <UserFilters key={here} q={query.q} role={query.role} />

      {result?.error ? (
        <Alert tone="error" title="That didn’t work">
          <p>{result.error}</p>
        </Alert>
      ) : null}

      <div className="people-panel">
        <p className="people-panel__count" role="status">
          {countSentence(people, people.items.length, query.q, filtered)}
        </p>
        {people.items.length > 0 ? (
          <UsersTable
            people={people.items}
            viewerId={viewerId}
            pending={pendingRowOf(result, here)}
            canAssignOrgRoles={canAssignOrgRoles}
          />
        ) : (
          <div className="empty-state">
            <p>No one matches{query.q ? ` “${query.q}”` : ' this filter'}.</p>
            <Link to="/admin" className="button button--secondary">
              Show everyone
            </Link>
          </div>
        )}
      </div>

      <CursorPager
        label="Pages of people"
        firstHref={query.cursor ? peopleHref({ ...query, cursor: null }) : null}
        nextHref={people.nextCursor ? peopleHref({ ...query, cursor: people.nextCursor }) : null}
      />
    </div>
  );
}

/** The confirmation or course picker the last post asked for, to show under its person's row. */
function pendingRowOf(
  result: ReturnType<typeof useActionData<typeof action>>,
  here: string,
): PendingRow | null {
  if (!result) return null;
  if (result.confirm) {
    const { confirm } = result;
    return {
      userId: confirm.userId,
      role: confirm.kind === 'role' ? confirm.role : null,
      orgRole: confirm.kind === 'org-role' ? { chosen: confirm.orgRole } : null,
      panel: <AdminConfirm pending={confirm} cancelTo={here} />,
    };
  }
  if ('enroll' in result && result.enroll) {
    return {
      userId: result.enroll.userId,
      role: null,
      orgRole: null,
      panel: <AdminEnroll choice={result.enroll} cancelTo={here} />,
    };
  }
  return null;
}

function countSentence(list: ListTotal, shown: number, q: string, filtered: boolean): string {
  const people = countOf(list, 'person', 'people');
  const sentence = !filtered
    ? `${people} on Aurora`
    : q
      ? `${people} matching “${q}”`
      : `${people} with this role`;
  return shown < list.total ? `${sentence} · showing ${shown}` : sentence;
}

export const ErrorBoundary = AdminErrorBoundary;
