import { Form } from '@remix-run/react';
import type { TeamRole } from '../../../shared/fields/limits';
import { SubmitButton } from '../forms/SubmitButton';

interface Member {
  userId: string;
  userName: string;
  userEmail: string;
  role: TeamRole;
}

const ROLE_NAMES: Record<TeamRole, string> = { lead: 'Lead', member: 'Member' };
/** The one change each role offers: a lead can be made a member, a member a lead. */
const OTHER_ROLE: Record<TeamRole, TeamRole> = { lead: 'member', member: 'lead' };
/** The button that gives a member the other role, named by that role. */
const MAKE: Record<TeamRole, string> = { lead: 'Make lead', member: 'Make member' };

/**
 * A team's members with their role; for those who may manage them, "Make lead" / "Make
 * member" (one post) and "Remove…" (asks first). Plain forms, no script needed.
 */
export function TeamMembersTable({
  members,
  viewerId,
  manage,
  pendingUserId,
}: {
  members: Member[];
  viewerId: string | null;
  manage: boolean;
  pendingUserId: string | null;
}) {
  return (
    <table className="users-table team-members">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Team role</th>
          {manage ? (
            <th scope="col">
              <span className="visually-hidden">Changes</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const name = member.userName || member.userEmail;
          const other = OTHER_ROLE[member.role];
          return (
            <tr key={member.userId} className={member.userId === pendingUserId ? 'is-pending' : undefined}>
              <th scope="row" className="users-table__who">
                <span className="users-table__name">
                  {name}
                  {member.userId === viewerId ? <span className="badge badge--quiet">You</span> : null}
                </span>
                <span className="users-table__email">{member.userEmail}</span>
              </th>
              <td data-label="Team role">
                <span className={`badge team-role team-role--${member.role}`}>{ROLE_NAMES[member.role]}</span>
              </td>
              {manage ? (
                <td className="users-table__actions">
                  <div className="team-members__actions">
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="intent" value="set-role" />
                      <input type="hidden" name="userId" value={member.userId} />
                      <input type="hidden" name="name" value={name} />
                      <input type="hidden" name="role" value={other} />
                      <SubmitButton
                        tone="secondary"
                        className="button--small"
                        pendingLabel="Saving…"
                        pendingWhen={{ intent: 'set-role', userId: member.userId }}
                      >
                        {MAKE[other]}
                        <span className="visually-hidden"> ({name})</span>
                      </SubmitButton>
                    </Form>
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={member.userId} />
                      <input type="hidden" name="name" value={name} />
                      <SubmitButton
                        tone="quiet"
                        className="button--small button--danger-text"
                        pendingLabel="One moment…"
                        pendingWhen={{ intent: 'remove-member', userId: member.userId, confirmed: null }}
                      >
                        Remove…<span className="visually-hidden"> ({name})</span>
                      </SubmitButton>
                    </Form>
                  </div>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
