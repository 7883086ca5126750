import { Link } from '@remix-run/react';
import type { Caller } from '../../../server/trpc/root';
import { securityActionOf } from '~/lib/video';
import { LocalTime } from './LocalTime';

/** One row of `video.securityLog`, as the server types it (every field is a string, so it survives JSON). */
export type SecurityEvent = Awaited<ReturnType<Caller['video']['securityLog']>>['items'][number];

type ReasonPart = SecurityEvent['details'][number];

const peopleHref = (email: string) => `/admin?q=${encodeURIComponent(email)}`;

/** One piece of an event's details: names link to what they name; ids only on hover. */
function Part({ part }: { part: ReasonPart }) {
  switch (part.kind) {
    case 'text':
      return <>{part.text}</>;
    case 'lesson':
      if (!part.title || !part.courseId) return <span title={`Lesson ${part.id}`}>a deleted lesson</span>;
      return (
        <>
          lesson <Link to={`/courses/${part.courseId}/lessons/${part.id}`}>{part.title}</Link>
          {part.courseTitle ? (
            <>
              {' '}
              (<Link to={`/courses/${part.courseId}`}>{part.courseTitle}</Link>)
            </>
          ) : null}
        </>
      );
    case 'course':
      return part.title ? (
        <>
          course <Link to={`/courses/${part.id}`}>{part.title}</Link>
        </>
      ) : (
        <span title={`Course ${part.id}`}>a deleted course</span>
      );
    case 'user':
      return part.name && part.email ? (
        <Link to={peopleHref(part.email)}>{part.name}</Link>
      ) : (
        <span title={`Account ${part.id}`}>a deleted account</span>
      );
    case 'token':
      return (
        <span className="security-token" title={`Video link ${part.id}`}>
          video link …{part.id.slice(-6)}
        </span>
      );
  }
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
                <LocalTime value={event.timestamp} className="security-table__when" />
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
                    <Link to={peopleHref(event.user.email)} className="security-person__name">
                      {event.user.name}
                    </Link>
                    <span className="security-person__email">{event.user.email}</span>
                  </span>
                ) : event.userId?.startsWith('visitor:') ? (
                  <span className="muted" title={event.userId}>
                    Visitor (no account)
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
                {event.details.length > 0
                  ? event.details.map((part, index) => <Part key={index} part={part} />)
                  : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
