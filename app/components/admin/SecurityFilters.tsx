import { Form, Link } from '@remix-run/react';
import { PEOPLE_LIMITS } from '../../../shared/fields/limits';
import { SECURITY_ACTIONS } from '~/lib/video';

/** The security log's filters: a GET form, so a filtered view has a URL to share. */
export function SecurityFilters({
  email,
  action,
  from,
  to,
}: {
  email: string;
  action: string | null;
  from: string;
  to: string;
}) {
  const filtered = Boolean(email || action || from || to);
  return (
    <Form method="get" role="search" aria-label="Filter security events" className="user-filters">
      <div className="user-filters__field user-filters__field--grow">
        <label htmlFor="security-email" className="field__label">
          Person’s email
        </label>
        <input
          id="security-email"
          type="search"
          name="email"
          defaultValue={email}
          placeholder="name@school.org"
          className="input"
          maxLength={PEOPLE_LIMITS.email}
          autoComplete="off"
        />
      </div>
      <div className="user-filters__field">
        <label htmlFor="security-action" className="field__label">
          Event
        </label>
        <select id="security-action" name="action" defaultValue={action ?? ''} className="input select">
          <option value="">All events</option>
          {SECURITY_ACTIONS.map((known) => (
            <option key={known.value} value={known.value}>
              {known.label}
            </option>
          ))}
        </select>
      </div>
      <div className="user-filters__field">
        <label htmlFor="security-from" className="field__label">
          From <span className="field__optional">(UTC)</span>
        </label>
        <input id="security-from" type="datetime-local" name="from" defaultValue={from} className="input" />
      </div>
      <div className="user-filters__field">
        <label htmlFor="security-to" className="field__label">
          To <span className="field__optional">(UTC)</span>
        </label>
        <input id="security-to" type="datetime-local" name="to" defaultValue={to} className="input" />
      </div>
      <div className="user-filters__buttons">
        <button type="submit" className="button button--primary">
          Filter
        </button>
        {filtered ? (
          <Link to="/admin/security" className="button button--quiet">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
