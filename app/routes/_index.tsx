import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Dashboard } from '~/components/dashboard/Dashboard';
import type { DashboardData } from '~/components/dashboard/types';
import { CourseMock } from '~/components/home/CourseMock';
import { Steps } from '~/components/home/Steps';
import { ValuePoints } from '~/components/home/ValuePoints';
import coursesStylesUrl from '~/styles/courses.css?url';
import dashboardStylesUrl from '~/styles/dashboard.css?url';
import homeStylesUrl from '~/styles/home.css?url';
import learningStylesUrl from '~/styles/learning.css?url';
import { shareWithVisitors } from '~/lib/visitor-cache.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: homeStylesUrl },
  { rel: 'stylesheet', href: coursesStylesUrl },
  { rel: 'stylesheet', href: learningStylesUrl },
  { rel: 'stylesheet', href: dashboardStylesUrl },
];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data?.dashboard
    ? [{ title: 'Your dashboard · Aurora' }]
    : [
        { title: 'Aurora — the learning platform your school owns' },
        {
          name: 'description',
          content:
            'Courses, video lessons, assignments and progress in one fast, friendly place. Open source, on your own server.',
        },
      ];

/** Enrolled courses shown on the dashboard; everything else is one click away in My learning. */
const LEARNING_SHOWN = 6;
const ADDED_SHOWN = 3;
const TEACHING_SHOWN = 5;
const RECENT_SHOWN = 6;

/**
 * `/` is the sales page for visitors and the dashboard for everyone signed in. A fixed
 * set of procedure calls, made together: my learning, the newest courses, and for
 * those who may create courses (instructors, admins) their courses and the newest enrollments in them.
 */
export async function loader({ context }: LoaderFunctionArgs): Promise<{ dashboard: DashboardData | null }> {
  const [viewer, permissions] = await Promise.all([context.trpc.auth.me(), context.trpc.auth.permissions()]);
  shareWithVisitors(context);
  if (!viewer) return { dashboard: null };
  const teaches = permissions.includes('courses.create');
  const [learning, catalog, taught, recent] = await Promise.all([
    context.trpc.enrollment.mine({ limit: LEARNING_SHOWN }),
    // A few spare: courses the viewer is already in are left out below.
    context.trpc.course.list({ limit: ADDED_SHOWN + LEARNING_SHOWN }),
    teaches ? context.trpc.course.mine({ limit: TEACHING_SHOWN }) : null,
    teaches ? context.trpc.enrollment.recent({ limit: RECENT_SHOWN }) : null,
  ]);
  const enrolled = new Set(learning.items.map((item) => item.course.id));
  return {
    dashboard: {
      firstName: viewer.name.trim().split(/\s+/)[0] || viewer.name,
      learning: { items: learning.items, total: learning.total },
      added: catalog.items.filter((course) => !enrolled.has(course.id)).slice(0, ADDED_SHOWN),
      teaching:
        taught && recent
          ? { courses: taught.items, more: taught.nextCursor !== null, recent: recent.items }
          : null,
    },
  };
}

export default function Home() {
  const { dashboard } = useLoaderData<typeof loader>();
  return dashboard ? <Dashboard data={dashboard} /> : <Marketing />;
}

/** What a visitor sees: what Aurora is, and the way to start. */
function Marketing() {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero__inner container">
          <div className="hero__copy">
            <p className="eyebrow">Open-source learning platform</p>
            <h1 id="hero-title" className="hero__title">
              The learning platform your school owns,{' '}
              <span className="hero__highlight">and students enjoy</span>.
            </h1>
            <p className="hero__lead">
              Aurora brings courses, video lessons, assignments and progress together in one fast, friendly
              place. Start on a single server today and grow to a cluster tomorrow, without changing a thing
              for your teachers.
            </p>
            <div className="actions">
              <Link to="/sign-up" className="button button--primary button--large">
                Get started free
              </Link>
              <Link to="/catalog" className="button button--secondary button--large">
                Browse the catalog
              </Link>
            </div>
            <ul className="hero__assurances">
              <li>No per-seat fees</li>
              <li>Works on any device</li>
              <li>Your data stays yours</li>
            </ul>
          </div>
          <CourseMock />
        </div>
      </section>

      <ValuePoints />
      <Steps />

      <section className="cta-band" aria-labelledby="cta-title">
        <div className="container">
          <div className="cta-band__panel">
            <div>
              <h2 id="cta-title">Bring Aurora to your school</h2>
              <p>Set it up in an afternoon. Your teachers will feel at home by the end of the week.</p>
            </div>
            <div className="actions">
              <Link to="/sign-up" className="button button--inverse button--large">
                Get started free
              </Link>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}
