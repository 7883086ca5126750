/**
 * The mail a person gets when their password was changed from the account page: when,
 * from which address and browser, and what to do if it was not them. Account and
 * security mail, so it is sent whatever the person's preferences say.
 */
import type { RenderedMail } from '../rendered';
import { renderMail, type MailSite } from './layout';

export interface PasswordChangedMailInput {
  name: string;
  /** ISO 8601. */
  changedAt: string;
  /** Empty when unknown. */
  ipAddress: string;
  userAgent: string;
  /** Where "Forgot password?" starts, for someone locked out by the change. */
  signInUrl: string;
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

export function passwordChangedMail(input: PasswordChangedMailInput, site: MailSite): RenderedMail {
  const siteName = site.name ?? 'Aurora';
  const greeting = input.name.trim() ? `Hi ${input.name.trim()},` : 'Hi,';
  const from = [
    input.ipAddress.trim() ? `from the address ${input.ipAddress.trim()}` : '',
    input.userAgent.trim() ? `using ${input.userAgent.trim()}` : '',
  ].filter(Boolean);
  return renderMail(
    {
      subject: `Your ${siteName} password was changed`,
      preheader: `Your ${siteName} password was changed on ${when(input.changedAt)}.`,
      heading: 'Your password was changed',
      paragraphs: [
        greeting,
        `The password of your ${siteName} account was changed on ${when(input.changedAt)}${from.length ? `, ${from.join(', ')}` : ''}. Every other device signed in to your account was signed out.`,
        'If this was you, there is nothing more to do.',
        `If it was not you, someone knows your password. Reset it now with "Forgot password?" on the sign-in page, then tell your administrator: ${input.signInUrl}`,
      ],
      action: { label: 'Go to sign-in', url: input.signInUrl },
      footer: `You get this email because the password of your ${siteName} account changed. Security mail cannot be turned off.`,
    },
    site,
  );
}
