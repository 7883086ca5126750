import { Link } from '@remix-run/react';
import { ContinueCard, LearningCard } from './LearningCards';
import { RecentlyAdded } from './RecentlyAdded';
import { Teaching } from './Teaching';
import type { DashboardData } from './types';

/**
 * Home for someone signed in: the course to continue, the courses they are enrolled
 * in with their progress, what is new in the catalog, and — for instructors and
 * admins — the courses they teach and who joined them lately. Plain links and no
 * client state: it works the same without JavaScript.
 */
export function Dashboard({ data }: { data: DashboardData }) {
  const { learning, teaching } = data;
  const inProgress = learning.items.filter((item) => !item.enrollment.completedAt);
  const [current] = inProgress;
  const others = learning.items.filter((item) => item !== current);
  const completed = learning.items.length - inProgress.length;
  const teaches = teaching !== null;

  return (
    <div className="dashboard container">
      <header className="page-header">
        <p className="eyebrow">Your dashboard</p>
        <h1>Welcome back, {data.firstName}</h1>
        <p className="page-header__lead">{summaryOf(data, completed)}</p>
      </header>

      {teaching ? (
        <Teaching courses={teaching.courses} more={teaching.more} recent={teaching.recent} />
      ) : null}

      {current ? <ContinueCard item={current} /> : null}

      {others.length > 0 ? (
        <section className="dashboard__section" aria-labelledby="learning-title">
          <div className="dashboard__panel-head">
            <h2 id="learning-title">{current ? 'Your other courses' : 'Your courses'}</h2>
            <Link to="/my-learning">
              {learning.total > learning.items.length
                ? `All ${learning.total} in My learning`
                : 'My learning'}
            </Link>
          </div>
          <ul className="learning-list">
            {others.map((item) => (
              <li key={item.enrollment.id}>
                <LearningCard item={item} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {learning.items.length === 0 && !teaches ? (
        <section className="empty-panel dashboard__empty" aria-labelledby="find-title">
          <h2 id="find-title">Find a course</h2>
          <p>
            You are not enrolled in anything yet. Browse the catalog, open a free preview, and enroll when
            something catches your eye: it shows up here, with your progress.
          </p>
          <Link to="/catalog" className="button button--primary">
            Find a course
          </Link>
        </section>
      ) : null}

      <RecentlyAdded courses={data.added} />
    </div>
  );
}

function summaryOf(data: DashboardData, completed: number): string {
  const { learning, teaching } = data;
  const parts: string[] = [];
  const taught = teaching?.courses.length ?? 0;
  if (teaching && taught > 0)
    parts.push(
      `You teach ${taught}${teaching.more ? '+' : ''} ${taught === 1 && !teaching.more ? 'course' : 'courses'}`,
    );
  if (learning.total > 0) {
    const enrolled = `${learning.total} ${learning.total === 1 ? 'course' : 'courses'} enrolled`;
    parts.push(completed > 0 ? `${enrolled} · ${completed} completed` : enrolled);
  }
  if (parts.length > 0) return `${parts.join(' · ')}.`;
  return teaching
    ? 'Start a course of your own, or learn something new from the catalog.'
    : 'Pick a first course and your progress will show up here.';
}
