/**
 * The one layout every Aurora mail uses: a typed description of a message (heading,
 * paragraphs, an optional button) becomes an HTML part that mail clients render well
 * (tables, inline styles, no scripts, no external CSS, every value escaped) and a
 * plain-text part that says the same, plus the headers every message carries
 * (`List-Unsubscribe`, `List-Unsubscribe-Post`, decision 0024).
 */
import type { RenderedMail } from '../rendered';
import { escapeHtml, safeLink } from './escape';

export interface MailAction {
  label: string;
  url: string;
}

export interface MailContent {
  subject: string;
  /** The line mail clients show after the subject in the inbox; hidden in the body. */
  preheader: string;
  heading: string;
  /** Plain text, one entry per paragraph; escaped, never read as HTML. */
  paragraphs: readonly string[];
  /** The one thing the reader is asked to do, shown as a button (and a plain link). */
  action?: MailAction;
  /** Why they get this mail, shown small under the message. */
  footer: string;
}

/** What the layout needs to know about the site that sends. */
export interface MailSite {
  publicUrl: URL;
  /** Shown in the header and footer; defaults to "Aurora". */
  name?: string;
}

const COLORS = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#1f2937',
  muted: '#4b5563',
  brand: '#0f5f56',
  buttonText: '#ffffff',
  rule: '#e5e7eb',
};
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Where a reader manages (and will turn off) their mail: the account's notification settings. */
export function unsubscribeUrl(site: MailSite): string {
  return new URL('/account#notifications', site.publicUrl.origin).href;
}

/** RFC 2369 and RFC 8058: the list headers a one-click unsubscribe needs. */
export function listHeaders(site: MailSite): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(site)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

function htmlPart(content: MailContent, site: MailSite, siteName: string): string {
  const paragraphs = content.paragraphs
    .map(
      (paragraph) =>
        `<p style="margin:0 0 16px;font-size:16px;line-height:1.6;color:${COLORS.text};">${escapeHtml(paragraph)}</p>`,
    )
    .join('\n');
  const action = content.action
    ? (() => {
        const href = escapeHtml(safeLink(content.action.url));
        const label = escapeHtml(content.action.label);
        return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">
<tr><td style="border-radius:6px;background:${COLORS.brand};">
<a href="${href}" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;font-weight:600;color:${COLORS.buttonText};text-decoration:none;border-radius:6px;">${label}</a>
</td></tr></table>
<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:${COLORS.muted};">If the button does not work, open this link: <a href="${href}" style="color:${COLORS.brand};word-break:break-all;">${escapeHtml(safeLink(content.action.url))}</a></p>`;
      })()
    : '';
  const manage = escapeHtml(unsubscribeUrl(site));
  const home = escapeHtml(site.publicUrl.origin);
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:${COLORS.page};">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(content.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${COLORS.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:${COLORS.card};border-radius:8px;font-family:${FONT};">
<tr><td style="padding:20px 32px;border-bottom:1px solid ${COLORS.rule};">
<a href="${home}" style="font-size:18px;font-weight:700;color:${COLORS.brand};text-decoration:none;">${escapeHtml(siteName)}</a>
</td></tr>
<tr><td style="padding:32px;">
<h1 style="margin:0 0 20px;font-size:24px;line-height:1.3;color:${COLORS.text};">${escapeHtml(content.heading)}</h1>
${paragraphs}
${action}
</td></tr>
<tr><td style="padding:20px 32px;border-top:1px solid ${COLORS.rule};">
<p style="margin:0 0 8px;font-size:13px;line-height:1.5;color:${COLORS.muted};">${escapeHtml(content.footer)}</p>
<p style="margin:0;font-size:13px;line-height:1.5;color:${COLORS.muted};"><a href="${manage}" style="color:${COLORS.brand};">Manage your email notifications</a></p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function textPart(content: MailContent, site: MailSite, siteName: string): string {
  const lines = [content.heading, '', ...content.paragraphs.flatMap((paragraph) => [paragraph, ''])];
  if (content.action) lines.push(`${content.action.label}: ${safeLink(content.action.url)}`, '');
  lines.push('--', content.footer, `Manage your email notifications: ${unsubscribeUrl(site)}`, siteName);
  return `${lines.join('\n')}\n`;
}

/** Renders a message in Aurora's layout: subject, both parts and the list headers. */
export function renderMail(content: MailContent, site: MailSite): RenderedMail {
  const siteName = site.name ?? 'Aurora';
  return {
    subject: content.subject,
    html: htmlPart(content, site, siteName),
    text: textPart(content, site, siteName),
    headers: listHeaders(site),
  };
}
