/**
 * /admin/mail/:messageId: one message as its recipient sees it. The HTML part is shown in
 * a sandboxed frame from /api/mail/preview/:messageId, which serves it under a policy of
 * its own (no scripts, nothing fetched but images), so a message's markup can never act
 * on this page; below it, the plain-text part and the headers that went with it.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { LocalTime } from '~/components/admin/LocalTime';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { callerFailure } from '~/lib/forms.server';
import adminStylesUrl from '~/styles/admin.css?url';
import mailStylesUrl from '../admin_.mail/mail.css?url';
import { MailStatusBadge } from '../admin_.mail/MailStatusBadge';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: adminStylesUrl },
  { rel: 'stylesheet', href: mailStylesUrl },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: adminPageTitle(error, data ? `${data.message.subject} · Mail` : 'Mail') },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const message = await context.trpc.mail.get({ messageId: params.messageId ?? '' });
    return { message };
  } catch (error) {
    const failure = callerFailure(error);
    if (failure?.code === 'NOT_FOUND' || failure?.code === 'BAD_REQUEST')
      throw new Response('That message does not exist.', { status: 404 });
    throwAdminRefusal(request, error);
  }
}

export default function AdminMailMessagePage() {
  const { message } = useLoaderData<typeof loader>();
  const headers = Object.entries(message.headers);

  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/mail">Mail</Link> / Message
        </p>
        <h1>{message.subject}</h1>
      </header>
      <AdminNav />

      <section className="mail-facts" aria-label="About this message">
        <dl>
          <div>
            <dt>To</dt>
            <dd>{message.to}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <MailStatusBadge status={message.status} />
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{message.kind}</dd>
          </div>
          <div>
            <dt>Queued</dt>
            <dd>
              <LocalTime value={message.createdAt} />
            </dd>
          </div>
          <div>
            <dt>Sent</dt>
            <dd>{message.sentAt ? <LocalTime value={message.sentAt} /> : 'Not yet'}</dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>{message.attempts}</dd>
          </div>
          {message.status === 'waiting' && message.attempts > 0 ? (
            <div>
              <dt>Next attempt</dt>
              <dd>
                <LocalTime value={message.nextAttemptAt} />
              </dd>
            </div>
          ) : null}
          {message.lastError ? (
            <div className="mail-facts__wide">
              <dt>Last error</dt>
              <dd className="mail-facts__error">{message.lastError}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="mail-part" aria-labelledby="mail-html-title">
        <h2 id="mail-html-title">As the recipient sees it</h2>
        <iframe
          className="mail-part__frame"
          title={`The message “${message.subject}”, as its recipient sees it`}
          src={`/api/mail/preview/${encodeURIComponent(message.id)}`}
          sandbox=""
          referrerPolicy="no-referrer"
        />
      </section>

      <section className="mail-part" aria-labelledby="mail-text-title">
        <h2 id="mail-text-title">Plain-text part</h2>
        <pre className="mail-part__text" tabIndex={0}>
          {message.text}
        </pre>
      </section>

      <section className="mail-part" aria-labelledby="mail-headers-title">
        <h2 id="mail-headers-title">Headers</h2>
        <dl className="mail-headers">
          <div>
            <dt>Idempotency key</dt>
            <dd>
              <code>{message.key}</code>
            </dd>
          </div>
          {message.messageId ? (
            <div>
              <dt>Message-ID</dt>
              <dd>
                <code>{message.messageId}</code>
              </dd>
            </div>
          ) : null}
          {headers.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <p>
        <Link to="/admin/mail" className="button button--secondary">
          Back to all mail
        </Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
