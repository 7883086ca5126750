import { Form, useLocation } from '@remix-run/react';
import { Avatar } from '../Avatar';
import { SubmitButton } from '../forms/SubmitButton';
import { formatDate, isoDate } from '~/lib/format';
import { RoleForm } from './RoleForm';
import type { PersonRow } from './types';

/**
 * The people table. On narrow screens each row becomes a card (see admin.css): the
 * cells carry their column name in data-label for that layout.
 */
export function UsersTable({
  people,
  viewerId,
  pendingId,
}: {
  people: PersonRow[];
  viewerId: string | null;
  /** The person a confirmation above the table is about; their row is highlighted. */
  pendingId: string | null;
}) {
  // A new location (after Cancel, a save or a search) resets each row's role select to the truth.
  const { key } = useLocation();
  return (
    <table className="users-table">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Role</th>
          <th scope="col">Joined</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => {
          const isYou = person.id === viewerId;
          return (
            <tr key={person.id} className={person.id === pendingId ? 'is-pending' : undefined}>
              <th scope="row" className="users-table__person">
                <Avatar name={person.name} url={person.avatarUrl} />
                <span className="users-table__who">
                  <span className="users-table__name">
                    {person.name}
                    {isYou ? <span className="badge badge--quiet">You</span> : null}
                  </span>
                  <span className="users-table__email">{person.email}</span>
                </span>
              </th>
              <td data-label="Role">
                <RoleForm key={`${key}:${person.role}`} person={person} />
              </td>
              <td data-label="Joined">
                <time dateTime={isoDate(person.createdAt)}>{formatDate(person.createdAt)}</time>
              </td>
              <td className="users-table__actions">
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="enroll" />
                  <input type="hidden" name="userId" value={person.id} />
                  <input type="hidden" name="name" value={person.name} />
                  <SubmitButton
                    tone="quiet"
                    className="button--small"
                    pendingLabel="One moment…"
                    pendingWhen={{ intent: 'enroll', userId: person.id, confirmed: null }}
                    aria-label={`Enroll ${person.name} in a course`}
                  >
                    Enroll in a course…
                  </SubmitButton>
                </Form>
                {isYou ? null : (
                  <Form method="post" preventScrollReset>
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="userId" value={person.id} />
                    <input type="hidden" name="name" value={person.name} />
                    <SubmitButton
                      tone="quiet"
                      className="button--small button--danger-text"
                      pendingLabel="One moment…"
                      pendingWhen={{ intent: 'delete', userId: person.id, confirmed: null }}
                      aria-label={`Delete ${person.name}`}
                    >
                      Delete…
                    </SubmitButton>
                  </Form>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
