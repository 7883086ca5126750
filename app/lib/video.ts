/**
 * Video lessons as pages show them: lengths in m:ss / h:mm:ss, the length field's
 * parser, and the security log's actions with the words admins read. Browser-safe: the
 * action list mirrors VIDEO_ACTIONS in server/services/video/audit.ts (plus course
 * moderation) without importing server code.
 */
import { VIDEO_MAX_SECONDS } from '../../shared/fields/limits';

/** 83 → "1:23", 3723 → "1:02:03". */
export function formatDuration(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "1 min 23 s" for screen readers and sentences. */
export function spokenDuration(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const parts = [
    hours ? `${hours} h` : '',
    minutes ? `${minutes} min` : '',
    seconds || whole === 0 ? `${seconds} s` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * A length typed by a person: `m:ss`, `h:mm:ss` or plain seconds. Null for an empty
 * field; a sentence saying what is wrong for anything else that is not a length.
 */
export function parseDuration(
  text: string,
): { ok: true; seconds: number | null } | { ok: false; message: string } {
  const value = text.trim();
  if (!value) return { ok: true, seconds: null };
  const wrong = { ok: false as const, message: 'Write the length as m:ss, h:mm:ss or seconds, e.g. 4:05.' };
  let seconds: number;
  if (/^\d{1,5}$/.test(value)) {
    seconds = Number(value);
  } else {
    const match = /^(?:(\d{1,2}):)?(\d{1,4}):(\d{2})$/.exec(value);
    if (!match) return wrong;
    const [, hours, minutes, secs] = match;
    if (Number(secs) > 59 || (hours !== undefined && Number(minutes) > 59)) return wrong;
    seconds = Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs);
  }
  if (seconds < 1) return { ok: false, message: 'A video is at least one second long.' };
  if (seconds > VIDEO_MAX_SECONDS)
    return { ok: false, message: 'Videos of more than 24 hours are not supported.' };
  return { ok: true, seconds };
}

export interface SecurityAction {
  value: string;
  label: string;
  /** How the log shows the row: refusals as warnings, alerts stand out. */
  tone: 'normal' | 'warning' | 'alert';
}

export const SECURITY_ACTIONS: readonly SecurityAction[] = [
  { value: 'video_alert', label: 'Alert: repeated refusals', tone: 'alert' },
  { value: 'video_access_granted', label: 'Video access granted', tone: 'normal' },
  { value: 'video_embed_served', label: 'Player opened', tone: 'normal' },
  { value: 'video_access_denied', label: 'Video access denied', tone: 'warning' },
  { value: 'video_rate_limited', label: 'Too many video requests', tone: 'warning' },
  { value: 'video_token_invalid', label: 'Invalid video link', tone: 'warning' },
  { value: 'video_token_expired', label: 'Expired video link', tone: 'warning' },
  { value: 'video_token_replay', label: 'Video link used twice', tone: 'warning' },
  { value: 'video_token_revoked_used', label: 'Revoked video link used', tone: 'warning' },
  { value: 'video_token_binding_failed', label: 'Video link from another browser', tone: 'warning' },
  { value: 'video_token_revoked', label: 'Video links revoked', tone: 'normal' },
  { value: 'video_changed', label: 'Lesson video set', tone: 'normal' },
  { value: 'video_removed', label: 'Lesson video removed', tone: 'normal' },
  { value: 'course_moderated', label: 'Course moderated', tone: 'normal' },
  { value: 'course_team_changed', label: 'Course team changed', tone: 'normal' },
  { value: 'course_review_submitted', label: 'Course submitted for review', tone: 'normal' },
  { value: 'course_review_changes_requested', label: 'Course changes requested', tone: 'normal' },
  { value: 'course_review_approved', label: 'Course approved', tone: 'normal' },
  { value: 'settings_changed', label: 'Settings changed', tone: 'normal' },
  { value: 'org_role_changed', label: 'Organization role changed', tone: 'normal' },
  { value: 'team_created', label: 'Team created', tone: 'normal' },
  { value: 'team_updated', label: 'Team changed', tone: 'normal' },
  { value: 'team_deleted', label: 'Team deleted', tone: 'normal' },
  { value: 'team_member_added', label: 'Team member added', tone: 'normal' },
  { value: 'team_member_removed', label: 'Team member removed', tone: 'normal' },
  { value: 'team_member_role_changed', label: 'Team role changed', tone: 'normal' },
  { value: 'password_changed', label: 'Password changed', tone: 'normal' },
];

export function securityActionOf(value: string): SecurityAction {
  return (
    SECURITY_ACTIONS.find((action) => action.value === value) ?? {
      value,
      label: value.replace(/_/g, ' '),
      tone: 'normal',
    }
  );
}
