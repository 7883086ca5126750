import { Form, Link } from '@remix-run/react';
import { Alert } from '../forms/Alert';
import { SubmitButton } from '../forms/SubmitButton';
import { teamHref } from '~/lib/team-links';
import type { TeamRole } from '../../../shared/fields/limits';
import { SearchField } from './SearchField';

/** `first`: the usual choice for a team without members, which stands out then. */
const ADD_AS: { role: TeamRole; label: string; first: boolean }[] = [
  { role: 'member', label: 'Add as member', first: false },
  { role: 'lead', label: 'Add as lead', first: true },
];

interface Candidate {
  id: string;
  name: string;
  email: string;
  member: boolean;
}

/**
 * "Add a member": find a person by name or email (a GET form, so the results have a URL
 * and work without JavaScript), then add one as a member or as a lead. Those already in
 * the team are listed without buttons.
 */
export function AddTeamMember({
  teamId,
  person,
  candidates,
  firstMember,
  problem,
}: {
  teamId: string;
  person: string;
  candidates: { items: Candidate[]; more: boolean } | null;
  firstMember: boolean;
  problem: string | null;
}) {
  return (
    <section className="team-card" aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a member</h2>
      {firstMember ? (
        <p className="muted">A new team’s first member is usually its lead: they manage who else is in it.</p>
      ) : null}
      {problem ? (
        <Alert tone="error" title="They were not added">
          <p>{problem}</p>
        </Alert>
      ) : null}
      <Form method="get" role="search" aria-label="Find a person to add" className="user-filters team-search">
        <SearchField id="add-member-q" name="person" label="Name or email" defaultValue={person} />
        <div className="user-filters__buttons">
          <button type="submit" className="button button--secondary">
            Find people
          </button>
        </div>
      </Form>
      {candidates ? (
        candidates.items.length > 0 ? (
          <ul className="team-candidates" aria-label={`People matching “${person}”`}>
            {candidates.items.map((candidate) => (
              <li key={candidate.id} className="team-candidate">
                <span className="users-table__who">
                  <span className="users-table__name">{candidate.name || candidate.email}</span>
                  <span className="users-table__email">{candidate.email}</span>
                </span>
                {candidate.member ? (
                  <span className="muted">Already in the team</span>
                ) : (
                  <Form method="post" className="team-candidate__add" preventScrollReset>
                    <input type="hidden" name="intent" value="add-member" />
                    <input type="hidden" name="userId" value={candidate.id} />
                    <input type="hidden" name="name" value={candidate.name || candidate.email} />
                    {ADD_AS.map(({ role, label, first }) => (
                      <SubmitButton
                        key={role}
                        tone={first === firstMember ? 'primary' : 'secondary'}
                        className="button--small"
                        name="role"
                        value={role}
                        pendingLabel="Adding…"
                        pendingWhen={{ intent: 'add-member', userId: candidate.id, role }}
                      >
                        {label}
                        <span className="visually-hidden"> ({candidate.name || candidate.email})</span>
                      </SubmitButton>
                    ))}
                  </Form>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted" role="status">
            No one matches “{person}”. <Link to={teamHref(teamId)}>Clear the search</Link>
          </p>
        )
      ) : null}
      {candidates?.more ? <p className="muted">More people match: type more of the name or email.</p> : null}
    </section>
  );
}
