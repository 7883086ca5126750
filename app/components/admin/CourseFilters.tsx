import { Form, Link } from '@remix-run/react';
import { SEARCH_MAX_LENGTH } from '../../../shared/fields/limits';

type Status = 'published' | 'draft';

/** Search and status filter for all courses: a GET form, so results have a URL to share. */
export function CourseFilters({ q, status }: { q: string; status: Status | null }) {
  return (
    <Form method="get" role="search" aria-label="Find courses" className="user-filters">
      <div className="user-filters__field user-filters__field--grow">
        <label htmlFor="courses-q" className="field__label">
          Search
        </label>
        <input
          id="courses-q"
          type="search"
          name="q"
          defaultValue={q}
          placeholder="Title, description or tag"
          className="input"
          maxLength={SEARCH_MAX_LENGTH}
          autoComplete="off"
        />
      </div>
      <div className="user-filters__field">
        <label htmlFor="courses-status" className="field__label">
          Status
        </label>
        <select id="courses-status" name="status" defaultValue={status ?? ''} className="input select">
          <option value="">Published and drafts</option>
          <option value="published">Published</option>
          <option value="draft">Drafts</option>
        </select>
      </div>
      <div className="user-filters__buttons">
        <button type="submit" className="button button--primary">
          Search
        </button>
        {q || status ? (
          <Link to="/admin/courses" className="button button--quiet">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
