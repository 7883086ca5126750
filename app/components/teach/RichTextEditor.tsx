import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useHydrated } from '~/lib/hydrated';

/**
 * A small rich-text editor: a toolbar over a contenteditable area that writes its HTML
 * into a textarea named `name` on every input, so the surrounding <Form> posts it like
 * any field. Without JavaScript the textarea itself is shown (plain HTML editing) and
 * the form works the same. The server sanitizes whatever arrives.
 *
 * First version: the formatting goes through document.execCommand. It is deprecated
 * but still supported by every browser for contenteditable, and keeps Aurora free of
 * an editor dependency; a model-based editor can replace it behind the same props.
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
    { id: 'h2', label: 'Heading', icon: 'H2', command: { kind: 'block', tag: 'h2' } },
    { id: 'h3', label: 'Subheading', icon: 'H3', command: { kind: 'block', tag: 'h3' } },
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

/**
 * Only absolute web and mail links, as the server keeps them; anything else
 * (javascript:, data:, relative paths) is refused before the server sees it.
 */
export function safeLinkUrl(value: string): string | null {
  const url = value.trim();
  if (!url) return null;
  if (/^(https?:\/\/[^/]|mailto:)/i.test(url)) return url;
  if (/^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(url)) return `https://${url}`;
  return null;
}

const RENAME: Record<string, string> = { B: 'strong', I: 'em', DIV: 'p' };

/**
 * Browsers' editing commands write <b>, <i> and <div>; the server keeps only the
 * semantic <strong>, <em> and <p>. Renamed here so what is saved is what was seen.
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
  return template.innerHTML;
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

  function run(tool: Tool) {
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    const command = tool.command;
    switch (command.kind) {
      case 'inline':
      case 'list':
        document.execCommand(command.command);
        break;
      case 'block': {
        const current = String(document.queryCommandValue?.('formatBlock') ?? '').toLowerCase();
        document.execCommand('formatBlock', false, current === command.tag ? 'p' : command.tag);
        break;
      }
      case 'link': {
        const url = safeLinkUrl(window.prompt('Link address (https://…)', 'https://') ?? '');
        if (url) document.execCommand('createLink', false, url);
        break;
      }
      case 'code': {
        const text = document.getSelection()?.toString() || 'code';
        document.execCommand('insertHTML', false, `<code>${escapeHtml(text)}</code>&#8203;`);
        break;
      }
      case 'image': {
        const url = safeLinkUrl(window.prompt('Image address (https://…)', 'https://') ?? '');
        if (!url) break;
        const alt = window.prompt('Describe the image for people who can’t see it') ?? '';
        document.execCommand('insertHTML', false, `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">`);
        break;
      }
    }
    sync();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
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
