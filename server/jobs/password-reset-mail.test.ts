/**
 * "Forgot password?" end to end below the browser: the request queues the reset mail in
 * the outbox, the mail-delivery job sends it to a real SMTP server started here, and the
 * link read from the received message sets the password; the "password changed" notice
 * follows the same way. A second use of the link is refused.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outcome } from '../../tests/helpers/identity';
import {
  createTestServices,
  createTestUser,
  sameSiteFacts,
  type TestServices,
} from '../../tests/helpers/services';
import { startSmtpServer, type TestSmtpServer } from '../../tests/helpers/smtp';
import type { Mailer } from '../services/mail/mailer';
import { createSmtpMailer } from '../services/mail/smtp-mailer';
import { createContext } from '../trpc/context';
import { createCaller } from '../trpc/root';
import { mailCatchUpJob, mailDeliveryJob } from './mail-delivery';
import { createJobRunner } from './runner';
import { testJobContext } from './testing';

let smtp: TestSmtpServer;
let services: TestServices;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  services = await createTestServices({ env: { AURORA_PUBLIC_URL: 'https://learn.example.org' } });
  mailer = createSmtpMailer({ url: smtp.url, from: services.env.mailFrom });
  smtp.received.length = 0;
});
afterEach(async () => {
  await mailer.close();
  await services.cleanup();
});

const drain = () =>
  createJobRunner({
    jobs: [mailDeliveryJob, mailCatchUpJob],
    context: testJobContext(services, { mailer }),
    outbox: services.backend.outbox,
    schedules: false,
  }).drain();

const visitor = async () => createCaller(await createContext(services, sameSiteFacts(services)));

describe('the reset mail', () => {
  it('arrives through SMTP with a link that sets the password once, then the notice arrives', async () => {
    const person = await createTestUser(services, 'regular', { name: 'Ada Lovelace' });
    await (await visitor()).auth.requestPasswordReset({ email: person.email });
    await (await visitor()).auth.requestPasswordReset({ email: 'nobody@example.test' });
    await drain();
    const [mail] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(mail?.envelopeTo).toEqual([person.email]);
    expect(mail?.parsed.subject).toBe('Choose a new Aurora password');
    const text = mail?.parsed.text ?? '';
    expect(text).toContain('Hi Ada Lovelace,');
    const link = /https:\/\/learn\.example\.org\/set-password\?\S+/.exec(text)?.[0] ?? '';
    expect(mail?.parsed.html).toContain('https://learn.example.org/set-password?token=');
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(new URL(link).searchParams.get('reset')).toBe('1');

    expect(await outcome((await visitor()).auth.resetPassword({ token, password: 'my new password' }))).toBe(
      'ok',
    );
    expect(
      await outcome((await visitor()).auth.login({ email: person.email, password: 'my new password' })),
    ).toBe('ok');
    expect(await outcome((await visitor()).auth.resetPassword({ token, password: 'another one' }))).toBe(
      'BAD_REQUEST',
    );

    await drain();
    const [, notice] = await smtp.waitFor(2);
    expect(notice?.envelopeTo).toEqual([person.email]);
    expect(notice?.parsed.subject).toBe('Your Aurora password was changed');
    expect(notice?.parsed.text).toContain('https://learn.example.org/forgot-password');
  });
});
