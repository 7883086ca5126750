import { Link } from '@remix-run/react';
import { PERMISSION_DESCRIPTIONS, type Permission } from '../../../shared/permissions';
import { teamHref } from '~/lib/team-links';

interface TeamRow {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
  memberCount: number;
}

/** The teams, each a link to its page; on phones each row is a card (admin.css). */
export function TeamsTable({ teams }: { teams: TeamRow[] }) {
  return (
    <table className="users-table teams-table">
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">Members</th>
          <th scope="col">Permissions on its courses</th>
        </tr>
      </thead>
      <tbody>
        {teams.map((team) => (
          <tr key={team.id}>
            <th scope="row" className="teams-table__team">
              <Link to={teamHref(team.id)} className="teams-table__name">
                {team.name}
              </Link>
              {team.description ? <span className="teams-table__description">{team.description}</span> : null}
            </th>
            <td data-label="Members" className="teams-table__members">
              {team.memberCount}
            </td>
            <td data-label="Permissions on its courses">
              {team.permissions.length > 0 ? (
                <ul className="teams-table__permissions">
                  {team.permissions.map((permission) => (
                    <li
                      key={permission}
                      className="badge badge--quiet"
                      title={PERMISSION_DESCRIPTIONS[permission]}
                    >
                      {permission}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="users-table__none">None</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
