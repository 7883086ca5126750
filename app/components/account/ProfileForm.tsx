import { Form } from '@remix-run/react';
import { ErrorSummary } from '../forms/ErrorSummary';
import { FormField, TextField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { PEOPLE_LIMITS } from '../../../shared/fields/limits';
import { firstInvalid, summaryItems, type FieldMessages } from '~/lib/form-state';

const IDS = { name: 'profile-name', bio: 'profile-bio' };

export interface ProfileFormResult {
  fieldErrors: FieldMessages;
  formError?: string;
  values: { name: string; bio: string };
}

/** Name and bio. The email is shown, not edited: it is how the person signs in. */
export function ProfileForm({
  profile,
  result,
}: {
  profile: { name: string; email: string; bio: string };
  result: ProfileFormResult | undefined;
}) {
  const errors = result?.fieldErrors;
  const first = firstInvalid(errors, ['name', 'bio']);
  return (
    <Form method="post" noValidate className="form-stack" aria-label="Profile details">
      <input type="hidden" name="intent" value="profile" />
      <ErrorSummary items={summaryItems(errors, IDS, result?.formError)} focusKey={result} />
      <TextField
        id={IDS.name}
        name="name"
        label="Name"
        autoComplete="name"
        maxLength={PEOPLE_LIMITS.name}
        defaultValue={result?.values.name ?? profile.name}
        error={errors?.name}
        autoFocus={first === 'name'}
      />
      <FormField
        id={IDS.bio}
        label="Bio"
        optional
        hint="A line or two about you. Teachers and classmates see it next to your name."
        error={errors?.bio}
      >
        {(control) => (
          <textarea
            {...control}
            name="bio"
            rows={4}
            maxLength={PEOPLE_LIMITS.bio}
            className="input textarea"
            defaultValue={result?.values.bio ?? profile.bio}
            autoFocus={first === 'bio'}
          />
        )}
      </FormField>
      <div className="field">
        <span className="field__label" id="profile-email-label">
          Email
        </span>
        <p className="field__static" aria-labelledby="profile-email-label">
          {profile.email}
        </p>
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel="Saving…" pendingWhen={{ intent: 'profile' }}>
          Save profile
        </SubmitButton>
      </div>
    </Form>
  );
}
