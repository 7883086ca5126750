/**
 * The Teams pages' form for a team's name, description and permissions: read from the
 * form data, checked with the same schemas as the `team` procedures (shared/fields/team),
 * and a procedure's refusal turned into messages beside the fields — a taken name beside
 * the name, a permission the admin does not hold beside the permissions.
 */
import { z } from 'zod';
import {
  teamDescriptionSchema,
  teamNameSchema,
  teamPermissionsSchema,
  teamRequiresReviewSchema,
} from '../../shared/fields/team';
import { callerFailure, filledIn, type FieldErrors } from './forms.server';

export const TEAM_FIELDS = ['name', 'description', 'permissions'] as const;
export type TeamField = (typeof TEAM_FIELDS)[number];

export interface TeamFormValues {
  name: string;
  description: string;
  permissions: string[];
  requiresReview: boolean;
}

export interface TeamFormAttempt {
  values: TeamFormValues;
  fieldErrors: FieldErrors<TeamField>;
  formError: string | null;
}

const teamForm = z.object({
  name: filledIn('Give the team a name.', teamNameSchema),
  description: teamDescriptionSchema,
  permissions: teamPermissionsSchema,
  requiresReview: teamRequiresReviewSchema,
});

export type TeamFormData = z.infer<typeof teamForm>;

export function teamFormValues(form: FormData): TeamFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const permissions = form
    .getAll('permissions')
    .filter((value): value is string => typeof value === 'string');
  // A checkbox: sent when ticked, absent when not.
  const requiresReview = form.get('requiresReview') === 'yes';
  return { name: text('name'), description: text('description'), permissions, requiresReview };
}

/** The checked form, or what to show beside its fields. */
export function checkTeamForm(
  values: TeamFormValues,
): { ok: true; data: TeamFormData } | { ok: false; attempt: TeamFormAttempt } {
  const result = teamForm.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors<TeamField> = {};
  for (const issue of result.error.issues) {
    const field = TEAM_FIELDS.find((name) => name === issue.path[0]);
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  return { ok: false, attempt: { values, fieldErrors, formError: null } };
}

/**
 * A refusal of `team.create` or `team.update` as the form shows it, with its status; null
 * for what is not about the input (not signed in, not allowed at all), which the caller
 * answers as every admin page does.
 */
export function teamFormRefusal(
  error: unknown,
  values: TeamFormValues,
  mayChange: boolean,
): { attempt: TeamFormAttempt; status: number } | null {
  const failure = callerFailure(error, TEAM_FIELDS);
  if (!failure || failure.code === 'UNAUTHORIZED') return null;
  if (failure.code === 'FORBIDDEN' && !mayChange) return null;
  const fieldErrors: FieldErrors<TeamField> = { ...failure.fieldErrors };
  // A taken name is about the name; a permission the admin lacks, about the permissions.
  if (failure.code === 'CONFLICT') fieldErrors.name = failure.message;
  if (failure.code === 'FORBIDDEN') fieldErrors.permissions = failure.message;
  const formError = Object.keys(fieldErrors).length > 0 ? null : failure.message;
  const status = failure.code === 'CONFLICT' ? 409 : failure.code === 'FORBIDDEN' ? 403 : 400;
  return { attempt: { values, fieldErrors, formError }, status };
}
