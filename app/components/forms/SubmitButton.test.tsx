import { Form } from '@remix-run/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { SubmitButton } from './SubmitButton';

function renderForms() {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        // Never settles: the page stays in its "submitting" state for the test to look at.
        action: () => new Promise<null>(() => {}),
        element: (
          <>
            <Form method="post">
              <input type="hidden" name="intent" value="profile" />
              <SubmitButton pendingLabel="Saving…" pendingWhen={{ intent: 'profile' }}>
                Save profile
              </SubmitButton>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="create-token" />
              <SubmitButton pendingLabel="Creating…" pendingWhen={{ intent: 'create-token' }}>
                Create token
              </SubmitButton>
            </Form>
          </>
        ),
      },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

describe('SubmitButton', () => {
  it('says what is happening while its own form is in flight, and only its own', async () => {
    renderForms();
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    const pending = await screen.findByRole('button', { name: 'Saving…' });
    expect(pending).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: 'Create token' })).not.toHaveAttribute('aria-disabled');
  });
});
