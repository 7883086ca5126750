/**
 * Escaping for mail HTML. Every value a template interpolates (names, course titles, URLs)
 * passes through here, so a course called `<script>` arrives as text, never as markup.
 */
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for element content and double-quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/**
 * A link target a mail may carry: absolute http(s) only. Anything else (`javascript:`,
 * relative paths that mean nothing in a mail client) is a template bug, so it throws.
 */
export function safeLink(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`a mail link must be an absolute URL, not "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`a mail link must be http(s), not "${url.protocol}"`);
  }
  return url.href;
}
