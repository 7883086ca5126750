/**
 * The mail admins get when video access is refused again and again for one person or
 * one address (a `video_alert` row, server/services/video/audit.ts): what was flagged
 * and the refusals that led to it, newest first, with a link to the security log.
 */
import type { RenderedMail } from '../rendered';
import { renderMail, type MailSite } from './layout';

export interface SecurityRefusal {
  /** ISO 8601. */
  timestamp: string;
  action: string;
  reason: string;
}

export interface SecurityAlertMailInput {
  adminName: string;
  /** Who or what the alerts are about, in words: "user Ada Lovelace (ada@example.org)", "IP 203.0.113.9". */
  scopeLabel: string;
  /** The alert rows' own words. */
  alerts: readonly string[];
  /** The newest refusals of the last hour. */
  refusals: readonly SecurityRefusal[];
  /** True when the security log holds more than `refusals` shows. */
  moreInLog: boolean;
  securityLogUrl: string;
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

export function securityAlertMail(input: SecurityAlertMailInput, site: MailSite): RenderedMail {
  const greeting = input.adminName.trim() ? `Hi ${input.adminName.trim()},` : 'Hi,';
  const shown = input.refusals.map(
    (refusal) => `${when(refusal.timestamp)} · ${refusal.action} · ${refusal.reason || 'no reason recorded'}`,
  );
  const count = `${input.refusals.length}${input.moreInLog ? ' or more' : ''}`;
  return renderMail(
    {
      subject: `Security alert: repeated video refusals for ${input.scopeLabel}`,
      preheader: `${count} video access refusals for ${input.scopeLabel} in the last hour.`,
      heading: 'Repeated video access refusals',
      paragraphs: [
        greeting,
        `Aurora refused video access ${count} times in the last hour for ${input.scopeLabel}. This can be someone sharing links or tokens, a script trying lessons it may not open, or a learner whose setup keeps failing.`,
        ...input.alerts.map((alert) => `Alert: ${alert}`),
        'The refusals, newest first:',
        ...shown,
        ...(input.moreInLog ? ['… and more in the security log.'] : []),
        'You get at most one of these mails per person or address per hour.',
      ],
      action: { label: 'Open the security log', url: input.securityLogUrl },
      footer: `You get this email because you are an administrator of ${site.name ?? 'Aurora'}.`,
    },
    site,
  );
}
