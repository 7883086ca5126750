import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { JobFailuresTable, JobsTable, type JobsStatus } from './JobsTable';

const JOBS: JobsStatus['jobs'] = [
  {
    name: 'mail-delivery',
    description: 'Sends queued mail.',
    trigger: { kind: 'event', events: ['databases.aurora_main.tables.mail_messages.rows.*.create'] },
    lastRun: null,
    recentFailures: 2,
  },
  {
    name: 'sweeper',
    description: 'Deletes what expired.',
    trigger: { kind: 'schedule', schedule: '30 2 * * *' },
    lastRun: {
      scheduledFor: '2026-03-02T02:30:00.000Z',
      status: 'failed',
      startedAt: '2026-03-02T02:30:01.000Z',
      finishedAt: '2026-03-02T02:30:02.000Z',
      error: 'Error: disk full',
    },
    recentFailures: 0,
  },
  {
    name: 'youtube-monitor',
    description: 'Checks videos.',
    trigger: { kind: 'schedule', schedule: '0 4 * * *' },
    lastRun: null,
    recentFailures: 0,
  },
];

describe('JobsTable', () => {
  it('shows each job with its trigger, its latest run and its failures', () => {
    render(<JobsTable jobs={JOBS} />);
    const [mail, sweeper, monitor] = screen.getAllByRole('row').slice(1);
    if (!mail || !sweeper || !monitor) throw new Error('a row is missing');
    expect(within(mail).getByRole('rowheader')).toHaveTextContent('mail-delivery');
    expect(mail).toHaveTextContent('databases.aurora_main.tables.mail_messages.rows.*.create');
    expect(mail).toHaveTextContent('On each event');
    expect(mail).toHaveTextContent('2');
    expect(sweeper).toHaveTextContent('Schedule 30 2 * * * (UTC)');
    expect(sweeper).toHaveTextContent('Failed');
    expect(sweeper).toHaveTextContent('Error: disk full');
    expect(sweeper).toHaveTextContent('None');
    expect(monitor).toHaveTextContent('Never');
  });
});

describe('JobFailuresTable', () => {
  it('names the job, the event, what happened and the error, with the payload on demand', () => {
    render(
      <JobFailuresTable
        failures={[
          {
            id: 'f1',
            jobName: 'mail-delivery',
            event: 'databases.aurora_main.tables.mail_messages.rows.m1.create',
            kind: 'invalid_payload',
            error: "payload does not match the job's schema: to: Invalid email",
            payloadExcerpt: '{"$id":"m1"}',
            createdAt: '2026-03-02T04:00:00.000Z',
          },
        ]}
      />,
    );
    const row = screen.getAllByRole('row')[1];
    if (!row) throw new Error('no failure row');
    expect(row).toHaveTextContent('mail-delivery');
    expect(row).toHaveTextContent('Payload rejected (not retried)');
    expect(row).toHaveTextContent('to: Invalid email');
    expect(within(row).getByText('Payload')).toBeInTheDocument();
    expect(row).toHaveTextContent('{"$id":"m1"}');
    expect(row).toHaveTextContent('2 Mar 2026');
  });
});
