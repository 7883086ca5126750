import { Form, useLocation } from '@remix-run/react';
import { Fragment, type ReactNode } from 'react';
import { Avatar } from '../Avatar';
import { SubmitButton } from '../forms/SubmitButton';
import { formatDate, isoDate } from '~/lib/format';
import { ORG_ROLE_NAMES } from '../../../shared/permissions';
import { OrgRoleForm, RoleForm } from './RoleForm';
import type { PersonRow } from './types';

/** A second step waiting for the admin: shown in a row right below the person it is about. */
export interface PendingRow {
  userId: string;
  /** The role chosen before "Save", kept in that row's select while the confirmation is open. */
  role: PersonRow['role'] | null;
  /** The same for the organization role (its value may be null: none). */
  orgRole: { chosen: PersonRow['orgRole'] } | null;
  panel: ReactNode;
}

/**
 * The people table. On narrow screens each row becomes a card (see admin.css): the
 * cells carry their column name in data-label for that layout. A pending confirmation
 * opens directly under its person's row, where the admin's eyes already are. The
 * organization role is a form only for those who may assign it (`roles.assign`).
 */
export function UsersTable({
  people,
  viewerId,
  pending,
  canAssignOrgRoles,
}: {
  people: PersonRow[];
  viewerId: string | null;
  pending: PendingRow | null;
  canAssignOrgRoles: boolean;
}) {
  // A new location (after Cancel, a save or a search) resets each row's role select to the truth.
  const { key } = useLocation();
  return (
    <table className="users-table">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Role</th>
          <th scope="col">Organization role</th>
          <th scope="col">Joined</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => {
          const isYou = person.id === viewerId;
          const waiting = pending?.userId === person.id ? pending : null;
          const shownRole = waiting?.role ?? person.role;
          const shownOrgRole = waiting?.orgRole ? waiting.orgRole.chosen : person.orgRole;
          return (
            <Fragment key={person.id}>
              <tr className={waiting ? 'is-pending' : undefined}>
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
                  <RoleForm key={`${key}:${person.role}:${shownRole}`} person={person} selected={shownRole} />
                </td>
                <td data-label="Organization role">
                  {canAssignOrgRoles ? (
                    <OrgRoleForm
                      key={`${key}:${person.orgRole ?? ''}:${shownOrgRole ?? ''}`}
                      person={person}
                      selected={shownOrgRole}
                    />
                  ) : (
                    <span className={person.orgRole ? undefined : 'users-table__none'}>
                      {person.orgRole ? ORG_ROLE_NAMES[person.orgRole] : 'None'}
                    </span>
                  )}
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
                      aria-label={`Enroll in a course: ${person.name}`}
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
              {waiting ? (
                <tr className="users-table__pending">
                  <td colSpan={5}>{waiting.panel}</td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
