/**
 * Course and lesson shapes as the procedures return them (types only: nothing from
 * server/ reaches the browser bundle), and the small formatting rules every course
 * page shares: price, duration, difficulty, file sizes, a category's colour.
 */
import { UPLOAD_MAX_BYTES, type Difficulty } from '../../shared/fields/limits';
import type { Caller } from '../../server/trpc/root';

export type CourseSummary = Awaited<ReturnType<Caller['course']['list']>>['items'][number];
export type CourseDetail = Awaited<ReturnType<Caller['course']['get']>>;
export type OutlineLesson = CourseDetail['lessons'][number];
export type Lesson = Awaited<ReturnType<Caller['lesson']['get']>>;
export type Attachment = Lesson['attachments'][number];

export const DIFFICULTY_LABEL: Record<Difficulty, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

const PRICE = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "Free", or the amount as people read prices ("$49.00"). */
export function formatPrice(price: number): string {
  return price > 0 ? PRICE.format(price) : 'Free';
}

/** Course length in hours: "45 min", "1 hour", "12.5 hours". */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours) || hours <= 0) return 'Self-paced';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}

/** A video's length in seconds as "12:05" or "1:02:09"; empty when there is none. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (!seconds || seconds <= 0) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / (1024 * 104.8576)) / 10} MB`;
}

/** A short, human name for a file type: "PDF", "Word", "Image". */
export function fileKind(mimeType: string, name = ''): string {
  const ext = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  if (mimeType === 'application/pdf' || ext === 'pdf') return 'PDF';
  if (/word|opendocument\.text/.test(mimeType) || ['doc', 'docx', 'odt'].includes(ext)) return 'Document';
  if (/presentation|powerpoint/.test(mimeType) || ['ppt', 'pptx', 'odp'].includes(ext)) return 'Slides';
  if (/sheet|excel|csv/.test(mimeType) || ['xls', 'xlsx', 'ods', 'csv'].includes(ext)) return 'Spreadsheet';
  if (mimeType.startsWith('image/')) return 'Image';
  if (mimeType.startsWith('audio/')) return 'Audio';
  if (/zip/.test(mimeType) || ext === 'zip') return 'Archive';
  if (ext === 'md') return 'Markdown';
  if (mimeType.startsWith('text/')) return 'Text';
  return ext ? ext.toUpperCase() : 'File';
}

const BADGE: Record<string, string> = {
  PDF: 'PDF',
  Document: 'DOC',
  Slides: 'PPT',
  Spreadsheet: 'XLS',
  Image: 'IMG',
  Audio: 'MP3',
  Archive: 'ZIP',
  Markdown: 'MD',
  Text: 'TXT',
};

/** Three letters for a file's icon. */
export function fileBadge(mimeType: string, name = ''): string {
  const kind = fileKind(mimeType, name);
  return BADGE[kind] ?? kind.slice(0, 3).toUpperCase();
}

export const TONES = 6;

/** A stable colour (one of TONES classes) for a category, so placeholders differ by subject. */
export function categoryTone(category: string): number {
  let hash = 0;
  for (const char of category.trim().toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % TONES;
}

export const THUMBNAIL_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const ATTACHMENT_ACCEPT =
  '.pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.odt,.odp,.ods,.csv,.txt,.md,.zip,.png,.jpg,.jpeg,.gif,.webp,.mp3,.m4a';

/** The attachment limit in the words the lesson editor uses, in the browser and after upload alike. */
export const ATTACHMENT_MAX_MB = UPLOAD_MAX_BYTES.attachment / 1_000_000;
export const ATTACHMENT_TOO_LARGE = `That file is larger than ${ATTACHMENT_MAX_MB} MB. Share a smaller version or split it.`;
