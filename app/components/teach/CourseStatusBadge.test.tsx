/** Where a course is, as its author reads it in the course list and the editor (decision 0040). */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CourseStatusBadge } from './CourseStatusBadge';

describe('the course status badge', () => {
  it.each([
    [false, null, 'Draft'],
    [false, 'in_review', 'In review'],
    [false, 'changes_requested', 'Changes requested'],
    [true, 'approved', 'Published'],
    [true, null, 'Published'],
  ] as const)('published %s, review %s: %s', (isPublished, reviewStatus, text) => {
    render(<CourseStatusBadge isPublished={isPublished} reviewStatus={reviewStatus} />);
    expect(screen.getByText(text)).toBeInTheDocument();
  });
});
