import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useHydrated } from '~/lib/hydrated';
import {
  arrowDownFromBlock,
  enterInBlock,
  escapableBlockAt,
  paragraphAfter,
  placeCaret,
} from './rich-text-blocks';
import { RichTextInsertDialog, type InsertKind, type InsertResult } from './RichTextInsertDialog';

export { safeImageUrl, safeLinkUrl } from './RichTextInsertDialog';

/**
 * A small rich-text editor: a toolbar over a contenteditable area that writes its HTML
 * into a textarea named `name` on every input, so the surrounding <Form> posts it like
 * any field. Without JavaScript the textarea itself is shown (plain HTML editing) and
 * the form works the same. The server sanitizes whatever arrives.
 *
 * The formatting goes through document.execCommand: deprecated but supported by every
 * browser for contenteditable, and it keeps Aurora free of an editor dependency
 * (decision 0019 weighs tiptap). What browsers get wrong is done here by hand: Enter in
 * a code block or quote (rich-text-blocks.ts), and links and pictures through an inline
 * dialog instead of window.prompt (RichTextInsertDialog.tsx).
 */

type Command =
  | { kind: 'inline'; command: 'bold' | 'italic' }
  | { kind: 'list'; command: 'insertUnorderedList' | 'insertOrderedList' }
  | { kind: 'block'; tag: 'h2' | 'h3' | 'pre' | 'blockquote' }
  | { kind: 'link' }
  | { kind: 'code' }
  | { kind: 'image' };

interface Tool {
  id: string;
  label: string;
  shortcut?: string;
  icon: ReactNode;
  command: Command;
}

const TOOLS: Tool[][] = [
  [
    // The visible "H2"/"H3" begin the accessible name (WCAG 2.5.3, label in name).
    { id: 'h2', label: 'H2 heading', icon: 'H2', command: { kind: 'block', tag: 'h2' } },
    { id: 'h3', label: 'H3 subheading', icon: 'H3', command: { kind: 'block', tag: 'h3' } },
  ],
  [
    {
      id: 'bold',
      label: 'Bold',
      shortcut: 'Ctrl+B',
      icon: <b>B</b>,
      command: { kind: 'inline', command: 'bold' },
    },
    {
      id: 'italic',
      label: 'Italic',
      shortcut: 'Ctrl+I',
      icon: <i>I</i>,
      command: { kind: 'inline', command: 'italic' },
    },
    { id: 'link', label: 'Link', shortcut: 'Ctrl+K', icon: <LinkIcon />, command: { kind: 'link' } },
    {
      id: 'code',
      label: 'Inline code',
      icon: <span className="rte__mono">{'<>'}</span>,
      command: { kind: 'code' },
    },
  ],
  [
    {
      id: 'ul',
      label: 'Bulleted list',
      icon: <ListIcon numbered={false} />,
      command: { kind: 'list', command: 'insertUnorderedList' },
    },
    {
      id: 'ol',
      label: 'Numbered list',
      icon: <ListIcon numbered />,
      command: { kind: 'list', command: 'insertOrderedList' },
    },
    {
      id: 'quote',
      label: 'Quote',
      icon: <span aria-hidden="true">“”</span>,
      command: { kind: 'block', tag: 'blockquote' },
    },
    {
      id: 'pre',
      label: 'Code block',
      icon: <span className="rte__mono">{'{ }'}</span>,
      command: { kind: 'block', tag: 'pre' },
    },
    { id: 'image', label: 'Image by URL', icon: <ImageIcon />, command: { kind: 'image' } },
  ],
];

const ALL_TOOLS = TOOLS.flat();

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const RENAME: Record<string, string> = { B: 'strong', I: 'em', DIV: 'p' };

/** A <br> with nothing visible after it in its block: a placeholder that shows no line. */
function trailingBreaks(block: Element): Element[] {
  const found: Element[] = [];
  for (let node = block.lastChild; node; node = node.previousSibling) {
    if (node.nodeType === 3 && !(node.textContent ?? '').trim()) continue;
    if (node.nodeName !== 'BR') break;
    found.push(node as Element);
  }
  return found;
}

/**
 * Browsers' editing commands write <b>, <i> and <div>; the server keeps only the
 * semantic <strong>, <em> and <p>. Renamed here so what is saved is what was seen.
 * Line breaks in a code block become newlines, and placeholder <br>s at the end of a
 * block go (the server drops paragraphs left empty).
 */
