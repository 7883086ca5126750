/**
 * How many bytes of request body Aurora reads, decided before anyone reads a byte.
 *
 * One table for the whole server: a visitor's form or API call is small (64 KiB); the
 * routes and procedures that take long content or files allow more, and only to a
 * signed-in caller, so nobody without an account can make the server hold megabytes.
 * A body that declares a larger Content-Length is refused at once; a chunked body
 * (no declared length) is counted as it arrives and cut off at the limit. Either way
 * memory stays flat however large the body. See docs/decisions/0017.
 */
import type { IncomingMessage } from 'node:http';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A form without files, any public procedure: sign-in, sign-up, search, enroll. */
export const FORM_BODY_LIMIT = 64 * KiB;
/** A signed-in caller's procedure: lesson content (100,000 characters as JSON) with room to spare. */
export const SIGNED_IN_BODY_LIMIT = 1 * MiB;
/** A signed-in caller's upload procedure: one base64 lesson attachment (25 MiB → 33.4 MiB) and its envelope. */
export const UPLOAD_BODY_LIMIT = 36 * MiB;

export interface BodyAllowance {
  visitor: number;
  signedIn: number;
}

const SMALL: BodyAllowance = { visitor: FORM_BODY_LIMIT, signedIn: FORM_BODY_LIMIT };

/**
 * Pages whose forms take more than a few fields. A form is urlencoded (up to three
 * bytes per byte of text) or multipart (files as they are). An upload route allows
 * well past its file limit, so an oversized picture or file is still read far enough
 * for the form to say so beside its field (the parser stops keeping a part at the
 * file limit); only far larger bodies get the plain 413 page.
 */
const PAGE_ALLOWANCES: readonly { path: RegExp; signedIn: number }[] = [
  // Profile, with a picture of at most 2 MiB.
  { path: /^\/account\/?$/, signedIn: 8 * MiB },
  // A course's description (5,000 characters) urlencoded.
  { path: /^\/teach\/courses\/new\/?$/, signedIn: SIGNED_IN_BODY_LIMIT },
  // The course editor: its fields, or a thumbnail of at most 1 MiB.
  { path: /^\/teach\/courses\/[^/]+\/?$/, signedIn: 8 * MiB },
  // A new lesson's content (100,000 characters) urlencoded.
  { path: /^\/teach\/courses\/[^/]+\/lessons\/new\/?$/, signedIn: SIGNED_IN_BODY_LIMIT },
  // The lesson editor: its content, or an attachment of at most 25 MiB.
  { path: /^\/teach\/courses\/[^/]+\/lessons\/[^/]+\/?$/, signedIn: UPLOAD_BODY_LIMIT },
];

/** Procedures that take a file as base64: a picture, a thumbnail, an attachment. */
export const UPLOAD_PROCEDURES: ReadonlySet<string> = new Set([
  'auth.updateProfile',
  'course.update',
  'lesson.addAttachment',
  'lesson.replaceAttachment',
]);

export function pageAllowance(pathname: string): BodyAllowance {
  const route = PAGE_ALLOWANCES.find((entry) => entry.path.test(pathname));
  return route ? { visitor: FORM_BODY_LIMIT, signedIn: route.signedIn } : SMALL;
}

/** `/api/trpc/a.b,c.d` → the procedures a (batched) call names. */
export function apiAllowance(procedurePaths: readonly string[]): BodyAllowance {
  const uploads = procedurePaths.length > 0 && procedurePaths.every((path) => UPLOAD_PROCEDURES.has(path));
  return { visitor: FORM_BODY_LIMIT, signedIn: uploads ? UPLOAD_BODY_LIMIT : SIGNED_IN_BODY_LIMIT };
}

/** Any other route (files, images, video pages, the health check): nothing to upload. */
export const NO_UPLOADS = SMALL;

/** The Content-Length the client declared, or null for a chunked body. */
export function declaredLength(req: IncomingMessage): number | null {
  if (req.headers['transfer-encoding'] !== undefined) return null;
  const header = req.headers['content-length'];
  // Node's parser has already refused a malformed or repeated Content-Length.
  return header === undefined ? 0 : Number(header);
}

export interface BodyLimit {
  /** The most bytes this request's body may hold. */
  limit: number;
  /** Whether the declared length is already past it. */
  tooLarge: boolean;
  /** Whether signing in would have raised the limit (for the refusal's wording). */
  signInWouldHelp: boolean;
}

/**
 * The limit for one request. `isSignedIn` (a backend call) runs only when the body may
 * be larger than a visitor's allowance, so small requests cost nothing extra.
 */
export async function bodyLimitFor(
  req: IncomingMessage,
  allowance: BodyAllowance,
  isSignedIn: () => Promise<boolean>,
): Promise<BodyLimit> {
  const declared = declaredLength(req);
  const mayNeedMore = declared === null || declared > allowance.visitor;
  const signedIn = allowance.signedIn > allowance.visitor && mayNeedMore && (await isSignedIn());
  const limit = signedIn ? allowance.signedIn : allowance.visitor;
  return {
    limit,
    tooLarge: declared !== null && declared > limit,
    signInWouldHelp: !signedIn && allowance.signedIn > allowance.visitor,
  };
}

export function describeBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${Math.round(bytes / KiB)} KiB`;
}

/** The words of a 413, for the page and the API alike. */
export function tooLargeMessage(limit: BodyLimit): string {
  const more = limit.signInWouldHelp ? ' Sign in to send more.' : '';
  return `This request is too large: Aurora accepts at most ${describeBytes(limit.limit)} here. Send a smaller file or less text.${more}`;
}

/** Thrown into a body stream that passed its limit; the request has been answered with 413. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * The request body as a web stream that stops at `limit`: pulled from the socket only
 * as fast as the reader reads, and never past the limit. Past it, `onTooLarge` runs
 * (it answers 413) and the stream fails, so the reader gives up.
 */
export function boundedBody(
  req: IncomingMessage,
  limit: number,
  onTooLarge: () => void,
): ReadableStream<Uint8Array> {
  // destroyOnReturn: false, so stopping early leaves the socket to answer 413 on.
  const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) return controller.close();
      received += value.length;
      if (received > limit) {
        await chunks.return?.();
        onTooLarge();
        controller.error(new BodyTooLargeError(`request body over ${limit} bytes`));
        return;
      }
      controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
