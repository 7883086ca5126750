import { Form } from '@remix-run/react';
import { ErrorSummary } from '../forms/ErrorSummary';
import { TextField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { firstInvalid, summaryItems } from '~/lib/form-state';
import { isRole, PEOPLE_LIMITS, ROLES } from '../../../shared/fields/limits';
import { ROLE_LABEL } from '~/lib/roles';
import type { Role } from '~/lib/viewer';

export type AddPersonField = 'name' | 'email' | 'role';

export interface AddPersonAttempt {
  values: { name: string; email: string; role: string };
  fieldErrors: Partial<Record<AddPersonField, string>>;
  formError: string | null;
}

const IDS = { name: 'add-person-name', email: 'add-person-email', role: 'add-person-role' };
const ORDER = ['name', 'email', 'role'] as const;

/**
 * "Add person": a disclosure, so it works without JavaScript and stays out of the way
 * until wanted. It opens by itself again when the last attempt needs correcting.
 */
export function AddPerson({ attempt }: { attempt: AddPersonAttempt | null }) {
  const errors = attempt?.fieldErrors;
  const first = firstInvalid(errors, ORDER);
  const asked = attempt?.values.role;
  const role = isRole(asked) ? asked : ('regular' satisfies Role);
  return (
    <details className="add-person" open={attempt ? true : undefined}>
      <summary className="button button--primary add-person__toggle">Add person</summary>
      <section className="add-person__panel" aria-labelledby="add-person-title">
        <h2 id="add-person-title" className="add-person__title">
          Add a person
        </h2>
        <p className="muted">
          They get an account without a password. You’ll get a one-time link to give them, valid for 7 days,
          with which they choose their own password.
        </p>
        <ErrorSummary
          items={summaryItems(errors, IDS, attempt?.formError ?? undefined)}
          focusKey={attempt ?? undefined}
        />
        <Form method="post" noValidate className="add-person__form">
          <input type="hidden" name="intent" value="invite" />
          <TextField
            id={IDS.name}
            name="name"
            label="Name"
            autoComplete="off"
            maxLength={PEOPLE_LIMITS.name}
            defaultValue={attempt?.values.name}
            error={errors?.name}
            autoFocus={first === 'name'}
          />
          <TextField
            id={IDS.email}
            name="email"
            type="email"
            label="Email"
            autoComplete="off"
            inputMode="email"
            maxLength={PEOPLE_LIMITS.email}
            defaultValue={attempt?.values.email}
            error={errors?.email}
            autoFocus={first === 'email'}
          />
          <div className={['field', errors?.role ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
            <label htmlFor={IDS.role} className="field__label">
              Role
            </label>
            <select id={IDS.role} name="role" defaultValue={role} className="input select">
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {ROLE_LABEL[value]}
                </option>
              ))}
            </select>
            {errors?.role ? <p className="field__error">{errors.role}</p> : null}
          </div>
          <div className="add-person__submit">
            <SubmitButton pendingLabel="Adding…" pendingWhen={{ intent: 'invite' }}>
              Add person and get link
            </SubmitButton>
          </div>
        </Form>
      </section>
    </details>
  );
}
