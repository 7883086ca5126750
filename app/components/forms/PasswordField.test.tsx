import { fireEvent, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PasswordField } from './PasswordField';

describe('PasswordField', () => {
  it('shows and hides the password with a toggle once scripts run', () => {
    render(<PasswordField id="pw" name="password" label="Password" hint="At least 8 characters." />);
    const input = screen.getByLabelText('Password', { selector: 'input' });
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAccessibleDescription('At least 8 characters.');

    fireEvent.click(screen.getByRole('button', { name: 'Show password' }));
    expect(input).toHaveAttribute('type', 'text');
    fireEvent.click(screen.getByRole('button', { name: 'Hide password' }));
    expect(input).toHaveAttribute('type', 'password');
  });

  it('renders no toggle in server HTML, where it could not work without JavaScript', () => {
    const html = renderToString(<PasswordField id="pw" name="password" label="Password" />);
    expect(html).toContain('type="password"');
    expect(html).not.toContain('Show');
  });
});
