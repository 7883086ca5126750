/**
 * What an admin types about a team (issue 15): its name, description, permissions and
 * each member's role. One zod schema each, for the `team` procedures and the Teams page
 * alike; the lengths and roles come from ./limits, the permissions from the catalogue.
 */
import { z } from 'zod';
import { PERMISSIONS } from '../permissions';
import { TEAM_LIMITS, TEAM_ROLES } from './limits';

export const teamNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the team a name.')
  .max(TEAM_LIMITS.name, `A team name is at most ${TEAM_LIMITS.name} characters.`);

export const teamDescriptionSchema = z
  .string()
  .trim()
  .max(TEAM_LIMITS.description, `A team description is at most ${TEAM_LIMITS.description} characters.`);

/** Catalogue permissions only; the service also refuses those the admin does not hold. */
export const teamPermissionsSchema = z.array(
  z.enum(PERMISSIONS, { error: 'That is not a permission Aurora knows.' }),
);

/** Whether the team's courses are reviewed before they are published (decision 0040). */
export const teamRequiresReviewSchema = z.boolean({
  error: 'Say whether the team’s courses need review: true or false.',
});

export const teamRoleSchema = z.enum(TEAM_ROLES, { error: 'Choose a team role: lead or member.' });
