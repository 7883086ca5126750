import { Form, Link } from '@remix-run/react';
import { ROLES, SEARCH_MAX_LENGTH } from '../../../shared/fields/limits';
import type { Role } from '~/lib/viewer';

const PLURAL: Record<Role, string> = {
  regular: 'Learners',
  instructor: 'Instructors',
  admin: 'Administrators',
};

/** Search and role filter: a GET form, so results have a URL to share or bookmark. */
export function UserFilters({ q, role }: { q: string; role: Role | null }) {
  return (
    <Form method="get" role="search" aria-label="Find people" className="user-filters">
      <div className="user-filters__field user-filters__field--grow">
        <label htmlFor="people-q" className="field__label">
          Search
        </label>
        <input
          id="people-q"
          type="search"
          name="q"
          defaultValue={q}
          placeholder="Name or email"
          className="input"
          maxLength={SEARCH_MAX_LENGTH}
          autoComplete="off"
        />
      </div>
      <div className="user-filters__field">
        <label htmlFor="people-role" className="field__label">
          Role
        </label>
        <select id="people-role" name="role" defaultValue={role ?? ''} className="input select">
          <option value="">All roles</option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {PLURAL[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="user-filters__buttons">
        <button type="submit" className="button button--primary">
          Search
        </button>
        {q || role ? (
          <Link to="/admin" className="button button--quiet">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
