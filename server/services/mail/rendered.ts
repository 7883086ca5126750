/**
 * A rendered message as the outbox stores it: what a template produced, before it has
 * a recipient. Checked with zod when queued, so a template that outgrows a column fails
 * with a clear message instead of a backend error.
 */
import { z } from 'zod';

/** Column sizes of `mail_messages` (appwrite.json). */
export const MAIL_LIMITS = {
  key: 128,
  kind: 64,
  subject: 255,
  html: 100_000,
  text: 50_000,
  headers: 4_000,
  lastError: 1_000,
  messageId: 255,
} as const;

/** Header names as RFC 5322 allows them; values on one line (no header injection). */
const headersSchema = z.record(
  z.string().regex(/^[A-Za-z0-9-]{1,76}$/, 'a header name is letters, digits and dashes'),
  z.string().regex(/^[^\r\n]*$/, 'a header value is one line'),
);

export const renderedMailSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(MAIL_LIMITS.subject)
    .regex(/^[^\r\n]*$/, 'a subject is one line'),
  html: z.string().min(1).max(MAIL_LIMITS.html),
  text: z.string().min(1).max(MAIL_LIMITS.text),
  headers: headersSchema.refine(
    (headers) => JSON.stringify(headers).length <= MAIL_LIMITS.headers,
    `the headers take more than ${MAIL_LIMITS.headers} characters`,
  ),
});

export type RenderedMail = z.infer<typeof renderedMailSchema>;

export const parseStoredHeaders = (json: string): Record<string, string> => {
  try {
    return headersSchema.parse(JSON.parse(json));
  } catch {
    return {};
  }
};
