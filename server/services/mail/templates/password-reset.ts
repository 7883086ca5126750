/** The "Forgot password?" mail: a one-time link to choose a new password (issue 16). */
import type { RenderedMail } from '../rendered';
import { renderMail, type MailSite } from './layout';

export interface PasswordResetMailInput {
  name: string;
  /** The set-password page with the one-time token. */
  link: string;
}

export function passwordResetMail(input: PasswordResetMailInput, site: MailSite): RenderedMail {
  const siteName = site.name ?? 'Aurora';
  const greeting = input.name.trim() ? `Hi ${input.name.trim()},` : 'Hi,';
  return renderMail(
    {
      subject: `Choose a new ${siteName} password`,
      preheader: 'A link to choose a new password. It works once, for one hour.',
      heading: 'Choose a new password',
      paragraphs: [
        greeting,
        `Someone asked to reset the password of your ${siteName} account. Open the link below to choose a new one. It works once, for one hour; a newer request replaces it.`,
        'If you did not ask for this, you can ignore this email: your password stays as it is.',
      ],
      action: { label: 'Choose a new password', url: input.link },
      footer: `You get this email because a password reset was requested for your ${siteName} account.`,
    },
    site,
  );
}
