import { TeamSettingsForm, type TeamFormAttemptState } from './TeamSettingsForm';

const EMPTY = {
  values: { name: '', description: '', permissions: [], requiresReview: false },
  fieldErrors: {},
};

/**
 * "New team": a disclosure, as "Add person" is, so it works without JavaScript and stays
 * out of the way until wanted; it opens by itself when the last attempt needs correcting.
 */
export function NewTeam({
  attempt,
  held,
}: {
  attempt: TeamFormAttemptState | null;
  held: readonly string[];
}) {
  return (
    <details className="add-person" open={attempt ? true : undefined}>
      <summary className="button button--primary add-person__toggle">New team</summary>
      <section className="add-person__panel" aria-labelledby="new-team-title">
        <h2 id="new-team-title" className="add-person__title">
          Create a team
        </h2>
        <p className="muted">
          Give it a name and the permissions its members need on its courses; add members once it exists.
        </p>
        <TeamSettingsForm
          prefix="new-team"
          intent="create"
          state={attempt ?? EMPTY}
          attempt={attempt}
          held={held}
          submitLabel="Create team"
          pendingLabel="Creating…"
        />
      </section>
    </details>
  );
}
