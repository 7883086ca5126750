import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Avatar } from './Avatar';

describe('Avatar', () => {
  it('shows the picture when there is one, decorative beside the written name', () => {
    const { container } = render(<Avatar name="Ada Lovelace" url="/avatars/file-1" />);
    const image = container.querySelector('img');
    expect(image).toHaveAttribute('src', '/avatars/file-1');
    expect(image).toHaveAttribute('alt', '');
  });

  it('falls back to initials, first and last name', () => {
    render(<Avatar name="Grace Brewster Hopper" url={null} />);
    expect(screen.getByText('GH')).toHaveAttribute('aria-hidden', 'true');
  });

  it('can stand alone with a text alternative', () => {
    render(<Avatar name="Ada Lovelace" url={null} alt="Ada Lovelace" />);
    expect(screen.getByRole('img', { name: 'Ada Lovelace' })).toHaveTextContent('AL');
  });
});
