import type { Caller } from '../../../server/trpc/root';
import { LocalTime } from './LocalTime';

/** `jobs.status` as the server types it (every field survives JSON). */
export type JobsStatus = Awaited<ReturnType<Caller['jobs']['status']>>;
type JobRow = JobsStatus['jobs'][number];
type FailureRow = JobsStatus['failures'][number];

const RUN_LABELS: Record<NonNullable<JobRow['lastRun']>['status'], { label: string; tone: string }> = {
  running: { label: 'Running', tone: 'normal' },
  succeeded: { label: 'Succeeded', tone: 'normal' },
  failed: { label: 'Failed', tone: 'alert' },
  baseline: { label: 'Not run yet', tone: 'normal' },
};

/**
 * An Appwrite event name in code type, free to wrap after each dot: long names such as
 * `databases.aurora_analytics.tables.security_logs.rows.*.create` then break between their
 * parts instead of in the middle of a word.
 */
function EventName({ name }: { name: string }) {
  const parts = name.split('.');
  return (
    <code className="jobs-table__event">
      {parts.map((part, index) => (
        <span key={index}>
          {part}
          {index < parts.length - 1 ? (
            <>
              .<wbr />
            </>
          ) : null}
        </span>
      ))}
    </code>
  );
}

function Trigger({ job }: { job: JobRow }) {
  if (job.trigger.kind === 'schedule')
    return (
      <>
        Schedule <code>{job.trigger.schedule}</code> (UTC)
      </>
    );
  return (
    <>
      {job.trigger.events.map((event) => (
        <EventName key={event} name={event} />
      ))}
    </>
  );
}

function LastRun({ job }: { job: JobRow }) {
  if (job.trigger.kind === 'event') return <span className="muted">On each event</span>;
  if (!job.lastRun) return <span className="muted">Never</span>;
  const run = RUN_LABELS[job.lastRun.status];
  return (
    <span className="jobs-run">
      <span className={`security-badge security-badge--${run.tone}`}>{run.label}</span>{' '}
      {/* A baseline is the slot the schedule counts from on a new install, not a run. */}
      {job.lastRun.status === 'baseline' ? <span className="muted">since </span> : null}
      <LocalTime value={job.lastRun.scheduledFor} />
      {job.lastRun.error ? <span className="jobs-run__error">{job.lastRun.error}</span> : null}
    </span>
  );
}

/** Every job: what triggers it, its latest scheduled run, its recent failures. */
export function JobsTable({ jobs }: { jobs: JobRow[] }) {
  return (
    <table className="users-table security-table jobs-table">
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Trigger</th>
          <th scope="col">Last run</th>
          <th scope="col">Recent failures</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.name}>
            <th scope="row" data-label="Job">
              <span className="jobs-table__name">{job.name}</span>
              <span className="muted jobs-table__description">{job.description}</span>
            </th>
            <td data-label="Trigger">
              <Trigger job={job} />
            </td>
            <td data-label="Last run">
              <LastRun job={job} />
            </td>
            <td data-label="Recent failures">
              {job.recentFailures > 0 ? (
                <span className="security-badge security-badge--alert">{job.recentFailures}</span>
              ) : (
                <span className="muted">None</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const KIND_LABELS: Record<FailureRow['kind'], string> = {
  invalid_payload: 'Payload rejected (not retried)',
  handler_failed: 'Failed',
};

/** Dead letters and failed runs, newest first, each with its error and a payload excerpt. */
export function JobFailuresTable({ failures }: { failures: FailureRow[] }) {
  return (
    <table className="users-table security-table jobs-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Job</th>
          <th scope="col">What happened</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {failures.map((failure) => (
          <tr key={failure.id} className="security-row security-row--alert">
            <td data-label="Time" className="security-table__time">
              <LocalTime value={failure.createdAt} className="security-table__when" />
            </td>
            <th scope="row" data-label="Job">
              <span className="jobs-table__name">{failure.jobName}</span>
              <EventName name={failure.event} />
            </th>
            <td data-label="What happened">
              <span
                className={`security-badge security-badge--${failure.kind === 'invalid_payload' ? 'warning' : 'alert'}`}
              >
                {KIND_LABELS[failure.kind]}
              </span>
            </td>
            <td data-label="Error" className="jobs-table__error">
              <p>{failure.error}</p>
              {failure.payloadExcerpt ? (
                <details>
                  <summary>Payload</summary>
                  <pre>{failure.payloadExcerpt}</pre>
                </details>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
