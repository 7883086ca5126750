import { ConfirmPanel } from '../forms/ConfirmPanel';
import { roleWithArticle } from '~/lib/roles';
import type { Role } from '~/lib/viewer';

export type PendingConfirmation =
  | { kind: 'role'; userId: string; name: string; role: Role }
  | { kind: 'delete'; userId: string; name: string };

const WHAT_A_ROLE_MEANS: Record<Role, string> = {
  regular: 'They keep their enrollments and progress, but lose the teaching and admin tools.',
  instructor: 'They’ll be able to create, edit and publish their own courses and see their students.',
  admin: 'They’ll be able to manage everyone’s roles and accounts, and every course on Aurora.',
};

/** The second step of a role change or a deletion, above the table. */
export function AdminConfirm({ pending, cancelTo }: { pending: PendingConfirmation; cancelTo: string }) {
  if (pending.kind === 'role') {
    return (
      <ConfirmPanel
        tone="primary"
        title={`Make ${pending.name} ${roleWithArticle(pending.role)}?`}
        fields={{ intent: 'change-role', userId: pending.userId, name: pending.name, role: pending.role }}
        confirmLabel="Confirm"
        pendingLabel="Saving…"
        cancelTo={cancelTo}
      >
        <p>{WHAT_A_ROLE_MEANS[pending.role]}</p>
      </ConfirmPanel>
    );
  }
  return (
    <ConfirmPanel
      title={`Delete ${pending.name}’s account?`}
      fields={{ intent: 'delete', userId: pending.userId, name: pending.name }}
      confirmLabel="Delete account"
      pendingLabel="Deleting…"
      cancelTo={cancelTo}
    >
      <ul className="consequences">
        <li>They’re signed out everywhere at once and can no longer sign in.</li>
        <li>Any courses they teach move to you, so nothing disappears from the catalog.</li>
        <li>Their enrollments and progress are removed.</li>
      </ul>
      <p>
        <strong>This can’t be undone.</strong>
      </p>
    </ConfirmPanel>
  );
}
