import { Link } from '@remix-run/react';
import { LocalTime } from '~/components/admin/LocalTime';
import { MailStatusBadge } from './MailStatusBadge';
import { mailMessageHref, type MailListItem } from './query';

/**
 * Mail in the outbox, newest first; each subject opens the message as its recipient sees
 * it. On phones each row becomes a card (admin.css), its cells labelled through data-label.
 */
export function MailTable({ messages }: { messages: readonly MailListItem[] }) {
  return (
    <table className="users-table mail-table">
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">To</th>
          <th scope="col">Status</th>
          <th scope="col">Queued</th>
          <th scope="col">Sent</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((message) => (
          <tr key={message.id}>
            <th scope="row" data-label="Subject" className="mail-table__subject">
              <Link to={mailMessageHref(message.id)}>{message.subject}</Link>
              <span className="mail-table__kind">{message.kind}</span>
            </th>
            <td data-label="To" className="mail-table__to">
              {message.to}
            </td>
            <td data-label="Status">
              <MailStatusBadge status={message.status} />
              {message.status !== 'sent' && message.attempts > 0 ? (
                <span className="mail-table__attempts">
                  {message.attempts} {message.attempts === 1 ? 'attempt' : 'attempts'}
                  {message.lastError ? <span className="mail-table__error">{message.lastError}</span> : null}
                </span>
              ) : null}
            </td>
            <td data-label="Queued" className="mail-table__time">
              <LocalTime value={message.createdAt} />
            </td>
            <td data-label="Sent" className="mail-table__time">
              {message.sentAt ? <LocalTime value={message.sentAt} /> : <span className="muted">Not yet</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
