/**
 * How the caret gets out of a code block or a quote in the rich-text editor. Browsers'
 * own Enter never leaves a <pre> or a <blockquote>, so anything typed or inserted
 * afterwards (a picture, a paragraph) lands inside it. Here Enter adds a line inside the
 * block, and Enter on an empty last line (i.e. Enter twice) leaves it for a new
 * paragraph after it; ArrowDown on the last line of a block that ends the text does the
 * same. Plain DOM ranges, so it behaves the same in every browser and in jsdom.
 */

const BLOCK_NAMES = new Set(['P', 'DIV', 'LI', 'H2', 'H3', 'H4', 'PRE', 'BLOCKQUOTE', 'UL', 'OL']);
const ELEMENT = 1;
const TEXT = 3;

const isText = (node: Node): node is Text => node.nodeType === TEXT;
const isElement = (node: Node): node is Element => node.nodeType === ELEMENT;

/** The code block or quote that holds `node`, inside `root` (the innermost one). */
export function escapableBlockAt(root: HTMLElement, node: Node | null): HTMLElement | null {
  const element = node && (isElement(node) ? node : node.parentElement);
  const block = element?.closest('pre, blockquote');
  return block instanceof HTMLElement && block !== root && root.contains(block) ? block : null;
}

/** Text a reader would see: no zero-width spaces; outside <pre>, no spacing either. */
function visibleText(text: string, preformatted: boolean): string {
  const cleaned = text.replace(/\u200b/g, '');
  return preformatted ? cleaned : cleaned.replace(/\s+/g, '');
}

/**
 * Whether the content ends with a line break (true), with something else (false), or
 * holds nothing at all (null). An empty paragraph at the end counts as a break: the
 * caret sits at the start of a new, empty line.
 */
function endsWithBreak(node: Node, preformatted: boolean): boolean | null {
  for (let child = node.lastChild; child; child = child.previousSibling) {
    if (isText(child)) {
      const text = visibleText(child.data, preformatted);
      if (text === '') continue;
      return text.endsWith('\n');
    }
    if (child.nodeName === 'BR') return true;
    if (child.nodeName === 'IMG') return false;
    const inner = endsWithBreak(child, preformatted);
    if (inner !== null) return inner;
    if (BLOCK_NAMES.has(child.nodeName)) return true;
  }
  return null;
}

/** Removes the line break that `endsWithBreak` found; true when one was removed. */
function removeTrailingBreak(node: Node, preformatted: boolean): boolean {
  for (let child = node.lastChild; child; child = child.previousSibling) {
    if (isText(child)) {
      if (visibleText(child.data, preformatted) === '') continue;
      if (!child.data.endsWith('\n')) return false;
      child.data = child.data.slice(0, -1);
      if (child.data === '') child.remove();
      return true;
    }
    if (child.nodeName === 'BR') {
      child.remove();
      return true;
    }
    if (child.nodeName === 'IMG') return false;
    if (endsWithBreak(child, preformatted) !== null) return removeTrailingBreak(child, preformatted);
    if (BLOCK_NAMES.has(child.nodeName)) {
      child.remove();
      return true;
    }
  }
  return false;
}

function hasContent(node: Node, preformatted: boolean): boolean {
  if (isText(node)) return visibleText(node.data, preformatted).replace(/\n/g, '') !== '';
  if (node.nodeName === 'IMG') return true;
  return [...node.childNodes].some((child) => hasContent(child, preformatted));
}

function before(block: HTMLElement, range: Range): DocumentFragment {
  const part = block.ownerDocument.createRange();
  part.setStart(block, 0);
  part.setEnd(range.startContainer, range.startOffset);
  return part.cloneContents();
}

function after(block: HTMLElement, range: Range): Range {
  const part = block.ownerDocument.createRange();
  part.setStart(range.endContainer, range.endOffset);
  part.setEnd(block, block.childNodes.length);
  return part;
}

/** Nothing but spacing, placeholder <br>s and empty paragraphs after the caret. */
export function caretAtEnd(block: HTMLElement, range: Range): boolean {
  return !hasContent(after(block, range).cloneContents(), block.tagName === 'PRE');
}

