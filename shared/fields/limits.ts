/**
 * The lengths, ranges and choices of every field people fill in, as plain constants
 * (no zod here): browser components read them for `maxLength` and counters without
 * bundling the schemas, and the schemas beside this file are built from them. Where
 * a field is stored, its length is the column size in appwrite.json (a test checks).
 */
import type { Role } from '../../server/backend/port';

/** Every id column in appwrite.json (Appwrite's own id rule). */
export const ID_MAX_LENGTH = 36;

export const COURSE_LIMITS = {
  title: 200,
  description: 5000,
  category: 64,
  /** Characters in one tag. */
  tag: 32,
  /** Tags on one course. */
  tags: 10,
  /** Hours. */
  duration: 10_000,
  price: 100_000,
  /** Why an admin unpublished it: `security_logs.reason`. */
  unpublishReason: 500,
  /** What a reviewer asks the author to change (`courses.reviewComment`). */
  reviewComment: 1000,
} as const;

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const LESSON_LIMITS = {
  title: 200,
  description: 2000,
  content: 100_000,
  /** A YouTube link as pasted (it is stored encrypted, as an id, not as typed). */
  videoLink: 2048,
} as const;

export const PEOPLE_LIMITS = {
  /** RFC 5321's longest address; Appwrite's email columns are size 254 whatever appwrite.json says. */
  email: 254,
  name: 128,
  bio: 2000,
  password: 256,
  passwordMin: 8,
  /** `api_tokens.name`. */
  tokenName: 64,
} as const;

export const ROLES = ['regular', 'instructor', 'admin'] as const satisfies readonly Role[];

/** Whether a form or URL value names a role (parsing only: decisions ask permissions). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A team member is a lead (manages the team's members) or a member (issue 15). */
export const TEAM_ROLES = ['lead', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Appwrite's limit on a team name (Teams create: Text(128)); the description is Aurora's own. */
export const TEAM_LIMITS = { name: 128, description: 2000 } as const;

/** The orders of a course's student list. */
export const STUDENT_SORTS = ['name', 'progress', 'enrolledAt', 'lastActivityAt'] as const;

/** What an instructor answers to an access request. */
export const ACCESS_DECISIONS = ['approve', 'decline'] as const;

/**
 * Where a course is in review before publishing (decision 0040), the `courses.reviewStatus`
 * enum; null on a course nobody has submitted (or since unpublished).
 */
export const REVIEW_STATUSES = ['in_review', 'changes_requested', 'approved'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What a reviewer decides: publish it, or send it back with a comment. */
export const REVIEW_DECISIONS = ['approve', 'changes'] as const;

/** The admin's course list filters by these. */
export const COURSE_STATUSES = ['published', 'draft'] as const;

/**
 * Uploads, in bytes: each is its bucket's maximumFileSize in appwrite.json. Every bucket
 * stays within Appwrite's default _APP_STORAGE_LIMIT (30,000,000 bytes), and attachments
 * within 20,000,000, above which Appwrite skips encryption and antivirus.
 */
export const UPLOAD_MAX_BYTES = {
  attachment: 20_000_000,
  thumbnail: 1024 * 1024,
  avatar: 2 * 1024 * 1024,
} as const;

/** A lesson video's length, in seconds: `lessons.videoDuration` and the watch-time columns. */
export const VIDEO_MAX_SECONDS = 86_400;

/** The free-text search of every list (catalog, the admin's people and courses). */
export const SEARCH_MAX_LENGTH = 200;
