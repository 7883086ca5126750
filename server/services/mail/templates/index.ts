/**
 * Every mail Aurora sends is rendered here, from one layout (layout.ts). A new kind of
 * message is a new file in this folder that calls `renderMail`; nothing else writes
 * mail HTML.
 */
export { escapeHtml, safeLink } from './escape';
export {
  listHeaders,
  renderMail,
  unsubscribeUrl,
  type MailAction,
  type MailContent,
  type MailSite,
} from './layout';
export { passwordChangedMail, type PasswordChangedMailInput } from './password-changed';
export { passwordResetMail, type PasswordResetMailInput } from './password-reset';
export { welcomeMail, type WelcomeMailInput } from './welcome';
