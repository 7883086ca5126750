/** Mail for tests: one message waiting in the outbox, queued as the jobs queue it. */
import { Query } from 'node-appwrite';
import { queueMail } from '../../server/services/mail/queue';
import { welcomeMail } from '../../server/services/mail/templates/welcome';
import { MAIL_MESSAGES } from '../../server/services/tables';
import type { TestServices } from './services';

let queued = 0;

/** Queues a welcome mail to ada@example.test and returns its message id. */
export async function queueTestMail(services: TestServices): Promise<string> {
  const key = `welcome:test-${++queued}-${Date.now()}`;
  const rendered = welcomeMail(
    {
      learnerName: 'Ada',
      courseTitle: 'Matrices',
      instructorName: 'Maya',
      firstLessonUrl: null,
      courseUrl: 'https://learn.example.org/courses/c1',
    },
    { publicUrl: services.env.publicUrl },
  );
  await queueMail(services.backend, { key, to: 'ada@example.test', kind: 'welcome', rendered }, new Date());
  const { rows } = await services.backend.tables.list({
    ...MAIL_MESSAGES,
    queries: [Query.equal('key', key)],
  });
  const id = rows[0]?.$id;
  if (!id) throw new Error(`the mail ${key} was not queued`);
  return id;
}