export function normalizeHtml(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const element of [...template.content.querySelectorAll('b, i, div')].reverse()) {
    const name = RENAME[element.tagName];
    if (!name) continue;
    const replacement = document.createElement(name);
    replacement.append(...element.childNodes);
    element.replaceWith(replacement);
  }
  for (const block of template.content.querySelectorAll('p, li, h2, h3, h4, blockquote, pre')) {
    for (const br of trailingBreaks(block)) br.remove();
  }
  for (const pre of template.content.querySelectorAll('pre')) {
    for (const br of pre.querySelectorAll('br')) br.replaceWith('\n');
    pre.normalize();
  }
  wrapLooseText(template.content);
  return template.innerHTML;
}

const TOP_LEVEL_BLOCKS = new Set(['P', 'H2', 'H3', 'H4', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'TABLE', 'HR']);

/** The first line typed into an empty editor is bare text: it is put in a paragraph. */
function wrapLooseText(root: DocumentFragment): void {
  const made: HTMLParagraphElement[] = [];
  let paragraph: HTMLParagraphElement | null = null;
  for (const node of [...root.childNodes]) {
    if (TOP_LEVEL_BLOCKS.has(node.nodeName)) {
      paragraph = null;
      continue;
    }
    if (!paragraph) {
      if (node.nodeType === 3 && !(node.textContent ?? '').trim()) continue;
      if (node.nodeName === 'BR') {
        node.remove();
        continue;
      }
      paragraph = document.createElement('p');
      node.before(paragraph);
      made.push(paragraph);
    }
    paragraph.append(node);
  }
  for (const p of made) for (const br of trailingBreaks(p)) br.remove();
}

/** Which toolbar buttons match the selection: they get aria-pressed="true". */
function activeTools(): Set<string> {
  const active = new Set<string>();
  if (typeof document.queryCommandState !== 'function') return active;
  try {
    if (document.queryCommandState('bold')) active.add('bold');
    if (document.queryCommandState('italic')) active.add('italic');
    if (document.queryCommandState('insertUnorderedList')) active.add('ul');
    if (document.queryCommandState('insertOrderedList')) active.add('ol');
    const block = String(document.queryCommandValue('formatBlock') || '').toLowerCase();
    if (block === 'h2' || block === 'h3' || block === 'pre') active.add(block);
    if (block === 'blockquote') active.add('quote');
  } catch {
    // Some engines throw when the selection is outside any editable area.
  }
  const node = document.getSelection()?.anchorNode;
  const element = node instanceof Element ? node : node?.parentElement;
  if (element?.closest('a')) active.add('link');
  if (element?.closest('code') && !element.closest('pre')) active.add('code');
  return active;
}

/** document.execCommand where the browser has it; false where it does not (or refuses). */
function exec(command: string, value?: string): boolean {
  if (typeof document.execCommand !== 'function') return false;
  try {
    return document.execCommand(command, false, value);
  } catch {
    return false;
  }
}

