import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clampPercent, ProgressBar } from './ProgressBar';

describe('ProgressBar', () => {
  it('is a progressbar with its value for assistive technology', () => {
    render(<ProgressBar value={67} label="Progress in Botany" />);
    const bar = screen.getByRole('progressbar', { name: 'Progress in Botany' });
    expect(bar).toHaveAttribute('aria-valuenow', '67');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(bar).toHaveAttribute('aria-valuetext', '67% complete');
  });

  it('shows the number in words, not only as a colour', () => {
    render(<ProgressBar value={33.4} label="Progress" />);
    expect(screen.getByText('33%')).toBeInTheDocument();
  });

  it('draws the part not done yet without a style attribute (the CSP forbids them)', () => {
    const { container } = render(<ProgressBar value={40} label="Progress" showValue={false} />);
    const rest = container.querySelector('rect');
    expect(rest).toHaveAttribute('x', '40%');
    expect(rest).toHaveAttribute('width', '60%');
    expect(container.querySelector('[style]')).toBeNull();
    expect(screen.queryByText('40%')).toBeNull();
  });

  it('clamps values outside 0–100', () => {
    expect(clampPercent(140)).toBe(100);
    expect(clampPercent(-3)).toBe(0);
    expect(clampPercent(Number.NaN)).toBe(0);
    expect(clampPercent(66.67)).toBe(67);
  });
});
