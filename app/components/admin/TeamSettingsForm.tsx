import { Form } from '@remix-run/react';
import { ErrorSummary } from '../forms/ErrorSummary';
import { SubmitButton } from '../forms/SubmitButton';
import { firstInvalid, summaryItems } from '~/lib/form-state';
import { TeamFields, teamFieldIds, type TeamFieldsState } from './TeamFields';

export interface TeamFormAttemptState extends TeamFieldsState {
  formError: string | null;
}

const ORDER = ['name', 'description', 'permissions'] as const;

/** A team's name, description and permissions with their error summary: for creating and for changing. */
export function TeamSettingsForm({
  prefix,
  intent,
  state,
  attempt,
  held,
  submitLabel,
  pendingLabel,
}: {
  prefix: string;
  intent: 'create' | 'update';
  /** What the fields show: the last attempt, or the team as it is. */
  state: TeamFieldsState;
  attempt: TeamFormAttemptState | null;
  held: readonly string[];
  submitLabel: string;
  pendingLabel: string;
}) {
  const invalid = ORDER.find((name) => name === firstInvalid(attempt?.fieldErrors, ORDER)) ?? null;
  return (
    <>
      <ErrorSummary
        items={summaryItems(attempt?.fieldErrors, teamFieldIds(prefix), attempt?.formError ?? undefined)}
        focusKey={attempt ?? undefined}
      />
      <Form method="post" noValidate className="team-form">
        <input type="hidden" name="intent" value={intent} />
        <TeamFields prefix={prefix} state={state} held={held} firstInvalid={invalid} />
        <div>
          <SubmitButton pendingLabel={pendingLabel} pendingWhen={{ intent }}>
            {submitLabel}
          </SubmitButton>
        </div>
      </Form>
    </>
  );
}