function selectRange(range: Range): void {
  const selection = document.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** A link over the selected words, or new linked words at the caret. */
function insertLink(range: Range, url: string, text: string): void {
  selectRange(range);
  if (!range.collapsed && exec('createLink', url)) return;
  const link = document.createElement('a');
  link.setAttribute('href', url);
  if (range.collapsed) link.textContent = text;
  else link.append(range.extractContents());
  range.insertNode(link);
  placeCaret(link.parentNode ?? link, [...(link.parentNode?.childNodes ?? [])].indexOf(link) + 1);
}

/**
 * A picture at the caret, but never inside a code block (it would show as code): there
 * it goes into a new paragraph after the block.
 */
function insertImage(editor: HTMLElement, range: Range, url: string, alt: string): void {
  const block = escapableBlockAt(editor, range.startContainer);
  const inCode = block?.tagName === 'PRE' ? block : range.startContainer.parentElement?.closest('pre');
  let target = range;
  if (inCode && editor.contains(inCode)) {
    const paragraph = paragraphAfter(inCode as HTMLElement);
    target = document.createRange();
    target.selectNodeContents(paragraph);
  }
  const image = document.createElement('img');
  image.setAttribute('src', url);
  image.setAttribute('alt', alt);
  target.deleteContents();
  target.insertNode(image);
  // The placeholder <br> of an empty paragraph is not needed once the picture is in it.
  if (image.nextSibling?.nodeName === 'BR' && !image.nextSibling.nextSibling) image.nextSibling.remove();
  placeCaret(image.parentNode ?? editor, [...(image.parentNode?.childNodes ?? [])].indexOf(image) + 1);
}

export function RichTextEditor({
  id,
  name,
  label,
  defaultValue,
  error,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  error?: string;
  hint?: string;
}) {
  const hydrated = useHydrated();
  const editorRef = useRef<HTMLDivElement>(null);
  const sourceRef = useRef<HTMLTextAreaElement>(null);
  const [active, setActive] = useState<Set<string>>(new Set());
  const [mode, setMode] = useState<'rich' | 'html'>('rich');
  const [dialog, setDialog] = useState<{
    kind: InsertKind;
    selectedText: string;
    initialUrl: string;
    /** Each opening is a fresh dialog (its own fields). */
    opened: number;
  } | null>(null);
  // Where the dialog was opened: the selection to act on and the element to refocus.
  const dialogRef = useRef<{
    range: Range | null;
    returnTo: HTMLElement | null;
    link: Element | null;
  } | null>(null);
  const rich = hydrated && mode === 'rich';

  // Entering rich mode: the editable area starts from whatever the textarea holds now.
  useEffect(() => {
    if (rich && editorRef.current && sourceRef.current) editorRef.current.innerHTML = sourceRef.current.value;
    // Enter starts a new paragraph, not a <div>.
    if (rich && typeof document.execCommand === 'function')
      document.execCommand('defaultParagraphSeparator', false, 'p');
  }, [rich]);

  useEffect(() => {
    if (!rich) return;
    const update = () => {
      const selection = document.getSelection();
      if (selection?.anchorNode && editorRef.current?.contains(selection.anchorNode))
        setActive(activeTools());
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [rich]);

  function sync() {
    if (editorRef.current && sourceRef.current)
      sourceRef.current.value = normalizeHtml(editorRef.current.innerHTML);
    setActive(activeTools());
  }

  /** The selection inside the editor, if that is where it is. */
  function editorRange(): Range | null {
    const selection = document.getSelection();
    const editor = editorRef.current;
    if (!selection || selection.rangeCount === 0 || !editor) return null;
    const range = selection.getRangeAt(0);
    return editor.contains(range.commonAncestorContainer) ? range : null;
  }

  function openDialog(kind: InsertKind) {
    const range = editorRange();
    const anchorNode = range?.startContainer;
    const element = anchorNode instanceof Element ? anchorNode : anchorNode?.parentElement;
    const link = kind === 'link' ? (element?.closest('a') ?? null) : null;
    const focused = document.activeElement;
    dialogRef.current = {
      range: range?.cloneRange() ?? null,
      returnTo: focused instanceof HTMLElement ? focused : null,
      link: link && editorRef.current?.contains(link) ? link : null,
    };
    setDialog((current) => ({
      kind,
      selectedText: range?.toString() ?? '',
      initialUrl: link?.getAttribute('href') ?? '',
      opened: (current?.opened ?? 0) + 1,
    }));
  }

  /** Back to where the dialog was opened from, with the editor's selection as it was. */
  function closeDialog() {
    const saved = dialogRef.current;
    setDialog(null);
    dialogRef.current = null;
    const editor = editorRef.current;
    if (!editor) return;
    const target = saved?.returnTo && saved.returnTo.isConnected ? saved.returnTo : editor;
    target.focus();
    if (target === editor && saved?.range) {
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(saved.range);
    }
  }

  function applyDialog(result: InsertResult) {
    const editor = editorRef.current;
    const saved = dialogRef.current;
    setDialog(null);
    dialogRef.current = null;
    if (!editor) return;
    editor.focus();
    let range = saved?.range ?? null;
    if (!range || !editor.contains(range.commonAncestorContainer)) {
      range = document.createRange();
      range.selectNodeContents(editor);
      range.collapse(false);
    }
    const link = saved?.link && saved.link.isConnected ? saved.link : null;
    if (result.kind === 'unlink') {
      if (link) link.replaceWith(...link.childNodes);
    } else if (result.kind === 'link' && link) {
      link.setAttribute('href', result.url);
      placeCaret(link.parentNode ?? editor, [...(link.parentNode?.childNodes ?? [])].indexOf(link) + 1);
    } else if (result.kind === 'link') {
      insertLink(range, result.url, result.text);
    } else {
      insertImage(editor, range, result.url, result.alt);
    }
    sync();
  }

  function run(tool: Tool) {
    const editor = editorRef.current;
    if (!editor) return;
    const command = tool.command;
    if (command.kind === 'link' || command.kind === 'image') {
      openDialog(command.kind);
      return;
    }
    editor.focus();
    switch (command.kind) {
      case 'inline':
      case 'list':
        exec(command.command);
        break;
      case 'block': {
        const current = String(document.queryCommandValue?.('formatBlock') ?? '').toLowerCase();
        exec('formatBlock', current === command.tag ? 'p' : command.tag);
        break;
      }
      case 'code': {
        const text = document.getSelection()?.toString() || 'code';
        exec('insertHTML', `<code>${escapeHtml(text)}</code>&#8203;`);
        break;
      }
    }
    sync();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const editor = editorRef.current;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (plain && editor && (event.key === 'Enter' || event.key === 'ArrowDown')) {
      const range = editorRange();
      const handled =
        range !== null &&
        (event.key === 'Enter' ? enterInBlock(editor, range) : arrowDownFromBlock(editor, range));
      if (handled) {
        event.preventDefault();
        sync();
      }
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    const tool = ALL_TOOLS.find((item) => item.shortcut?.endsWith(`+${key.toUpperCase()}`));
    if (!tool) return;
    event.preventDefault();
    run(tool);
  }

  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');

  return (
    <div className={`field rte${error ? ' field--invalid' : ''}`}>
      <div className="rte__label-row">
        <label htmlFor={rich ? `${id}-rich` : id} className="field__label" id={`${id}-label`}>
          {label}
        </label>
        {hydrated ? (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-pressed={mode === 'html'}
            onClick={() => {
              if (mode === 'rich') sync();
              setMode(mode === 'rich' ? 'html' : 'rich');
            }}
          >
            Edit HTML
          </button>
        ) : null}
      </div>
      <p id={hintId} className="field__hint">
        {rich
          ? hint
          : 'Write HTML: <h2>, <p>, <strong>, <em>, <ul>/<ol>, <a href>, <code>, <pre>, <blockquote>, <img>.'}
      </p>
      {rich ? (
        <div className="rte__box">
          <div className="rte__toolbar" role="toolbar" aria-label="Formatting" aria-controls={`${id}-rich`}>
            {TOOLS.map((group, index) => (
              <div key={index} className="rte__group">
                {group.map((tool) => (
                  <button
                    key={tool.id}
                    type="button"
                    className="rte__button"
                    aria-label={tool.label}
                    aria-pressed={active.has(tool.id)}
                    title={tool.shortcut ? `${tool.label} (${tool.shortcut})` : tool.label}
                    aria-keyshortcuts={tool.shortcut?.replace('Ctrl', 'Control')}
                    // Keep the selection in the editor when the button is pressed.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => run(tool)}
                  >
                    {tool.icon}
                  </button>
                ))}
              </div>
            ))}
          </div>
          {dialog ? (
            <RichTextInsertDialog
              key={`${dialog.kind}-${dialog.opened}`}
              id={id}
              kind={dialog.kind}
              initialUrl={dialog.initialUrl}
              initialText={dialog.selectedText}
              askText={dialog.selectedText.trim() === '' && !dialogRef.current?.link}
              editing={Boolean(dialogRef.current?.link)}
              onApply={applyDialog}
              onCancel={closeDialog}
            />
          ) : null}
          <div
            ref={editorRef}
            id={`${id}-rich`}
            className="rte__area prose"
            contentEditable
            suppressContentEditableWarning
            role="textbox"
            aria-multiline="true"
            aria-labelledby={`${id}-label`}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            tabIndex={0}
            onInput={sync}
            onBlur={sync}
            onKeyDown={onKeyDown}
          />
        </div>
      ) : null}
      <textarea
        ref={sourceRef}
        id={id}
        name={name}
        className="input textarea rte__source"
        rows={14}
        defaultValue={defaultValue}
        hidden={rich}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        spellCheck
      />
      {error ? (
        <p id={errorId} className="field__error">
          <span>
            <span className="visually-hidden">Error:</span> {error}
          </span>
        </p>
      ) : null}
    </div>
  );
}

function LinkIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1a2.5 2.5 0 0 1-3.5-3.5l1-1" />
    </svg>
  );
}

function ListIcon({ numbered }: { numbered: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M6 4h8M6 8h8M6 12h8" />
      {numbered ? (
        <path d="M2 3l1-.5V5.5M2 10.5c.5-.6 1.8-.6 1.8.3 0 .7-1.8 1.2-1.8 2.2h2" className="rte__thin" />
      ) : (
        <path d="M2.5 4h.01M2.5 8h.01M2.5 12h.01" className="rte__dot" />
      )}
    </svg>
  );
}

function ImageIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="2" y="3" width="12" height="10" rx="1.5" />
      <path d="M2.5 11.5l3.5-3.5 3 3 1.5-1.5 3 3" />
      <path d="M10.5 6h.01" className="rte__dot" />
    </svg>
  );
}
