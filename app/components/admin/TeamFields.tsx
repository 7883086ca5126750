import { TextField } from '../forms/FormField';
import { PERMISSIONS, PERMISSION_DESCRIPTIONS, type Permission } from '../../../shared/permissions';
import { TEAM_LIMITS } from '../../../shared/fields/limits';

export type TeamFieldName = 'name' | 'description' | 'permissions';

export interface TeamFieldsState {
  values: { name: string; description: string; permissions: readonly string[]; requiresReview: boolean };
  fieldErrors: Partial<Record<TeamFieldName, string>>;
}

/** The ids of the fields, for the error summary's links. */
export function teamFieldIds(prefix: string): Record<TeamFieldName, string> {
  return {
    name: `${prefix}-name`,
    description: `${prefix}-description`,
    permissions: `${prefix}-permissions`,
  };
}

/**
 * A team's name, description and permissions, for creating one and for changing it.
 * Each permission is a checkbox with its words from the catalogue. One the admin does
 * not hold cannot be given (team.create and team.update refuse it too), so it is shown
 * disabled — unless the team already has it, which they may keep or take away.
 */
export function TeamFields({
  prefix,
  state,
  held,
  firstInvalid,
}: {
  prefix: string;
  state: TeamFieldsState;
  /** What the admin holds across the organization. */
  held: readonly string[];
  firstInvalid: TeamFieldName | null;
}) {
  const ids = teamFieldIds(prefix);
  const { values, fieldErrors } = state;
  const hintId = `${ids.permissions}-hint`;
  const errorId = `${ids.permissions}-error`;
  return (
    <>
      <TextField
        id={ids.name}
        name="name"
        label="Name"
        autoComplete="off"
        maxLength={TEAM_LIMITS.name}
        defaultValue={values.name}
        error={fieldErrors.name}
        autoFocus={firstInvalid === 'name'}
      />
      <div className={['field', fieldErrors.description ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
        <label htmlFor={ids.description} className="field__label">
          Description <span className="field__optional">(optional)</span>
        </label>
        <textarea
          id={ids.description}
          name="description"
          className="input textarea textarea--short"
          maxLength={TEAM_LIMITS.description}
          defaultValue={values.description}
          aria-invalid={fieldErrors.description ? true : undefined}
          aria-describedby={fieldErrors.description ? `${ids.description}-error` : undefined}
          autoFocus={firstInvalid === 'description'}
        />
        {fieldErrors.description ? (
          <p id={`${ids.description}-error`} className="field__error">
            {fieldErrors.description}
          </p>
        ) : null}
      </div>
      <fieldset
        id={ids.permissions}
        className={['team-permissions', fieldErrors.permissions ? 'field--invalid' : '']
          .filter(Boolean)
          .join(' ')}
        aria-describedby={[fieldErrors.permissions ? errorId : '', hintId].filter(Boolean).join(' ')}
      >
        <legend className="field__label">Permissions on the team’s courses</legend>
        <p id={hintId} className="field__hint">
          Every member, lead or not, holds these on the courses that belong to the team.
        </p>
        {fieldErrors.permissions ? (
          <p id={errorId} className="field__error">
            <span className="visually-hidden">Error:</span> {fieldErrors.permissions}
          </p>
        ) : null}
        <ul className="team-permissions__list">
          {PERMISSIONS.map((permission) => (
            <PermissionBox
              key={permission}
              id={`${prefix}-permission-${permission.replace('.', '-')}`}
              permission={permission}
              checked={values.permissions.includes(permission)}
              held={held.includes(permission)}
            />
          ))}
        </ul>
      </fieldset>
      <div className="team-permission">
        <input
          id={`${prefix}-requires-review`}
          type="checkbox"
          name="requiresReview"
          value="yes"
          defaultChecked={values.requiresReview}
          aria-describedby={`${prefix}-requires-review-hint`}
        />
        <span className="team-permission__label">
          <label htmlFor={`${prefix}-requires-review`}>
            Review the team’s courses before they are published
          </label>
          <span id={`${prefix}-requires-review-hint`} className="team-permission__note">
            Its authors submit a course for review; a reviewer approves it or asks for changes.
          </span>
        </span>
      </div>
    </>
  );
}

function PermissionBox({
  id,
  permission,
  checked,
  held,
}: {
  id: string;
  permission: Permission;
  checked: boolean;
  held: boolean;
}) {
  const locked = !held && !checked;
  const noteId = `${id}-note`;
  return (
    <li className={['team-permission', locked ? 'team-permission--locked' : ''].filter(Boolean).join(' ')}>
      <input
        id={id}
        type="checkbox"
        name="permissions"
        value={permission}
        defaultChecked={checked}
        disabled={locked}
        aria-describedby={locked ? noteId : undefined}
      />
      <span className="team-permission__label">
        <label htmlFor={id}>
          {PERMISSION_DESCRIPTIONS[permission]} <span className="team-permission__code">{permission}</span>
        </label>
        {locked ? (
          <span id={noteId} className="team-permission__note">
            You don’t hold it, so you can’t give it.
          </span>
        ) : null}
      </span>
    </li>
  );
}

/** A team's permissions for someone who may not change them: the words, then the names. */
export function TeamPermissionList({
  permissions,
  requiresReview,
}: {
  permissions: readonly Permission[];
  requiresReview: boolean;
}) {
  return (
    <>
      {permissions.length === 0 ? (
        <p className="muted">This team gives its members no permissions on its courses.</p>
      ) : (
        <ul className="team-permissions__read">
          {permissions.map((permission) => (
            <li key={permission}>
              {PERMISSION_DESCRIPTIONS[permission]}{' '}
              <code className="team-permission__code">{permission}</code>
            </li>
          ))}
        </ul>
      )}
      {requiresReview ? <p>The team’s courses are reviewed before they are published.</p> : null}
    </>
  );
}
