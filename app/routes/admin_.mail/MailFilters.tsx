import { Form, Link } from '@remix-run/react';
import { MAIL_STATUS_FILTERS, type MailStatus } from './query';

/** The outbox's status filter: a GET form, so it works without JavaScript and has a URL. */
export function MailFilters({ status }: { status: MailStatus | null }) {
  return (
    <Form method="get" aria-label="Filter mail" className="user-filters">
      <div className="user-filters__field">
        <label htmlFor="mail-status" className="field__label">
          Status
        </label>
        <select id="mail-status" name="status" defaultValue={status ?? ''} className="input select">
          <option value="">All mail</option>
          {MAIL_STATUS_FILTERS.map((known) => (
            <option key={known.value} value={known.value}>
              {known.label}
            </option>
          ))}
        </select>
      </div>
      <div className="user-filters__buttons">
        <button type="submit" className="button button--primary">
          Show
        </button>
        {status ? (
          <Link to="/admin/mail" className="button button--quiet">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
