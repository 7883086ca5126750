import { Form } from '@remix-run/react';
import { ErrorSummary } from '../forms/ErrorSummary';
import { NewPasswordField, PasswordField } from '../forms/PasswordField';
import { SubmitButton } from '../forms/SubmitButton';
import { PEOPLE_LIMITS } from '../../../shared/fields/limits';
import { firstInvalid, summaryItems, type FieldMessages } from '~/lib/form-state';

const IDS = { currentPassword: 'password-current', newPassword: 'password-new' };
export const PASSWORD_FIELD_ORDER = ['currentPassword', 'newPassword'] as const;

export interface PasswordFormResult {
  fieldErrors: FieldMessages;
  formError?: string;
}

/**
 * Changing the password: the current one, then the new one with sign-up's hint. Nothing
 * typed is sent back after an error (passwords never travel in a page), so both are
 * typed again; the first field in error is focused.
 */
export function PasswordForm({ result }: { result: PasswordFormResult | undefined }) {
  const errors = result?.fieldErrors;
  const first = firstInvalid(errors, PASSWORD_FIELD_ORDER);
  return (
    <Form method="post" noValidate className="form-stack password-form" aria-label="Change password">
      <input type="hidden" name="intent" value="password" />
      <ErrorSummary items={summaryItems(errors, IDS, result?.formError)} focusKey={result} />
      <PasswordField
        id={IDS.currentPassword}
        name="currentPassword"
        label="Current password"
        autoComplete="current-password"
        maxLength={PEOPLE_LIMITS.password}
        error={errors?.currentPassword}
        autoFocus={first === 'currentPassword'}
      />
      <NewPasswordField
        id={IDS.newPassword}
        name="newPassword"
        label="New password"
        error={errors?.newPassword}
        autoFocus={first === 'newPassword'}
      />
      <p className="setting-row__text">Changing it signs you out on every other device.</p>
      <div className="form-actions">
        <SubmitButton pendingLabel="Changing your password…" pendingWhen={{ intent: 'password' }}>
          Change password
        </SubmitButton>
      </div>
    </Form>
  );
}
