/**
 * The daily YouTube check's flag as instructors see it: a badge on the lesson's row in
 * the course editor and an alert in the lesson editor, saying what is wrong and what to
 * do; nothing for a video that plays.
 */
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { LessonRows, type LessonRow } from './LessonRows';
import { VideoEditor } from './VideoEditor';

function inRouter(element: React.ReactElement) {
  const router = createMemoryRouter([{ path: '/', element, action: () => null }]);
  return render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

const row = (id: string, videoIssue: LessonRow['videoIssue']): LessonRow => ({
  id,
  title: `Lesson ${id}`,
  isPreview: false,
  videoDuration: 120,
  attachmentCount: 0,
  videoIssue,
});

describe('video issue flags', () => {
  it('marks the lesson rows whose video stopped playing', async () => {
    inRouter(<LessonRows courseId="c1" lessons={[row('a', 'private'), row('b', null)]} />);
    const badge = await screen.findByText('Video private');
    expect(badge.closest('li')).toHaveTextContent('Lesson a');
    expect(screen.getAllByText(/^Video /)).toHaveLength(1);
  });

  it('explains the problem in the lesson editor', async () => {
    inRouter(
      <VideoEditor
        video={{ durationSeconds: 120, thumbnailUrl: null, issue: 'not_embeddable' }}
        here="/teach/x"
      />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This video may no longer be played outside YouTube');
    expect(alert).toHaveTextContent('allow embedding');
  });

  it('says nothing about a video that plays', async () => {
    inRouter(
      <VideoEditor video={{ durationSeconds: 120, thumbnailUrl: null, issue: null }} here="/teach/x" />,
    );
    expect(await screen.findByText('This lesson has a video')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
