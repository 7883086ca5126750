import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { EnrollPanel, type AccessRequestView, type EnrollState } from './EnrollPanel';

const COURSE = { id: 'c1', title: 'Botany', price: 0, isPublished: true, lessonCount: 3 };

function show(state: EnrollState, course: typeof COURSE & { canEdit?: boolean } = COURSE) {
  const router = createMemoryRouter([{ path: '/', element: <EnrollPanel course={course} state={state} /> }]);
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

const REQUEST: AccessRequestView = {
  id: 'r1',
  courseId: 'c1',
  status: 'pending',
  createdAt: '2026-03-02T09:00:00.000Z',
  decidedAt: null,
  askAgainFrom: null,
  mayAskAgain: false,
};

function showWithRequest(request: AccessRequestView) {
  const element = (
    <EnrollPanel course={{ ...COURSE, price: 49 }} state={{ kind: 'signed-in' }} accessRequest={request} />
  );
  const router = createMemoryRouter([{ path: '/', element }]);
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

describe('EnrollPanel', () => {
  it('asks a visitor to sign in and come back', async () => {
    show({ kind: 'visitor' });
    expect(await screen.findByRole('link', { name: 'Sign in to enroll' })).toHaveAttribute(
      'href',
      '/sign-in?redirectTo=%2Fcourses%2Fc1&reason=enroll',
    );
  });

  it('offers free enrollment as a form post', async () => {
    show({ kind: 'signed-in' });
    const button = await screen.findByRole('button', { name: 'Enroll for free' });
    expect(button.closest('form')).toHaveAttribute('method', 'post');
  });

  it('offers a paid course’s learners a request for access, as a form post', async () => {
    show({ kind: 'signed-in' }, { ...COURSE, price: 49 });
    expect(await screen.findByText('$49.00')).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Request access' });
    expect(button.closest('form')).toHaveAttribute('method', 'post');
    expect(button.closest('form')?.querySelector('input[name="intent"]')).toHaveValue('request-access');
    expect(button).toHaveAccessibleDescription(
      'Aurora doesn’t take payments yet: the instructor lets you in.',
    );
    expect(screen.queryByRole('button', { name: 'Enroll for free' })).toBeNull();
    expect(screen.queryByText(/ask an admin/i)).toBeNull();
  });

  it('asks a visitor to sign in to request access to a paid course', async () => {
    show({ kind: 'visitor' }, { ...COURSE, price: 49 });
    expect(await screen.findByRole('link', { name: 'Sign in to request access' })).toHaveAttribute(
      'href',
      '/sign-in?redirectTo=%2Fcourses%2Fc1&reason=enroll',
    );
  });

  it('says when a request was sent and that it waits for the instructor', async () => {
    showWithRequest({ ...REQUEST, status: 'pending' });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Requested on 2 Mar 2026 — waiting for the instructor',
    );
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says a request was declined and when asking again opens', async () => {
    showWithRequest({
      ...REQUEST,
      status: 'declined',
      decidedAt: '2026-03-03T10:00:00.000Z',
      askAgainFrom: '2026-03-10T10:00:00.000Z',
      mayAskAgain: false,
    });
    expect(await screen.findByText('Your request was declined')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'The instructor declined it on 3 Mar 2026. You can ask again from 10 Mar 2026.',
    );
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers to ask again once the wait after a decline is over', async () => {
    showWithRequest({
      ...REQUEST,
      status: 'declined',
      decidedAt: '2026-03-03T10:00:00.000Z',
      askAgainFrom: '2026-03-10T10:00:00.000Z',
      mayAskAgain: true,
    });
    expect(await screen.findByRole('button', { name: 'Request access again' })).toBeInTheDocument();
    expect(screen.getByText('Your last request was declined on', { exact: false })).toBeInTheDocument();
  });

  it('tells the course’s instructor how learners get into a paid course', async () => {
    show({ kind: 'signed-in' }, { ...COURSE, price: 49, canEdit: true });
    expect(await screen.findByRole('link', { name: 'Review access requests' })).toHaveAttribute(
      'href',
      '/teach/courses/c1/students',
    );
    expect(screen.queryByRole('button', { name: 'Request access' })).toBeNull();
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
