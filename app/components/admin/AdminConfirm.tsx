import { ConfirmPanel } from '../forms/ConfirmPanel';
import { ORG_ROLE_PERMISSIONS, PERMISSION_DESCRIPTIONS, type OrgRole } from '../../../shared/permissions';
import { NO_ORG_ROLE, orgRoleWithArticle, roleWithArticle } from '~/lib/roles';
import type { Role } from '~/lib/viewer';

export type PendingConfirmation =
  | { kind: 'role'; userId: string; name: string; role: Role }
  | { kind: 'org-role'; userId: string; name: string; orgRole: OrgRole | null }
  | { kind: 'delete'; userId: string; name: string };

/** The second step of an organization-role change: what the role lets them do, from the catalogue. */
function OrgRoleConfirm({
  pending,
  cancelTo,
}: {
  pending: Extract<PendingConfirmation, { kind: 'org-role' }>;
  cancelTo: string;
}) {
  const { orgRole, name, userId } = pending;
  return (
    <ConfirmPanel
      tone="primary"
      title={orgRole ? `Make ${name} ${orgRoleWithArticle(orgRole)}?` : `Remove ${name}’s organization role?`}
      fields={{ intent: 'change-org-role', userId, name, orgRole: orgRole ?? NO_ORG_ROLE }}
      confirmLabel="Confirm"
      pendingLabel="Saving…"
      cancelTo={cancelTo}
    >
      {orgRole ? (
        <>
          <p>Across the whole organization they’ll be able to:</p>
          <ul className="consequences">
            {ORG_ROLE_PERMISSIONS[orgRole].map((permission) => (
              <li key={permission}>{PERMISSION_DESCRIPTIONS[permission]}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>They keep their base role and their teams; only what the organization role gave them goes.</p>
      )}
    </ConfirmPanel>
  );
}

const WHAT_A_ROLE_MEANS: Record<Role, string> = {
  regular: 'They keep their enrollments and progress, but lose the teaching and admin tools.',
  instructor: 'They’ll be able to create, edit and publish their own courses and see their students.',
  admin: 'They’ll be able to manage everyone’s roles and accounts, and every course on Aurora.',
};

/** The second step of a role change or a deletion, above the table. */
export function AdminConfirm({ pending, cancelTo }: { pending: PendingConfirmation; cancelTo: string }) {
  if (pending.kind === 'org-role') return <OrgRoleConfirm pending={pending} cancelTo={cancelTo} />;
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
