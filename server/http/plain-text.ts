/**
 * The short plain-text answers of Aurora's raw routes (files, images, mail previews):
 * never cached, so a refusal is not remembered past the reason for it.
 */
import type { ServerResponse } from 'node:http';

export function answerText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
