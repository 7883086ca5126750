/**
 * /admin/mail: the mail outbox. Everything Aurora sent or means to send, newest first, in
 * cursor pages that work without JavaScript; each message opens as its recipient sees it.
 * Without an SMTP server (SMTP_URL) every message waits here, and the page says so.
 */
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { CursorPager } from '~/components/CursorPager';
import { Alert } from '~/components/forms/Alert';
import { callerFailure } from '~/lib/forms.server';
import adminStylesUrl from '~/styles/admin.css?url';
import mailStylesUrl from './mail.css?url';
import { MailFilters } from './MailFilters';
import { MailTable } from './MailTable';
import { mailHref, mailQueryOf, MAIL_STATUS_FILTERS } from './query';
import { countOf, type ListTotal } from '~/lib/list-total';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: adminStylesUrl },
  { rel: 'stylesheet', href: mailStylesUrl },
];

export const meta: MetaFunction = ({ error }) => [{ title: adminPageTitle(error, 'Mail') }];

const PAGE_SIZE = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = mailQueryOf(new URL(request.url));
  try {
    const mail = await context.trpc.mail.list({
      status: query.status ?? undefined,
      cursor: query.cursor ?? undefined,
      limit: PAGE_SIZE,
    });
    return { mail, query };
  } catch (error) {
    // Who may see this page is the procedure's decision; the page only explains it.
    const failure = callerFailure(error);
    // A stale or mangled cursor (an old bookmark): start the list again.
    if (failure?.code === 'BAD_REQUEST' && query.cursor) throw redirect(mailHref({ ...query, cursor: null }));
    throwAdminRefusal(request, error);
  }
}

export default function AdminMailPage() {
  const { mail, query } = useLoaderData<typeof loader>();
  const statusLabel = MAIL_STATUS_FILTERS.find((known) => known.value === query.status)?.label.toLowerCase();

  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">Admin</p>
        <h1>Mail</h1>
        <p className="page-header__lead">
          Every message Aurora sends goes through this outbox first: welcome mail, alerts and notices. Open a
          message to see it as its recipient does.
        </p>
      </header>
      <AdminNav />

      {mail.transport === 'outbox' ? (
        <Alert tone="info" title="Mail is not being sent">
          <p>
            No SMTP server is configured, so messages wait here instead of going out. Set{' '}
            <code>SMTP_URL</code> (for example <code>smtp://user:password@mail.example.org:587</code>) and
            restart Aurora: waiting messages are then sent within a minute.
          </p>
        </Alert>
      ) : null}

      <MailFilters key={mailHref(query)} status={query.status} />

      <div className="people-panel">
        <p className="people-panel__count" role="status">
          {countSentence(mail, mail.items.length, statusLabel)}
        </p>
        {mail.items.length > 0 ? (
          <div className="mail-scroll">
            <MailTable messages={mail.items} />
          </div>
        ) : (
          <div className="empty-state">
            <p>
              {statusLabel
                ? `No ${statusLabel} mail.`
                : 'No mail yet. Messages appear here as soon as Aurora queues them, for example when someone enrols in a course.'}
            </p>
            {statusLabel ? (
              <Link to="/admin/mail" className="button button--secondary">
                Show all mail
              </Link>
            ) : null}
          </div>
        )}
      </div>

      <CursorPager
        label="Pages of mail"
        firstHref={query.cursor ? mailHref({ ...query, cursor: null }) : null}
        nextHref={mail.nextCursor ? mailHref({ ...query, cursor: mail.nextCursor }) : null}
      />
    </div>
  );
}

function countSentence(list: ListTotal, shown: number, statusLabel: string | undefined): string {
  const messages = countOf(list, 'message', 'messages');
  const sentence = statusLabel ? `${messages} ${statusLabel}` : `${messages} in the outbox`;
  return shown < list.total ? `${sentence} · showing ${shown}` : sentence;
}

export const ErrorBoundary = AdminErrorBoundary;
