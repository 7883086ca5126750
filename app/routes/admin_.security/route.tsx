import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { SecurityFilters } from '~/components/admin/SecurityFilters';
import { SecurityLogTable } from '~/components/admin/SecurityLogTable';
import { CursorPager } from '~/components/CursorPager';
import { Alert } from '~/components/forms/Alert';
import { callerFailure } from '~/lib/forms.server';
import adminStylesUrl from '~/styles/admin.css?url';
import { securityFilterOf, securityHref, securityQueryOf } from './query';
import { countOf, type ListTotal } from '~/lib/list-total';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: adminStylesUrl }];

export const meta: MetaFunction = ({ error }) => [{ title: adminPageTitle(error, 'Security log') }];

const PAGE_SIZE = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = securityQueryOf(new URL(request.url));
  try {
    const log = await context.trpc.video.securityLog({ ...securityFilterOf(query), limit: PAGE_SIZE });
    return { log, query, problem: null };
  } catch (error) {
    // Who may see this page is the procedure's decision; the page only explains it.
    const failure = callerFailure(error);
    if (failure?.code === 'BAD_REQUEST') {
      // A stale cursor (an old bookmark): start the list again.
      if (query.cursor) throw redirect(securityHref({ ...query, cursor: null }));
      return {
        log: { items: [], nextCursor: null, total: 0, totalCapped: false },
        query,
        problem: failure.message,
      };
    }
    throwAdminRefusal(request, error);
  }
}

export default function AdminSecurityPage() {
  const { log, query, problem } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.email || query.action || query.from || query.to);
  const alerts = log.items.filter((event) => event.action === 'video_alert').length;

  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">Admin</p>
        <h1>Security log</h1>
        <p className="page-header__lead">
          Who was given a video, who was refused and why, and changes to lesson videos. Five refusals in ten
          minutes from one person or address raise an alert.
        </p>
      </header>
      <AdminNav />

      <SecurityFilters key={securityHref(query)} {...query} />

      {problem ? (
        <Alert tone="error" title="Those filters didn’t work">
          <p>{problem}</p>
        </Alert>
      ) : null}

      <div className="people-panel">
        <p className="people-panel__count" role="status">
          {countSentence(log, log.items.length, filtered)}
          {alerts > 0 ? ` · ${alerts} ${alerts === 1 ? 'alert' : 'alerts'} on this page` : ''}
        </p>
        {log.items.length > 0 ? (
          <div className="security-scroll">
            <SecurityLogTable events={log.items} />
          </div>
        ) : (
          <div className="empty-state">
            <p>No security events match these filters.</p>
            {filtered ? (
              <Link to="/admin/security" className="button button--secondary">
                Show all events
              </Link>
            ) : null}
          </div>
        )}
      </div>

      <CursorPager
        label="Pages of security events"
        firstHref={query.cursor ? securityHref({ ...query, cursor: null }) : null}
        nextHref={log.nextCursor ? securityHref({ ...query, cursor: log.nextCursor }) : null}
      />
    </div>
  );
}

function countSentence(list: ListTotal, shown: number, filtered: boolean): string {
  const events = countOf(list, 'event', 'events');
  const sentence = filtered ? `${events} matching these filters` : `${events} recorded`;
  return shown < list.total ? `${sentence} · showing ${shown}` : sentence;
}

export const ErrorBoundary = AdminErrorBoundary;
