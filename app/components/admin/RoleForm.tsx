import { Form } from '@remix-run/react';
import { SubmitButton } from '../forms/SubmitButton';
import { ROLES } from '../../../shared/fields/limits';
import { ROLE_LABEL } from '~/lib/roles';
import type { PersonRow } from './types';

/**
 * The first step of a role change: it only asks the server for a confirmation (see
 * ConfirmPanel), so a stray click or a mis-chosen option changes nothing yet. While that
 * confirmation is open the select keeps the role chosen (`selected`), not the saved one.
 */
export function RoleForm({
  person,
  selected = person.role,
}: {
  person: PersonRow;
  selected?: PersonRow['role'];
}) {
  const selectId = `role-${person.id}`;
  return (
    <Form method="post" className="role-form" preventScrollReset>
      <input type="hidden" name="intent" value="change-role" />
      <input type="hidden" name="userId" value={person.id} />
      <input type="hidden" name="name" value={person.name} />
      <label htmlFor={selectId} className="visually-hidden">
        Role for {person.name}
      </label>
      <select id={selectId} name="role" defaultValue={selected} className="input select select--compact">
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABEL[role]}
          </option>
        ))}
      </select>
      <SubmitButton
        tone="secondary"
        className="button--small"
        pendingLabel="…"
        pendingWhen={{ intent: 'change-role', userId: person.id, confirmed: null }}
        aria-label={`Save role for ${person.name}`}
      >
        Save
      </SubmitButton>
    </Form>
  );
}
