/**
 * Lesson content is HTML written by instructors and read by learners, so it is treated
 * as hostile: only an allow-list of structural tags survives, links and images may only
 * point at http(s) (and mailto for links), and no attribute can carry script or style.
 * It runs when content is saved (what is stored is already clean) and again when it is
 * shown, so rows written before a rule tightened are cleaned by the current rules.
 *
 * It also tidies what editors leave behind: paragraphs and headings with nothing in
 * them (`<p></p>`, `<p><br></p>`, a lone &nbsp;) are dropped, e.g. the empty paragraph
 * a browser adds beside a list, so every client (the page, the API) saves the same.
 */
import sanitizeHtml from 'sanitize-html';
import { rememberCleanedCopies } from './display-cache';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'u',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], a: ['http', 'https', 'mailto'] },
  // Protocol-relative URLs would inherit whatever scheme the page has; refuse them.
  allowProtocolRelative: false,
  // Tags whose text is code or markup, not content: dropped with everything inside.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg'],
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links open elsewhere and pass neither the opener nor our pages' rank.
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...keepUrl(attribs, 'href', LINK_URL),
        rel: 'noopener noreferrer nofollow',
        target: '_blank',
      },
    }),
    img: (tagName, attribs) => ({ tagName, attribs: keepUrl(attribs, 'src', IMAGE_URL) }),
  },
};

/**
 * Only absolute URLs of the allowed schemes: a relative one would resolve against the
 * lesson page (and `/files/...` there are authorized downloads), so it is dropped too.
 */
const LINK_URL = /^(https?:\/\/|mailto:)/i;
const IMAGE_URL = /^https?:\/\//i;

function keepUrl(attribs: sanitizeHtml.Attributes, name: string, allowed: RegExp): sanitizeHtml.Attributes {
  // Attribute order is kept, so sanitizing clean HTML again returns it unchanged.
  return Object.fromEntries(
    Object.entries(attribs).filter(([key, value]) => key !== name || allowed.test(value.trim())),
  );
}

/** Nothing a reader sees: spaces, no-break and zero-width spaces, line breaks. */
const BLANK = String.raw`(?:\s|\u00a0|\u200b|&nbsp;|&#160;|<br />)*`;
/** An inline wrapper around nothing at all, e.g. `<strong></strong>` left by a toggled button. */
const EMPTY_INLINE = /<(strong|em|u|s|code)><\/\1>/g;
/** A paragraph or heading with nothing in it (the sanitizer writes them without attributes). */
const EMPTY_BLOCK = new RegExp(String.raw`<(p|h2|h3|h4)>${BLANK}</\1>`, 'g');

/** Applied to the sanitizer's own output, whose tags are canonical (`<br />`, no attributes on these). */
function dropEmptyBlocks(html: string): string {
  let previous: string;
  let current = html;
  do {
    previous = current;
    current = current.replace(EMPTY_INLINE, '');
  } while (current !== previous);
  return current.replace(EMPTY_BLOCK, '');
}

export function sanitizeLessonHtml(html: string): string {
  return dropEmptyBlocks(sanitizeHtml(html, OPTIONS));
}

/** About 8 MB of stored and cleaned lesson text, held to show lessons without cleaning them again. */
const SHOWN_COPIES_CHARS = 4_000_000;
const shownCopies = rememberCleanedCopies(sanitizeLessonHtml, SHOWN_COPIES_CHARS);

/** Stored content as pages and the API show it: cleaned by the current rules, once per text. */
export function sanitizeStoredLessonHtml(html: string): string {
  return shownCopies.cleaned(html);
}
