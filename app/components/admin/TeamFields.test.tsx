import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../shared/permissions';
import { TeamFields } from './TeamFields';

function renderFields(held: readonly string[], permissions: readonly string[]) {
  render(
    <TeamFields
      prefix="t"
      state={{
        values: { name: 'Biology', description: '', permissions, requiresReview: false },
        fieldErrors: {},
      }}
      held={held}
      firstInvalid={null}
    />,
  );
}

describe("a team's permission checkboxes", () => {
  it('offer every permission of the catalogue, with its words, checked as the team has them', () => {
    renderFields(PERMISSIONS, ['courses.modify']);
    // Every permission, and whether the team's courses are reviewed.
    expect(screen.getAllByRole('checkbox')).toHaveLength(PERMISSIONS.length + 1);
    expect(screen.getByRole('checkbox', { name: /Review the team’s courses/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Edit courses and their lessons/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /students\.grade/ })).not.toBeChecked();
  });

  it('lock a permission the admin does not hold, unless the team has it already (it may be taken away)', () => {
    renderFields(['courses.modify'], ['settings.manage']);
    const grade = screen.getByRole('checkbox', { name: /students\.grade/ });
    expect(grade).toBeDisabled();
    expect(grade).toHaveAccessibleDescription('You don’t hold it, so you can’t give it.');
    expect(screen.getByRole('checkbox', { name: /courses\.modify/ })).toBeEnabled();
    const kept = screen.getByRole('checkbox', { name: /settings\.manage/ });
    expect(kept).toBeEnabled();
    expect(kept).toBeChecked();
  });
});
