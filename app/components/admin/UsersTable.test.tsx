import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { PersonRow } from './types';
import { UsersTable, type PendingRow } from './UsersTable';

const PEOPLE: PersonRow[] = [
  {
    id: 'u-owner',
    email: 'olive@school.test',
    name: 'Olive Owner',
    role: 'admin',
    orgRole: 'owner',
    avatarUrl: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'u-ada',
    email: 'ada@school.test',
    name: 'Ada Lovelace',
    role: 'regular',
    orgRole: null,
    avatarUrl: null,
    createdAt: '2026-01-02T00:00:00.000Z',
  },
];

// Remix's <Form> needs a data router, as in the real app.
function renderTable(canAssignOrgRoles: boolean, pending: PendingRow | null = null) {
  const table = (
    <UsersTable people={PEOPLE} viewerId="u-owner" pending={pending} canAssignOrgRoles={canAssignOrgRoles} />
  );
  const router = createMemoryRouter([{ path: '*', element: table }], { initialEntries: ['/admin'] });
  render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
  const rows = screen.getAllByRole('row').slice(1);
  return { owner: rows[0], ada: rows[1] };
}

describe('the organization role column', () => {
  it('is a form of its own per person for someone who may assign roles, offering None and every role', () => {
    const { owner, ada } = renderTable(true);
    if (!owner || !ada) throw new Error('a row is missing');
    expect(screen.getByRole('columnheader', { name: 'Organization role' })).toBeInTheDocument();
    const select = within(ada).getByLabelText('Organization role for Ada Lovelace');
    expect(select).toHaveValue('');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'None',
      'Organization Owner',
      'Organization Admin',
      'Team Lead',
      'Content Creator',
      'Moderator',
      'Viewer',
    ]);
    expect(within(owner).getByLabelText('Organization role for Olive Owner')).toHaveValue('owner');
    const form = select.closest('form');
    expect(form).not.toBeNull();
    expect(form?.querySelector('input[name="intent"]')).toHaveValue('change-org-role');
    expect(
      within(ada).getByRole('button', { name: 'Save organization role for Ada Lovelace' }),
    ).toBeVisible();
    // The base role keeps its own form beside it.
    expect(within(ada).getByLabelText('Role for Ada Lovelace')).toHaveValue('regular');
  });

  it('is only words for someone who may not assign roles', () => {
    const { owner, ada } = renderTable(false);
    if (!owner || !ada) throw new Error('a row is missing');
    expect(within(owner).getByText('Organization Owner')).toBeInTheDocument();
    expect(within(ada).getByText('None')).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Organization role for/)).toBeNull();
  });

  it('keeps the role chosen while its confirmation is open, none included', () => {
    const { owner } = renderTable(true, {
      userId: 'u-owner',
      role: null,
      orgRole: { chosen: null },
      panel: <p>Confirm?</p>,
    });
    if (!owner) throw new Error('a row is missing');
    expect(within(owner).getByLabelText('Organization role for Olive Owner')).toHaveValue('');
    expect(screen.getByText('Confirm?')).toBeInTheDocument();
  });
});
