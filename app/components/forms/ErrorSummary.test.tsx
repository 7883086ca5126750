import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from './ErrorSummary';

function Page({ attempt }: { attempt: number }) {
  return (
    <>
      <ErrorSummary
        focusKey={attempt}
        items={[
          { fieldId: 'name', message: 'Enter your name.' },
          { fieldId: 'email', message: 'Enter an email address.' },
        ]}
      />
      <input id="name" aria-label="Name" />
      <input id="email" aria-label="Email" />
    </>
  );
}

describe('ErrorSummary', () => {
  it('lists every problem as an alert, each linking to its field', () => {
    render(<Page attempt={1} />);
    const alert = screen.getByRole('alert', { name: 'Please check the form' });
    expect(screen.getByRole('link', { name: 'Enter your name.' })).toHaveAttribute('href', '#name');
    expect(alert).toContainElement(screen.getByRole('link', { name: 'Enter an email address.' }));
  });

  it('moves focus to the first invalid field on each new submission, and a link focuses its field', () => {
    const { rerender } = render(<Page attempt={1} />);
    expect(screen.getByLabelText('Name')).toHaveFocus();
    screen.getByLabelText('Email').focus();
    rerender(<Page attempt={1} />);
    expect(screen.getByLabelText('Email')).toHaveFocus();
    rerender(<Page attempt={2} />);
    expect(screen.getByLabelText('Name')).toHaveFocus();

    fireEvent.click(screen.getByRole('link', { name: 'Enter an email address.' }));
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('says a problem with the whole form in one line and takes focus itself', () => {
    render(<ErrorSummary focusKey={1} items={[{ message: 'Email or password is incorrect.' }]} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Email or password is incorrect.');
    expect(alert).toHaveFocus();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('renders nothing when all is well', () => {
    const { container } = render(<ErrorSummary items={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});
