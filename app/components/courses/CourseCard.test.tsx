import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { CourseCard, type CourseCardData } from './CourseCard';

const COURSE: CourseCardData = {
  id: 'c1',
  title: 'Cells and life',
  description: 'A friendly start in biology.',
  category: 'Biology',
  difficulty: 'beginner',
  duration: 12.5,
  price: 0,
  thumbnailUrl: null,
  lessonCount: 1,
  instructor: { name: 'Maya Rivera', avatarUrl: null },
};

function show(course: CourseCardData) {
  const router = createMemoryRouter([{ path: '/', element: <CourseCard course={course} /> }]);
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

describe('CourseCard', () => {
  it('names the card by its title, links to the course and says the essentials', async () => {
    show(COURSE);
    const card = await screen.findByRole('article', { name: 'Cells and life' });
    expect(screen.getByRole('link', { name: 'Cells and life' })).toHaveAttribute('href', '/courses/c1');
    expect(card).toHaveTextContent('Beginner');
    expect(card).toHaveTextContent('12.5 hours');
    expect(card).toHaveTextContent('1 lesson');
    expect(card).toHaveTextContent('Free');
    expect(card).toHaveTextContent('Maya Rivera');
  });

  it('draws a placeholder in the category colour without a thumbnail, and shows a price for paid courses', async () => {
    const { container } = show({ ...COURSE, price: 49, lessonCount: 3 });
    await screen.findByRole('article');
    expect(container.querySelector('.course-thumb--generated')).not.toBeNull();
    expect(container.querySelector('img.course-thumb')).toBeNull();
    expect(screen.getByRole('article')).toHaveTextContent('$49.00');
    expect(screen.getByRole('article')).toHaveTextContent('3 lessons');
  });

  it('shows the uploaded thumbnail when there is one', async () => {
    const { container } = show({ ...COURSE, thumbnailUrl: '/thumbnails/abc' });
    await screen.findByRole('article');
    expect(container.querySelector('img.course-thumb')).toHaveAttribute('src', '/thumbnails/abc');
  });
});
