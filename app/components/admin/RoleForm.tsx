import { Form } from '@remix-run/react';
import { SubmitButton } from '../forms/SubmitButton';
import { ROLES } from '../../../shared/fields/limits';
import { ORG_ROLE_NAMES, ORG_ROLES, type OrgRole } from '../../../shared/permissions';
import { NO_ORG_ROLE, ROLE_LABEL } from '~/lib/roles';
import type { PersonRow } from './types';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }));
const ORG_ROLE_OPTIONS = [
  { value: NO_ORG_ROLE, label: 'None' },
  ...ORG_ROLES.map((orgRole) => ({ value: orgRole, label: ORG_ROLE_NAMES[orgRole] })),
];

/**
 * The first step of a role change: it only asks the server for a confirmation (see
 * ConfirmPanel), so a stray click or a mis-chosen option changes nothing yet. While that
 * confirmation is open the select keeps the role chosen (`selected`), not the saved one.
 * The base role and the organization role each have one, side by side.
 */
function ChoiceForm({
  person,
  intent,
  field,
  what,
  options,
  selected,
}: {
  person: PersonRow;
  intent: string;
  field: string;
  /** "role", "organization role": for the labels a screen reader reads ("Role for Ada"). */
  what: 'role' | 'organization role';
  options: readonly { value: string; label: string }[];
  selected: string;
}) {
  const selectId = `${field}-${person.id}`;
  return (
    <Form method="post" className="role-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={person.id} />
      <input type="hidden" name="name" value={person.name} />
      <label htmlFor={selectId} className="visually-hidden">
        {what === 'role' ? 'Role' : 'Organization role'} for {person.name}
      </label>
      <select id={selectId} name={field} defaultValue={selected} className="input select select--compact">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <SubmitButton
        tone="secondary"
        className="button--small"
        pendingLabel="…"
        pendingWhen={{ intent, userId: person.id, confirmed: null }}
        aria-label={`Save ${what} for ${person.name}`}
      >
        Save
      </SubmitButton>
    </Form>
  );
}

export function RoleForm({
  person,
  selected = person.role,
}: {
  person: PersonRow;
  selected?: PersonRow['role'];
}) {
  return (
    <ChoiceForm
      person={person}
      intent="change-role"
      field="role"
      what="role"
      options={ROLE_OPTIONS}
      selected={selected}
    />
  );
}

export function OrgRoleForm({
  person,
  selected = person.orgRole,
}: {
  person: PersonRow;
  selected?: OrgRole | null;
}) {
  return (
    <ChoiceForm
      person={person}
      intent="change-org-role"
      field="orgRole"
      what="organization role"
      options={ORG_ROLE_OPTIONS}
      selected={selected ?? NO_ORG_ROLE}
    />
  );
}
