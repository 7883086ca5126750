/**
 * The notice after a password changed (issue 16), by a reset link or from the account
 * page: when, from which address and browser, and what to do if it was not the
 * account's owner. Account and security mail, so it goes whatever the person's
 * preferences say.
 */
import type { RenderedMail } from '../rendered';
import { renderMail, type MailSite } from './layout';

/** How the password was changed, as the notice tells it. */
const HOW = { 'reset link': ' with a reset link', 'account page': ' from the account page' } as const;

export interface PasswordChangedMailInput {
  name: string;
  /** ISO 8601. */
  changedAt: string;
  how: keyof typeof HOW;
  /** Empty when unknown. */
  ipAddress: string;
  userAgent: string;
  /** Where "Forgot password?" starts: /forgot-password. */
  forgotPasswordUrl: string;
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

export function passwordChangedMail(input: PasswordChangedMailInput, site: MailSite): RenderedMail {
  const siteName = site.name ?? 'Aurora';
  const greeting = input.name.trim() ? `Hi ${input.name.trim()},` : 'Hi,';
  const from = [
    input.ipAddress.trim() ? `from the address ${input.ipAddress.trim()}` : '',
    input.userAgent.trim() ? `using ${input.userAgent.trim().slice(0, 200)}` : '',
  ].filter(Boolean);
  return renderMail(
    {
      subject: `Your ${siteName} password was changed`,
      preheader: `Your ${siteName} password was changed on ${when(input.changedAt)}.`,
      heading: 'Your password was changed',
      paragraphs: [
        greeting,
        `The password of your ${siteName} account was changed on ${when(input.changedAt)}${HOW[input.how]}${from.length ? `, ${from.join(', ')}` : ''}. Every other device signed in to your account was signed out.`,
        'If this was you, there is nothing more to do.',
        `If it was not you, someone knows your password or can read your email. Secure your email account, choose a new password with the link below, and tell your administrator: ${input.forgotPasswordUrl}`,
      ],
      action: { label: 'Choose a new password', url: input.forgotPasswordUrl },
      footer: `You get this email because the password of your ${siteName} account was changed. Security mail cannot be turned off.`,
    },
    site,
  );
}
