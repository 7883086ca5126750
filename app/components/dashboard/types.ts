/**
 * What the dashboard shows, as the procedures return it (types only: nothing from
 * server/ reaches the browser bundle).
 */
import type { Caller } from '../../../server/trpc/root';
import type { LearningItem } from '~/lib/enrollment';
import type { CourseSummary } from '~/lib/courses';

export type RecentEnrollment = Awaited<ReturnType<Caller['enrollment']['recent']>>['items'][number];
export type TaughtCourse = Awaited<ReturnType<Caller['course']['mine']>>['items'][number];

export interface DashboardData {
  firstName: string;
  learning: { items: LearningItem[]; total: number };
  added: CourseSummary[];
  /** Null for someone who does not teach (a learner). */
  /**
   * Null for someone who does not teach (a learner). `more` rather than a total: list
   * totals are not figures to show (Appwrite caps them).
   */
  teaching: { courses: TaughtCourse[]; more: boolean; recent: RecentEnrollment[] } | null;
}
