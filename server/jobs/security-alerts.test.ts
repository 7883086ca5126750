/**
 * Security alert mails on the real embedded backend: refusals recorded through the
 * video audit (audit.ts writes the `video_alert` rows), the job delivered by the runner,
 * mail sent to a real SMTP server. One mail per admin per scope per clock hour, however
 * many alerts and deliveries; the hourly catch-up mails what the events missed.
 */
import { Query } from 'node-appwrite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, createTestUser, type TestServices } from '../../tests/helpers/services';
import { startSmtpServer, type TestSmtpServer } from '../../tests/helpers/smtp';
import type { AuthUser } from '../backend/port';
import type { Mailer } from '../services/mail/mailer';
import { createSmtpMailer } from '../services/mail/smtp-mailer';
import { recordVideoEvent, VIDEO_ACTIONS } from '../services/video/audit';
import type { JobContext } from './job';
import { mailCatchUpJob, mailDeliveryJob } from './mail-delivery';
import { createJobRunner } from './runner';
import { securityAlertsCatchUpJob, securityAlertsJob } from './security-alerts';
import { testJobContext } from './testing';
import { MAIL_MESSAGES, SECURITY_LOGS } from '../services/tables';

let smtp: TestSmtpServer;
let services: TestServices;
let mailer: Mailer;
let context: JobContext;
let clock: Date;
let admins: AuthUser[];
let prowler: AuthUser;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  clock = new Date('2026-05-04T10:10:00.000Z');
  services = await createTestServices({
    env: { AURORA_PUBLIC_URL: 'https://learn.example.org' },
    now: () => clock,
  });
  mailer = createSmtpMailer({ url: smtp.url, from: services.env.mailFrom });
  context = testJobContext(services, { mailer });
  smtp.received.length = 0;
  admins = [
    await createTestUser(services, 'admin', { name: 'Admin One' }),
    await createTestUser(services, 'admin', { name: 'Admin Two' }),
  ];
  prowler = await createTestUser(services, 'regular', { name: 'Pat Prowler' });
});
afterEach(async () => {
  await mailer.close();
  await services.cleanup();
});

const jobs = [securityAlertsJob, securityAlertsCatchUpJob, mailDeliveryJob, mailCatchUpJob];
const drain = () =>
  createJobRunner({ jobs, context, outbox: services.backend.outbox, schedules: false }).drain();

/** `count` refusals of one lesson for the prowler, a second apart; clientIp `unknown` keeps the scope to the user. */
async function refuse(count: number, clientIp = 'unknown') {
  for (let i = 0; i < count; i += 1) {
    clock = new Date(clock.getTime() + 1000);
    await recordVideoEvent(
      services.backend,
      {
        action: VIDEO_ACTIONS.replay,
        userId: prowler.id,
        reason: `lesson l${i}, token t${i}`,
        request: { clientIp, userAgent: 'curl/8' },
      },
      clock,
    );
  }
}

const alertMails = async () =>
  (
    await services.backend.tables.list({
      ...MAIL_MESSAGES,
      queries: [Query.equal('kind', 'security-alert'), Query.orderAsc('key'), Query.limit(100)],
    })
  ).rows;
const alertRows = async () =>
  (
    await services.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.equal('action', VIDEO_ACTIONS.alert), Query.limit(100)],
    })
  ).rows;

describe('security-alerts', () => {
  it('mails every admin once per scope and hour, listing the refusals', async () => {
    await refuse(4);
    await drain();
    expect(await alertMails()).toHaveLength(0); // refusals alone are no alert

    await refuse(1); // the fifth: audit.ts writes a video_alert
    await drain();
    const received = await smtp.waitFor(2);
    expect(received.map((mail) => mail.envelopeTo[0]).sort()).toEqual(
      admins.map((admin) => admin.email).sort(),
    );
    const text = received[0]?.parsed.text ?? '';
    expect(received[0]?.parsed.subject).toBe(
      `Security alert: repeated video refusals for Pat Prowler (${prowler.email})`,
    );
    expect(text).toContain('video_token_replay · lesson l0, token t0');
    expect(text).toContain('https://learn.example.org/admin/security');

    // Five more in the same hour: a second alert row, no second mail.
    await refuse(5);
    expect(await alertRows()).toHaveLength(2);
    await drain();
    expect(await alertMails()).toHaveLength(2);
    expect(smtp.received).toHaveLength(2);

    // The next hour, the prowler goes on: a new mail for the new hour.
    clock = new Date('2026-05-04T11:02:00.000Z');
    await refuse(5);
    await drain();
    await smtp.waitFor(4);
    const keys = (await alertMails()).map((mail) => String(mail.key));
    expect(keys.filter((key) => key.includes(':2026-05-04T10:'))).toHaveLength(2);
    expect(keys.filter((key) => key.includes(':2026-05-04T11:'))).toHaveLength(2);
    expect(keys.every((key) => key.startsWith(`security-alert:user-${prowler.id}:`))).toBe(true);
  });

  it('counts a user and an IP address as separate scopes', async () => {
    await refuse(5, '203.0.113.9');
    await drain();
    const keys = (await alertMails()).map((mail) => String(mail.key));
    expect(keys).toHaveLength(4);
    expect(keys.filter((key) => key.startsWith('security-alert:ip-203.0.113.9:2026-05-04T10:'))).toHaveLength(
      2,
    );
    expect(keys.filter((key) => key.startsWith(`security-alert:user-${prowler.id}:`))).toHaveLength(2);
  });

  it('a second delivery of the alert event queues nothing', async () => {
    await refuse(5);
    await drain();
    const [alert] = await alertRows();
    const run = {
      trigger: 'event',
      event: 'databases.aurora_analytics.tables.security_logs.rows.x.create',
    } as const;
    await securityAlertsJob.handle(securityAlertsJob.payload.parse(alert), context, run);
    expect((await services.backend.outbox.pending()).waiting).toBe(0);
    await drain();
    expect(await alertMails()).toHaveLength(2);
    expect(smtp.received).toHaveLength(2);
  });

  it('the hourly catch-up mails alerts whose events were lost, once', async () => {
    await refuse(5);
    for (const entry of await services.backend.outbox.claim({ limit: 100, leaseMs: 60_000 })) {
      await services.backend.outbox.complete(entry.id);
    }
    const run = { trigger: 'schedule', scheduledFor: clock } as const;
    await securityAlertsCatchUpJob.handle({}, context, run);
    expect(await alertMails()).toHaveLength(2);
    await securityAlertsCatchUpJob.handle({}, context, run);
    expect(await alertMails()).toHaveLength(2);
    await drain();
    await smtp.waitFor(2);
    expect(smtp.received).toHaveLength(2);
  });
});
