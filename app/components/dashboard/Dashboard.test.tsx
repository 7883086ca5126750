import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { CourseSummary } from '~/lib/courses';
import type { LearningItem } from '~/lib/enrollment';
import { Dashboard } from './Dashboard';
import type { DashboardData, RecentEnrollment, TaughtCourse } from './types';

const course = (id: string, title: string, overrides: Partial<CourseSummary> = {}): CourseSummary => ({
  id,
  title,
  description: 'A course.',
  category: 'Science',
  difficulty: 'beginner',
  duration: 2,
  price: 0,
  tags: [],
  thumbnailUrl: null,
  isPublished: true,
  instructor: { id: 'maya', name: 'Maya Rivera', avatarUrl: null },
  lessonCount: 3,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...overrides,
});

const enrolledIn = (
  summary: CourseSummary,
  done: string[],
  completedAt: string | null = null,
): LearningItem => ({
  enrollment: {
    id: `e-${summary.id}`,
    userId: 'ada',
    courseId: summary.id,
    progress: Math.round((done.length / 3) * 100),
    completedLessons: done,
    enrolledAt: '2026-03-02T10:00:00.000Z',
    completedAt,
    lastLessonId: done.at(-1) ?? null,
    lastActivityAt: done.length > 0 ? '2026-03-03T10:00:00.000Z' : null,
  },
  course: summary,
  nextLessonId: 'l-next',
  lessonCount: 3,
});

function show(data: Partial<DashboardData>) {
  const full: DashboardData = {
    firstName: 'Ada',
    learning: { items: [], total: 0 },
    added: [],
    teaching: null,
    ...data,
  };
  const router = createMemoryRouter([{ path: '/', element: <Dashboard data={full} /> }]);
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

describe('Dashboard', () => {
  it('sends a learner with no courses to the catalog', async () => {
    show({ added: [course('c9', 'Brand new')] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome back, Ada' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Find a course' })).toHaveAttribute('href', '/catalog');
    expect(screen.getByRole('link', { name: 'Brand new' })).toHaveAttribute('href', '/courses/c9');
  });

  it('puts the course studied last first, with the lesson to continue, then the others', async () => {
    const sql = course('c1', 'Practical SQL');
    const css = course('c2', 'Modern CSS');
    const done = course('c3', 'Finished course');
    show({
      learning: {
        items: [
          enrolledIn(sql, ['l1']),
          enrolledIn(css, []),
          enrolledIn(done, ['a', 'b', 'c'], '2026-03-04T10:00:00.000Z'),
        ],
        total: 3,
      },
    });
    const current = await screen.findByRole('region', { name: 'Practical SQL' });
    expect(within(current).getByText('Continue where you left off')).toBeInTheDocument();
    expect(within(current).getByRole('link', { name: 'Continue Practical SQL' })).toHaveAttribute(
      'href',
      '/courses/c1/lessons/l-next',
    );
    expect(within(current).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '33');
    const others = screen.getByRole('region', { name: 'Your other courses' });
    expect(within(others).getByRole('link', { name: 'Continue Modern CSS' })).toBeInTheDocument();
    // A finished course is reviewed from its page.
    expect(within(others).getByRole('link', { name: 'Review Finished course' })).toHaveAttribute(
      'href',
      '/courses/c3',
    );
    expect(screen.queryByRole('link', { name: 'Find a course' })).toBeNull();
    expect(screen.getByText('3 courses enrolled · 1 completed.')).toBeInTheDocument();
  });

  it('asks an instructor with no courses to create one, without the learner’s empty state', async () => {
    show({ teaching: { courses: [], more: false, recent: [] } });
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Create your first course' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create your first course' })).toHaveAttribute(
      'href',
      '/teach/courses/new',
    );
    expect(screen.queryByRole('link', { name: 'Find a course' })).toBeNull();
  });

  it('shows an instructor their courses and who joined them', async () => {
    const taught: TaughtCourse[] = [
      { ...course('t1', 'Field ecology'), lessonsWithVideoIssues: 0, reviewStatus: null },
      {
        ...course('t2', 'Draft notes', { isPublished: false }),
        lessonsWithVideoIssues: 0,
        reviewStatus: null,
      },
    ];
    const recent: RecentEnrollment[] = [
      {
        id: 'e1',
        enrolledAt: '2026-03-05T10:00:00.000Z',
        progress: 40,
        completedAt: null,
        course: { id: 't1', title: 'Field ecology' },
        learner: { id: 'grace', name: 'Grace Hopper', avatarUrl: null },
      },
    ];
    show({ firstName: 'Maya', teaching: { courses: taught, more: true, recent } });
    const courses = await screen.findByRole('region', { name: 'Courses you teach' });
    expect(within(courses).getByRole('link', { name: 'Field ecology' })).toHaveAttribute(
      'href',
      '/teach/courses/t1',
    );
    expect(within(courses).getByText('Draft')).toBeInTheDocument();
    expect(within(courses).getByRole('link', { name: 'Students of Draft notes' })).toHaveAttribute(
      'href',
      '/teach/courses/t2/students',
    );
    expect(within(courses).getByRole('link', { name: 'All your courses in Teach' })).toBeInTheDocument();
    const joined = screen.getByRole('region', { name: 'Recent enrollments' });
    expect(within(joined).getByRole('listitem')).toHaveTextContent('Grace Hopper joined Field ecology');
    expect(within(joined).getByRole('listitem')).toHaveTextContent('40% done');
    expect(screen.getByText('You teach 2+ courses.')).toBeInTheDocument();
  });
});
