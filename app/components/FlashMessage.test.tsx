import { act, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { FlashMessage } from './FlashMessage';

describe('FlashMessage', () => {
  it('shows the message on the page it came with, and not after moving on', async () => {
    const flash = { tone: 'success' as const, text: 'Ada Lovelace is now an instructor.' };
    const router = createMemoryRouter([{ path: '*', element: <FlashMessage flash={flash} /> }], {
      initialEntries: ['/admin'],
    });
    render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
    expect(await screen.findByRole('status')).toHaveTextContent('Ada Lovelace is now an instructor.');

    await act(() => router.navigate('/catalog'));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
