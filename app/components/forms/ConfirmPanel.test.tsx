import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { ConfirmPanel } from './ConfirmPanel';

describe('ConfirmPanel', () => {
  it('asks, focuses its question, and re-posts the same fields with confirmed=yes', async () => {
    const router = createMemoryRouter(
      [
        {
          path: '/admin',
          element: (
            <ConfirmPanel
              title="Make Ada Lovelace an instructor?"
              fields={{ intent: 'change-role', userId: 'u1', role: 'instructor' }}
              confirmLabel="Confirm"
              pendingLabel="Saving…"
              cancelTo="/admin?q=ada"
            >
              <p>They’ll be able to publish courses.</p>
            </ConfirmPanel>
          ),
        },
      ],
      { initialEntries: ['/admin'] },
    );
    render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);

    const region = await screen.findByRole('region', { name: 'Make Ada Lovelace an instructor?' });
    expect(screen.getByRole('heading', { name: 'Make Ada Lovelace an instructor?' })).toHaveFocus();
    const form = screen.getByRole('button', { name: 'Confirm' }).closest('form');
    expect(form).toHaveAttribute('method', 'post');
    const fields = Object.fromEntries(new FormData(form ?? undefined));
    expect(fields).toEqual({ intent: 'change-role', userId: 'u1', role: 'instructor', confirmed: 'yes' });
    expect(region).toContainElement(screen.getByRole('link', { name: 'Cancel' }));
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/admin?q=ada');
  });
});
