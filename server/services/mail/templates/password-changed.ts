/**
 * The notice after a password was changed through a reset link (issue 16): when, from
 * which network and browser, and what to do if it was not the account's owner.
 */
import type { RenderedMail } from '../rendered';
import { renderMail, type MailSite } from './layout';

export interface PasswordChangedMailInput {
  name: string;
  /** ISO 8601. */
  changedAt: string;
  ip: string;
  userAgent: string;
  /** Where to ask for a new link: /forgot-password. */
  forgotPasswordUrl: string;
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function passwordChangedMail(input: PasswordChangedMailInput, site: MailSite): RenderedMail {
  const siteName = site.name ?? 'Aurora';
  const greeting = input.name.trim() ? `Hi ${input.name.trim()},` : 'Hi,';
  const from = [
    input.ip && `network ${input.ip}`,
    input.userAgent && `browser ${input.userAgent.slice(0, 200)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return renderMail(
    {
      subject: `Your ${siteName} password was changed`,
      preheader: `Your password was changed on ${when(input.changedAt)}.`,
      heading: 'Your password was changed',
      paragraphs: [
        greeting,
        `The password of your ${siteName} account was changed on ${when(input.changedAt)} with a reset link${from ? ` (${from})` : ''}. Every other session of the account was signed out.`,
        'If this was you, there is nothing more to do.',
        'If it was not you, someone can read your email: secure your email account first, then choose a new password with the link below and tell your administrator.',
      ],
      action: { label: 'Choose a new password', url: input.forgotPasswordUrl },
      footer: `You get this email because the password of your ${siteName} account was changed. Security mail cannot be turned off.`,
    },
    site,
  );
}
