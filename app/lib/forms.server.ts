/**
 * Form handling for actions: read fields, validate them with zod, and turn a procedure's
 * error into messages beside the fields. Server-only (the `.server` suffix keeps zod
 * schemas and error plumbing out of the browser bundle).
 */
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { z } from 'zod';
import { withRedirectTo } from './safe-redirect';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Room for the other multipart fields and boundaries around an uploaded file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** A body that is not a readable form is the sender's mistake: a 400 page, not a server error. */
function unreadableForm(cause: unknown): Response {
  return new Response('Aurora could not read this form. Go back, reload the page and send it again.', {
    status: 400,
    statusText: cause instanceof Error ? 'Unreadable form' : undefined,
  });
}

/**
 * The one way actions read their form. Urlencoded forms are parsed whole (the server
 * has already capped their size); multipart forms, when `upload` is given, keep parts
 * in memory capped at `maxBytes`, so an oversized file gives `upload.tooLarge` as an
 * Error the page can show instead of being buffered whole.
 */
export async function readForm(request: Request): Promise<FormData>;
export async function readForm(
  request: Request,
  upload: { maxBytes: number; tooLarge: string },
): Promise<FormData | Error>;
export async function readForm(
  request: Request,
  upload?: { maxBytes: number; tooLarge: string },
): Promise<FormData | Error> {
  const multipart = request.headers.get('Content-Type')?.startsWith('multipart/form-data') ?? false;
  try {
    if (!multipart || !upload) return await request.formData();
    const declared = Number(request.headers.get('Content-Length') ?? 0);
    if (declared > upload.maxBytes + MULTIPART_OVERHEAD) return new Error(upload.tooLarge);
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: upload.maxBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError && upload) return new Error(upload.tooLarge);
    throw unreadableForm(error);
  }
}

/** The named text fields of a submission; a file where text was expected reads as ''. */
export function textFields<F extends string>(formData: FormData, names: readonly F[]): Record<F, string> {
  const values = {} as Record<F, string>;
  for (const name of names) {
    const value = formData.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}

type Validated<F extends string, T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors<F> };

/** The first message per field, so each field says one clear thing. */
export function validate<F extends string, T>(
  schema: z.ZodType<T>,
  values: Record<F, string>,
): Validated<F, T> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: firstIssuePerField(result.error.issues, Object.keys(values)) };
}

function firstIssuePerField<F extends string>(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  names: readonly string[],
): FieldErrors<F> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && names.includes(field) && !(field in errors))
      errors[field] = issue.message;
  }
  return errors as FieldErrors<F>;
}

const zodLikeCause = z.object({
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })),
});

export interface CallerFailure<F extends string> {
  code: string;
  message: string;
  /** Problems the procedure's own input validation found, by field. */
  fieldErrors: FieldErrors<F>;
}

/**
 * What a procedure refused, or null for anything that is not a tRPC error (those are
 * bugs and go to the error page). Matched by shape, not `instanceof`: the caller's
 * error class may come from another copy of @trpc/server than the one the app sees.
 */
export function callerFailure<F extends string>(
  error: unknown,
  names: readonly F[] = [],
): CallerFailure<F> | null {
  if (!(error instanceof Error) || error.name !== 'TRPCError' || !('code' in error)) return null;
  const code = typeof error.code === 'string' ? error.code : 'INTERNAL_SERVER_ERROR';
  if (code === 'INTERNAL_SERVER_ERROR') return null;
  const cause = zodLikeCause.safeParse(error.cause);
  const fieldErrors = cause.success ? firstIssuePerField<F>(cause.data.issues, names) : {};
  return { code, message: error.message, fieldErrors };
}

/** Signed out in the middle of something (session expired, signed out elsewhere): sign in, then come back. */
export function redirectToSignIn(request: Request): Response {
  const url = new URL(request.url);
  return redirect(withRedirectTo('/sign-in', `${url.pathname}${url.search}`));
}

/**
 * A form's own words for a field left empty, ahead of the field's shared rule (which
 * decides everything else): "Enter their email address." on the admin's form, say.
 */
export function filledIn<T extends z.ZodType<unknown, string>>(message: string, rule: T) {
  return z
    .string()
    .refine((value) => value.trim() !== '', message)
    .pipe(rule);
}
