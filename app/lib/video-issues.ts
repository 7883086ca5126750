/**
 * What the daily YouTube check (server/jobs/youtube-monitor.ts) can find wrong with a
 * lesson's video, in the words instructors read in the editor and their course list.
 * Browser-safe: the three values mirror the lessons table's `videoIssue` column.
 */
export type VideoIssue = 'private' | 'deleted' | 'not_embeddable';

export const VIDEO_ISSUE_TEXT: Record<VideoIssue, { badge: string; title: string; fix: string }> = {
  private: {
    badge: 'Video private',
    title: 'This video was made private on YouTube',
    fix: 'Students cannot watch it. In YouTube Studio, set its visibility to Unlisted or Public, or replace the video.',
  },
  deleted: {
    badge: 'Video deleted',
    title: 'This video no longer exists on YouTube',
    fix: 'Students see a broken player. Replace the video, or remove it from the lesson.',
  },
  not_embeddable: {
    badge: 'Video not embeddable',
    title: 'This video may no longer be played outside YouTube',
    fix: 'Students cannot watch it here. In YouTube Studio, allow embedding in the video’s details, or replace the video.',
  },
};
