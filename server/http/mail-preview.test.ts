/**
 * GET /api/mail/preview/:messageId: the stored HTML, for admins only, under a policy
 * that lets a mail's markup show but run nothing and fetch nothing but images.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../../tests/helpers/http';
import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';

import type { Role } from '../backend/port';
import { queueMail } from '../services/mail/queue';
import { renderMail } from '../services/mail/templates/layout';
import { MAIL_PREVIEW_POLICY } from './mail-preview-handler';
import { MAIL_MESSAGES } from '../services/tables';

let services: TestServices;
let api: RunningApi;
let messageId: string;
let html: string;

async function cookieOf(role: Role): Promise<string> {
  const user = await createTestUser(services, role);
  const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  return `aurora_session=${encodeURIComponent(session.secret)}`;
}

beforeAll(async () => {
  services = await createTestServices();
  api = await startApi(services);
  const rendered = renderMail(
    {
      subject: 'Hello',
      preheader: 'Hi',
      heading: 'A <b>heading</b>',
      paragraphs: ['One'],
      action: { label: 'Go', url: 'https://example.org/go' },
      footer: 'Footer',
    },
    { publicUrl: services.env.publicUrl },
  );
  html = rendered.html;
  await queueMail(
    services.backend,
    { key: 'preview:1', to: 'a@example.test', kind: 'test', rendered },
    new Date(),
  );
  const { rows } = await services.backend.tables.list({ ...MAIL_MESSAGES });
  messageId = rows[0]?.$id ?? '';
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});

describe('GET /api/mail/preview/:messageId', () => {
  it('serves the stored HTML to an admin, with its own strict policy', async () => {
    const response = await fetch(`${api.base}/api/mail/preview/${messageId}`, {
      headers: { cookie: await cookieOf('admin') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(MAIL_PREVIEW_POLICY);
    expect(MAIL_PREVIEW_POLICY).toContain("default-src 'none'");
    expect(MAIL_PREVIEW_POLICY).toContain("frame-ancestors 'self'");
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await response.text();
    expect(body).toBe(html);
    expect(body).toContain('A &lt;b&gt;heading&lt;/b&gt;');
  });

  it('is refused to everyone else, and 404 for unknown or malformed ids', async () => {
    const url = `${api.base}/api/mail/preview/${messageId}`;
    expect((await fetch(url)).status).toBe(401);
    for (const role of ['regular', 'instructor'] as const) {
      const response = await fetch(url, { headers: { cookie: await cookieOf(role) } });
      expect(response.status, role).toBe(403);
      expect(await response.text()).not.toContain('heading');
    }
    const admin = await cookieOf('admin');
    for (const path of ['no-such-message', '..%2Fsecrets.json', '', 'a/b']) {
      const response = await fetch(`${api.base}/api/mail/preview/${path}`, { headers: { cookie: admin } });
      expect(response.status, path).toBe(404);
    }
    const post = await fetch(url, { method: 'POST', headers: { cookie: admin } });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
  });
});
