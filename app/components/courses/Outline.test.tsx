import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { OutlineLesson } from '~/lib/courses';
import { Outline } from './Outline';

const lesson = (id: string, title: string, isPreview = false) =>
  ({
    id,
    title,
    description: '',
    order: 0,
    isPreview,
    videoDuration: null,
    attachmentCount: 0,
    videoIssue: null,
  }) satisfies OutlineLesson;

const LESSONS = [lesson('l1', 'Seeds', true), lesson('l2', 'Water'), lesson('l3', 'Harvest')];

function show(props: Partial<Parameters<typeof Outline>[0]>) {
  const element = <Outline courseId="c1" lessons={LESSONS} openAll={false} {...props} />;
  const router = createMemoryRouter([{ path: '/', element }]);
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

describe('Outline', () => {
  it('locks members-only lessons for visitors, saying why in words', async () => {
    show({});
    expect(await screen.findByRole('link', { name: 'Seeds' })).toHaveAttribute(
      'href',
      '/courses/c1/lessons/l1',
    );
    expect(screen.queryByRole('link', { name: 'Water' })).toBeNull();
    expect(screen.getAllByText('Locked: enroll to open')).toHaveLength(2);
  });

  it('opens every lesson for an enrolled learner and ticks the completed ones', async () => {
    const { container } = show({ openAll: true, completed: ['l1', 'l2'], currentLessonId: 'l3' });
    expect(await screen.findByRole('link', { name: 'Harvest' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Water' })).toBeInTheDocument();
    expect(screen.getAllByText('Completed')).toHaveLength(2);
    expect(container.querySelectorAll('.outline__item--done')).toHaveLength(2);
    expect(screen.queryByText('Locked: enroll to open')).toBeNull();
  });

  it('shows the Preview badge to visitors and instructors, never to an enrolled learner', async () => {
    const visitor = show({});
    expect(await screen.findAllByText('Preview')).toHaveLength(1);
    visitor.unmount();

    const owner = show({ openAll: true });
    expect(await screen.findAllByText('Preview')).toHaveLength(1);
    owner.unmount();

    show({ openAll: true, completed: [] });
    expect(await screen.findByRole('link', { name: 'Seeds' })).toBeInTheDocument();
    expect(screen.queryByText('Preview')).toBeNull();
  });

  it('keeps the full title as a tooltip, for layouts that clamp long titles', async () => {
    show({});
    expect(await screen.findByRole('link', { name: 'Seeds' })).toHaveAttribute('title', 'Seeds');
    expect(screen.getByText('Water')).toHaveAttribute('title', 'Water');
  });
});
