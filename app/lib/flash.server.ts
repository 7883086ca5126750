/**
 * One-time messages that survive a redirect ("Ada Lovelace is now an instructor"), so a
 * successful form can Post/Redirect/Get and a reload never repeats the action. The
 * message rides in a short-lived cookie that the root loader reads and clears.
 */
import { createCookie, redirect } from '@remix-run/node';
import { z } from 'zod';

const flashSchema = z.object({
  tone: z.enum(['success', 'info', 'error']),
  text: z.string().max(300),
});

export type Flash = z.infer<typeof flashSchema>;

const flashCookie = createCookie('aurora_flash', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:';
}

/** The Set-Cookie value that carries `flash` to the next page. */
export function flashCookieHeader(request: Request, flash: Flash): Promise<string> {
  return flashCookie.serialize(flash, { secure: isHttps(request) });
}

/** Post/Redirect/Get with a message for the page it lands on. */
export async function redirectWithFlash(request: Request, to: string, flash: Flash): Promise<Response> {
  return redirect(to, { headers: { 'Set-Cookie': await flashCookieHeader(request, flash) } });
}

/** The pending message, if any, cleared on the way out so it shows exactly once. */
export async function takeFlash(request: Request, responseHeaders: Headers): Promise<Flash | null> {
  const header = request.headers.get('Cookie');
  if (!header?.includes('aurora_flash=')) return null;
  const parsed = flashSchema.safeParse(await flashCookie.parse(header));
  responseHeaders.append(
    'Set-Cookie',
    await flashCookie.serialize('', { maxAge: 0, expires: new Date(0), secure: isHttps(request) }),
  );
  return parsed.success ? parsed.data : null;
}
