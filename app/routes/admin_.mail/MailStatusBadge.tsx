import { MAIL_STATUS_FILTERS, type MailStatus } from './query';

const TONE: Record<MailStatus, string> = {
  waiting: 'waiting',
  sending: 'waiting',
  sent: 'sent',
  failed: 'failed',
};

/** A message's status in words (colour only repeats what the word says). */
export function MailStatusBadge({ status }: { status: MailStatus }) {
  const label = MAIL_STATUS_FILTERS.find((known) => known.value === status)?.label ?? status;
  return <span className={`mail-badge mail-badge--${TONE[status]}`}>{label}</span>;
}
