/** Which mailer a configuration gets, and the From it sends with. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../env';
import { outboxOnlyMailer } from './mailer';
import { createMailer } from './smtp-mailer';

const dataDir = mkdtempSync(join(tmpdir(), 'aurora-mailer-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = (extra: Record<string, string>) =>
  loadEnv({ AURORA_DATA_DIR: dataDir, NODE_ENV: 'test', AURORA_DEMO: '0', ...extra });

describe('createMailer', () => {
  it('keeps mail in the outbox without SMTP_URL, and speaks SMTP with it', async () => {
    expect(createMailer(env({}))).toBe(outboxOnlyMailer);
    await expect(
      outboxOnlyMailer.send({ to: 'a@b.c', subject: 's', html: 'h', text: 't', headers: {} }),
    ).rejects.toThrow(/no SMTP server/);
    const mailer = createMailer(env({ SMTP_URL: 'smtp://user:p%40ss@127.0.0.1:2525' }));
    expect(mailer.transport).toBe('smtp');
    await mailer.close();
  });
});

describe('MAIL_FROM', () => {
  it('defaults to no-reply at the public URL’s host', () => {
    expect(env({ AURORA_PUBLIC_URL: 'https://learn.example.org/x' }).mailFrom).toBe(
      'Aurora <no-reply@learn.example.org>',
    );
    expect(env({ MAIL_FROM: 'School <office@school.test>' }).mailFrom).toBe('School <office@school.test>');
    expect(env({ MAIL_FROM: 'office@school.test' }).mailFrom).toBe('office@school.test');
  });

  it('stops the start when it is not an address', () => {
    for (const value of ['nobody', 'Name <not an address>', 'a@b.c\r\nBcc: x@y.z']) {
      expect(() => env({ MAIL_FROM: value })).toThrow(EnvError);
    }
  });
});
