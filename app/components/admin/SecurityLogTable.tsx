import type { Caller } from '../../../server/trpc/root';
import { securityActionOf } from '~/lib/video';

/** One row of `video.securityLog`, as the server types it (every field is a string, so it survives JSON). */
export type SecurityEvent = Awaited<ReturnType<Caller['video']['securityLog']>>['items'][number];

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const CLOCK = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** "29 Nov 2026" and "04:13:50 UTC"; fixed to UTC so server and browser agree. */
function instantParts(value: string): [string, string] {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? [value, ''] : [DAY.format(date), `${CLOCK.format(date)} UTC`];
}

/**
 * Security events, newest first. Refusals read as warnings and alerts stand out (a
 * coloured edge and a badge, so colour is never the only signal). On phones each row
 * becomes a card (admin.css), its cells labelled through data-label.
 */
export function SecurityLogTable({ events }: { events: readonly SecurityEvent[] }) {
  return (
    <table className="users-table security-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Event</th>
          <th scope="col">Person</th>
          <th scope="col">IP address</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const action = securityActionOf(event.action);
          return (
            <tr key={event.id} className={`security-row security-row--${action.tone}`}>
              <td data-label="Time" className="security-table__time">
                <time dateTime={event.timestamp}>
                  {instantParts(event.timestamp).map((part) => (
                    <span key={part} className="security-table__when">
                      {part}
                    </span>
                  ))}
                </time>
              </td>
              <th scope="row" data-label="Event" className="security-table__action">
                <span className={`security-badge security-badge--${action.tone}`}>
                  {action.tone === 'alert' ? <span aria-hidden="true">⚠ </span> : null}
                  {action.label}
                </span>
              </th>
              <td data-label="Person" className="security-table__person">
                {event.user ? (
                  <span className="security-person">
                    <span className="security-person__name">{event.user.name}</span>
                    <span className="security-person__email">{event.user.email}</span>
                  </span>
                ) : event.userId ? (
                  <span className="muted">Deleted account</span>
                ) : (
                  <span className="muted">Not signed in</span>
                )}
              </td>
              <td data-label="IP address" className="security-table__ip">
                <span title={event.userAgent || undefined}>{event.ipAddress || '—'}</span>
              </td>
              <td data-label="Details" className="security-table__reason">
                {event.reason || '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
