/**
 * mail.list and mail.get: the outbox newest first in cursor pages, narrowed by status, one
 * message whole; bad input is refused and changes nothing. Who may call them is proven in
 * authorization.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome } from '../../../tests/helpers/identity';
import { contextAs, createTestServices, type TestServices } from '../../../tests/helpers/services';
import { queueMail } from '../../services/mail/queue';
import { renderMail } from '../../services/mail/templates/layout';
import { createCaller, type Caller } from '../root';
import { MAIL_MESSAGES } from '../../services/tables';

let services: TestServices;
let admin: Caller;
const ids: string[] = [];

beforeAll(async () => {
  services = await createTestServices({ env: { AURORA_PUBLIC_URL: 'https://learn.example.org' } });
  admin = createCaller(await contextAs(services, 'admin'));
  const start = Date.parse('2026-03-01T09:00:00.000Z');
  for (let i = 0; i < 5; i++) {
    const rendered = renderMail(
      {
        subject: `Message ${i}`,
        preheader: 'p',
        heading: `Heading ${i}`,
        paragraphs: [`Paragraph ${i}`],
        footer: 'Why you got this',
      },
      { publicUrl: services.env.publicUrl },
    );
    await queueMail(
      services.backend,
      { key: `test:${i}`, to: `person-${i}@example.test`, kind: 'test', rendered },
      new Date(start + i * 60_000),
    );
  }
  const { rows } = await services.backend.tables.list({ ...MAIL_MESSAGES });
  for (const row of rows.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt))))
    ids.push(row.$id);
  // One of them was sent.
  await services.backend.tables.update({
    ...MAIL_MESSAGES,
    rowId: ids[1] ?? '',
    data: { status: 'sent', sentAt: '2026-03-01T10:00:00.000Z', attempts: 1 },
  });
});
afterAll(async () => {
  await services.cleanup();
});

describe('mail.list', () => {
  it('pages through the outbox newest first', async () => {
    const first = await admin.mail.list({ limit: 2 });
    expect(first.total).toBe(5);
    expect(first.items.map((item) => item.subject)).toEqual(['Message 4', 'Message 3']);
    expect(first.items[1]).toMatchObject({
      id: ids[1],
      to: 'person-3@example.test',
      kind: 'test',
      status: 'sent',
      sentAt: '2026-03-01T10:00:00.000Z',
      attempts: 1,
      lastError: null,
      createdAt: '2026-03-01T09:03:00.000Z',
    });
    expect(first.items[0]).not.toHaveProperty('html');
    expect(first.nextCursor).toBe(ids[1]);

    const second = await admin.mail.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((item) => item.subject)).toEqual(['Message 2', 'Message 1']);
    const third = await admin.mail.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect(third.items.map((item) => item.subject)).toEqual(['Message 0']);
    expect(third.nextCursor).toBeNull();
  });

  it('narrows the list by status', async () => {
    const sent = await admin.mail.list({ status: 'sent' });
    expect(sent.items.map((item) => item.id)).toEqual([ids[1]]);
    expect(sent.total).toBe(1);
    const waiting = await admin.mail.list({ status: 'waiting' });
    expect(waiting.total).toBe(4);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await services.backend.tables.list({ ...MAIL_MESSAGES });
    const bad = [
      admin.mail.list({ limit: 0 }),
      admin.mail.list({ limit: 101 }),
      // @ts-expect-error not a status
      admin.mail.list({ status: 'lost' }),
      admin.mail.list({ cursor: '../etc/passwd' }),
      admin.mail.list({ cursor: 'no-such-row' }),
      admin.mail.get({ messageId: '' }),
      admin.mail.get({ messageId: 'a/b' }),
    ];
    for (const call of bad) expect(await outcome(call)).toBe('BAD_REQUEST');
    expect(await outcome(admin.mail.get({ messageId: 'no-such-message' }))).toBe('NOT_FOUND');
    const after = await services.backend.tables.list({ ...MAIL_MESSAGES });
    expect(after).toEqual(before);
  });
});

describe('mail.get', () => {
  it('returns the message whole: both parts and the headers', async () => {
    const message = await admin.mail.get({ messageId: ids[0] ?? '' });
    expect(message).toMatchObject({ id: ids[0], key: 'test:4', subject: 'Message 4', status: 'waiting' });
    expect(message.html).toContain('Heading 4');
    expect(message.text).toContain('Paragraph 4');
    expect(message.headers).toEqual({
      'List-Unsubscribe': '<https://learn.example.org/account#notifications>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});
