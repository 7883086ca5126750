import { ConfirmPanel } from '../forms/ConfirmPanel';
import type { TeamConfirmation } from '~/routes/admin_.teams_.$teamId/actions.server';

/** The second step of removing a member or deleting a team: what will happen, then Confirm. */
export function TeamConfirm({ pending, cancelTo }: { pending: TeamConfirmation; cancelTo: string }) {
  if (pending.kind === 'remove') {
    return (
      <ConfirmPanel
        title={`Remove ${pending.name} from the team?`}
        fields={{ intent: 'remove-member', userId: pending.userId, name: pending.name }}
        confirmLabel="Remove"
        pendingLabel="Removing…"
        cancelTo={cancelTo}
      >
        <p>
          From their next page on they no longer work on the team’s courses with its permissions. Courses they
          wrote stay theirs.
        </p>
      </ConfirmPanel>
    );
  }
  return (
    <ConfirmPanel
      title={`Delete the team “${pending.teamName}”?`}
      fields={{ intent: 'delete' }}
      confirmLabel="Delete team"
      pendingLabel="Deleting…"
      cancelTo={cancelTo}
    >
      <ul className="consequences">
        <li>
          Its courses leave the team and stay with the instructors who wrote them; administrators still see
          and edit every course.
        </li>
        <li>
          {pending.members === 1 ? 'Its member loses' : `Its ${pending.members} members lose`} the team’s
          permissions on those courses at once.
        </li>
      </ul>
      <p>
        <strong>This can’t be undone.</strong>
      </p>
    </ConfirmPanel>
  );
}
