import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { EnrollPanel, type EnrollState } from './EnrollPanel';

const COURSE = { id: 'c1', title: 'Botany', price: 0, isPublished: true, lessonCount: 3 };

function show(state: EnrollState, course = COURSE) {
  const router = createMemoryRouter([{ path: '/', element: <EnrollPanel course={course} state={state} /> }]);
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

describe('EnrollPanel', () => {
  it('asks a visitor to sign in and come back', async () => {
    show({ kind: 'visitor' });
    expect(await screen.findByRole('link', { name: 'Sign in to enroll' })).toHaveAttribute(
      'href',
      '/sign-in?redirectTo=%2Fcourses%2Fc1',
    );
  });

  it('offers free enrollment as a form post', async () => {
    show({ kind: 'signed-in' });
    const button = await screen.findByRole('button', { name: 'Enroll for free' });
    expect(button.closest('form')).toHaveAttribute('method', 'post');
  });

  it('shows the price of a paid course and how to get in', async () => {
    show({ kind: 'signed-in' }, { ...COURSE, price: 49 });
    expect(await screen.findByText('$49.00')).toBeInTheDocument();
    expect(screen.getByText(/Paid enrollment is not open yet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enroll for free' })).toBeNull();
  });

  it('shows progress, Continue and Leave for an enrolled learner', async () => {
    show({ kind: 'enrolled', progress: 67, completedCount: 2, continueLessonId: 'l3', finished: false });
    expect(await screen.findByRole('link', { name: 'Continue' })).toHaveAttribute(
      'href',
      '/courses/c1/lessons/l3',
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '67');
    expect(screen.getByText('2 of 3 lessons done')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave course…' })).toBeInTheDocument();
  });
});