/** No further line after the caret's: no break and no other paragraph follows. */
export function caretOnLastLine(block: HTMLElement, range: Range): boolean {
  const rest = after(block, range).cloneContents();
  const breaks = [...rest.querySelectorAll('br')].filter((br) => br.nextSibling || br.previousSibling);
  const text = rest.textContent ?? '';
  const blocks = [...rest.querySelectorAll([...BLOCK_NAMES].join(','))].filter((el) => hasContent(el, true));
  return breaks.length === 0 && !/\n./s.test(text) && blocks.length <= 1;
}

export function placeCaret(target: Node, offset: number): void {
  const selection = target.ownerDocument?.getSelection();
  if (!selection) return;
  const range = (target.ownerDocument as Document).createRange();
  range.setStart(target, offset);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}

function emptyParagraph(doc: Document): HTMLParagraphElement {
  const paragraph = doc.createElement('p');
  paragraph.append(doc.createElement('br'));
  return paragraph;
}

/** A new, empty paragraph right after `block`, with the caret in it. */
export function paragraphAfter(block: HTMLElement): HTMLParagraphElement {
  const paragraph = emptyParagraph(block.ownerDocument);
  block.after(paragraph);
  placeCaret(paragraph, 0);
  return paragraph;
}

/** Enter on an empty last line: that line goes, and the caret starts a paragraph after the block. */
function leaveBlock(block: HTMLElement, range: Range): void {
  const preformatted = block.tagName === 'PRE';
  after(block, range).deleteContents();
  removeTrailingBreak(block, preformatted);
  if (hasContent(block, preformatted)) {
    paragraphAfter(block);
    return;
  }
  // An empty block is simply turned back into a paragraph.
  const paragraph = emptyParagraph(block.ownerDocument);
  block.replaceWith(paragraph);
  placeCaret(paragraph, 0);
}

/** A line break at the caret; at the very end a placeholder <br> makes the new line show. */
function breakLine(block: HTMLElement, range: Range): void {
  const doc = block.ownerDocument;
  range.deleteContents();
  const br = doc.createElement('br');
  range.insertNode(br);
  // Splitting a text node at its end leaves an empty one behind: not a line of its own.
  for (const side of [br.previousSibling, br.nextSibling])
    if (side && isText(side) && side.data === '') side.remove();
  const rest = doc.createRange();
  rest.setStartAfter(br);
  rest.setEnd(block, block.childNodes.length);
  const restFragment = rest.cloneContents();
  if (!hasContent(restFragment, block.tagName === 'PRE') && !restFragment.querySelector('br'))
    br.after(doc.createElement('br'));
  const parent = br.parentNode;
  if (parent) placeCaret(parent, [...parent.childNodes].indexOf(br) + 1);
}

/**
 * Enter inside a code block or quote; returns false when the caret is elsewhere (the
 * browser's own Enter then applies). `range` is the current, collapsed-or-not selection.
 */
export function enterInBlock(root: HTMLElement, range: Range): boolean {
  const block = escapableBlockAt(root, range.startContainer);
  if (!block || escapableBlockAt(root, range.endContainer) !== block) return false;
  const preformatted = block.tagName === 'PRE';
  const onEmptyLine =
    range.collapsed &&
    caretAtEnd(block, range) &&
    endsWithBreak(before(block, range), preformatted) !== false;
  if (onEmptyLine) leaveBlock(block, range);
  else breakLine(block, range);
  return true;
}

/**
 * ArrowDown on the last line of a code block or quote that ends the text: there is no
 * line below to move to, so a paragraph is made there. False when nothing was done.
 */
export function arrowDownFromBlock(root: HTMLElement, range: Range): boolean {
  const block = escapableBlockAt(root, range.startContainer);
  if (!block || !range.collapsed || !caretOnLastLine(block, range)) return false;
  let top: HTMLElement = block;
  while (top.parentElement && top.parentElement !== root) top = top.parentElement;
  for (let next = top.nextSibling; next; next = next.nextSibling) {
    if (isElement(next) || (isText(next) && next.data.trim() !== '')) return false;
  }
  paragraphAfter(top);
  return true;
}
