import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { JobFailuresTable, JobsTable } from '~/components/admin/JobsTable';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import adminStylesUrl from '~/styles/admin.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: adminStylesUrl }];

export const meta: MetaFunction = ({ error }) => [{ title: adminPageTitle(error, 'Background jobs') }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    return await context.trpc.jobs.status();
  } catch (error) {
    // Who may see this page is the procedure's decision; the page only explains it.
    throwAdminRefusal(request, error);
  }
}

export default function AdminJobsPage() {
  const { jobs, failures, runsIn } = useLoaderData<typeof loader>();
  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">Admin</p>
        <h1>Background jobs</h1>
        <p className="page-header__lead">
          {runsIn === 'process'
            ? 'Jobs run inside this server: on events, on their schedule, and once at start for a run missed while it was down.'
            : 'Jobs run as Appwrite Functions, on their events and schedules.'}{' '}
          Every failure that needs a look is listed below.
        </p>
      </header>
      <AdminNav />

      <section className="people-panel" aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Jobs</h2>
        {jobs.length > 0 ? (
          <div className="security-scroll">
            <JobsTable jobs={jobs} />
          </div>
        ) : (
          <div className="empty-state">
            <p>No background jobs are installed.</p>
          </div>
        )}
      </section>

      <section className="people-panel" aria-labelledby="failures-heading">
        <h2 id="failures-heading">Recent failures</h2>
        {failures.length > 0 ? (
          <div className="security-scroll">
            <JobFailuresTable failures={failures} />
          </div>
        ) : (
          <div className="empty-state">
            <p>No failures: every job ran as it should.</p>
          </div>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
