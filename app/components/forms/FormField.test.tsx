import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormField, TextField } from './FormField';

describe('FormField', () => {
  it('labels the control and describes it by its hint', () => {
    render(<TextField id="name" name="name" label="Your name" hint="How classmates see you." />);
    const input = screen.getByRole('textbox', { name: 'Your name' });
    expect(input).toHaveAccessibleDescription('How classmates see you.');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toBeRequired();
  });

  it('shows an error beside the field, marks the control invalid and announces the error first', () => {
    render(
      <TextField
        id="email"
        name="email"
        label="Email"
        hint="We never share it."
        error="Enter an email address."
      />,
    );
    const input = screen.getByRole('textbox', { name: 'Email' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Error: Enter an email address. We never share it.');
    expect(screen.getByText('Enter an email address.')).toBeVisible();
  });

  it('marks optional fields in the label and leaves them not required', () => {
    render(<TextField id="bio" name="bio" label="Bio" optional />);
    const input = screen.getByRole('textbox', { name: 'Bio (optional)' });
    expect(input).not.toBeRequired();
  });

  it('wires any control through the render prop', () => {
    render(
      <FormField id="role" label="Role" error="Pick a role.">
        {(control) => (
          <select {...control}>
            <option>Learner</option>
          </select>
        )}
      </FormField>,
    );
    const select = screen.getByRole('combobox', { name: 'Role' });
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription('Error: Pick a role.');
  });
});
