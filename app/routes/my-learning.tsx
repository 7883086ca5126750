import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ContinueCard, LearningCard } from '~/components/dashboard/LearningCards';
import { refusal } from '~/lib/course-errors.server';
import type { LearningItem } from '~/lib/enrollment';
import { redirectToSignIn } from '~/lib/forms.server';
import coursesStylesUrl from '~/styles/courses.css?url';
import learningStylesUrl from '~/styles/learning.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: learningStylesUrl },
];

export const meta: MetaFunction = () => [{ title: 'My learning · Aurora' }];

/** Pages of enrollments read for one view; a learner with more sees the most recent ones. */
const PAGE_SIZE = 50;
const MAX_PAGES = 4;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await context.trpc.auth.me();
  if (!viewer) throw redirectToSignIn(request);
  try {
    const items: LearningItem[] = [];
    let cursor: string | undefined;
    let total = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await context.trpc.enrollment.mine({ cursor, limit: PAGE_SIZE });
      items.push(...result.items);
      total = result.total;
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    return { items: items.sort(byRecentActivity), total, name: viewer.name };
  } catch (error) {
    return refusal(request, error);
  }
}

function lastTouched(item: LearningItem): number {
  const when = item.enrollment.lastActivityAt ?? item.enrollment.enrolledAt;
  const time = new Date(when).getTime();
  return Number.isNaN(time) ? 0 : time;
}

function byRecentActivity(a: LearningItem, b: LearningItem): number {
  return lastTouched(b) - lastTouched(a);
}

export default function MyLearningPage() {
  const { items, total, name } = useLoaderData<typeof loader>();
  const inProgress = items.filter((item) => !item.enrollment.completedAt);
  const completed = items.filter((item) => item.enrollment.completedAt);
  const [current, ...others] = inProgress;
  const firstName = name.split(/\s+/)[0] ?? name;

  return (
    <div className="learning container">
      <header className="page-header">
        <p className="eyebrow">My learning</p>
        <h1>Welcome back, {firstName}</h1>
        <p className="page-header__lead">
          {total === 0
            ? 'Courses you enroll in show up here, with your progress.'
            : `${total} ${total === 1 ? 'course' : 'courses'} · ${completed.length} completed`}
        </p>
      </header>

      {items.length === 0 ? (
        <div className="empty-panel">
          <h2>Nothing here yet — let’s find your first course</h2>
          <p>Browse the catalog, open a free preview, and enroll when something catches your eye.</p>
          <Link to="/catalog" className="button button--primary">
            Browse the catalog
          </Link>
        </div>
      ) : null}

      {current ? <ContinueCard item={current} /> : null}

      {others.length > 0 ? (
        <section aria-labelledby="in-progress-title" className="learning__section">
          <h2 id="in-progress-title">In progress</h2>
          <ul className="learning-list">
            {others.map((item) => (
              <li key={item.enrollment.id}>
                <LearningCard item={item} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {completed.length > 0 ? (
        <section aria-labelledby="completed-title" className="learning__section">
          <h2 id="completed-title">Completed</h2>
          <ul className="learning-list">
            {completed.map((item) => (
              <li key={item.enrollment.id}>
                <LearningCard item={item} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {items.length > 0 && inProgress.length === 0 ? (
        <p className="learning__more">
          Every course finished. <Link to="/catalog">Find your next one in the catalog</Link>.
        </p>
      ) : null}
    </div>
  );
}
