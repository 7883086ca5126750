import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/**
 * The rich-text editor's "add a link" and "add an image" panel: an inline, non-modal
 * dialog under the toolbar (window.prompt has no labels, no validation message and no
 * alt text field, and is blocked in some browsers). Its fields have no `name`, so they
 * never post with the lesson form; Enter applies, Escape or "Cancel" closes, and the
 * editor returns focus to where it came from. No inline styles (the CSP forbids them).
 */

export type InsertKind = 'link' | 'image';

export type InsertResult =
  | { kind: 'link'; url: string; text: string }
  | { kind: 'image'; url: string; alt: string }
  | { kind: 'unlink' };

/**
 * Only absolute web and mail links, as the server keeps them; a bare domain gets
 * https://. Anything else (javascript:, data:, relative paths) is refused here.
 */
export function safeLinkUrl(value: string): string | null {
  const url = value.trim();
  if (!url) return null;
  if (/^(https?:\/\/[^/\s]|mailto:[^\s])/i.test(url) && !/\s/.test(url)) return url;
  if (/^[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(url)) return `https://${url}`;
  return null;
}

/** Pictures: http(s) only, as the server keeps them. */
export function safeImageUrl(value: string): string | null {
  const url = safeLinkUrl(value);
  return url && /^https?:\/\//i.test(url) ? url : null;
}

const COPY = {
  link: {
    title: 'Add a link',
    editTitle: 'Edit the link',
    url: 'Link address',
    urlHint: 'A web page (https://…) or an email address (mailto:…).',
    empty: 'Enter the address the link goes to.',
    invalid: 'Enter a full web address starting with https:// (or mailto: for email).',
    apply: 'Add link',
    editApply: 'Save link',
  },
  image: {
    title: 'Add an image',
    editTitle: 'Add an image',
    url: 'Image address',
    urlHint: 'The web address of a picture (https://…), e.g. copied with “Copy image address”.',
    empty: 'Enter the address of the picture.',
    invalid: 'Enter a full web address of the picture, starting with https://.',
    apply: 'Add image',
    editApply: 'Add image',
  },
} as const;

const NO_ALT = 'Describe the image, or tick “Decorative” if it adds nothing to the text.';

export function RichTextInsertDialog({
  id,
  kind,
  initialUrl = '',
  initialText = '',
  askText,
  editing = false,
  onApply,
  onCancel,
}: {
  id: string;
  kind: InsertKind;
  initialUrl?: string;
  initialText?: string;
  /** A link over no selected text needs words to show. */
  askText: boolean;
  /** The caret is in a link: the dialog edits it and offers "Remove link". */
  editing?: boolean;
  onApply: (result: InsertResult) => void;
  onCancel: () => void;
}) {
  const copy = COPY[kind];
  const base = useId();
  const field = (name: string) => `${id}-${kind}-${name}${base.replace(/:/g, '')}`;
  const [url, setUrl] = useState(initialUrl);
  const [text, setText] = useState(initialText);
  const [alt, setAlt] = useState('');
  const [decorative, setDecorative] = useState(false);
  const [errors, setErrors] = useState<{ url?: string; alt?: string }>({});
  const urlRef = useRef<HTMLInputElement>(null);
  const altRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    urlRef.current?.focus();
    urlRef.current?.select();
  }, []);

  function apply() {
    const checked = kind === 'image' ? safeImageUrl(url) : safeLinkUrl(url);
    const urlError = checked ? undefined : url.trim() ? copy.invalid : copy.empty;
    const altError = kind === 'image' && !decorative && !alt.trim() ? NO_ALT : undefined;
    setErrors({ url: urlError, alt: altError });
    if (urlError) return urlRef.current?.focus();
    if (altError) return altRef.current?.focus();
    if (!checked) return;
    if (kind === 'image') onApply({ kind, url: checked, alt: decorative ? '' : alt.trim() });
    else onApply({ kind, url: checked, text: text.trim() || checked.replace(/^mailto:/i, '') });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      // Enter would otherwise submit the lesson form around the editor.
      event.preventDefault();
      if (event.target.type !== 'checkbox') apply();
    }
  }

  const titleId = field('title');
  const describe = (hint: string, error?: string) => [error ? `${hint}-error` : '', hint].join(' ').trim();

  return (
    <div role="dialog" aria-labelledby={titleId} className="rte__dialog" onKeyDown={onKeyDown}>
      <p id={titleId} className="rte__dialog-title">
        {editing ? copy.editTitle : copy.title}
      </p>
      <div className={`field${errors.url ? ' field--invalid' : ''}`}>
        <label htmlFor={field('url')} className="field__label">
          {copy.url}
        </label>
        <p id={`${field('url')}-hint`} className="field__hint">
          {copy.urlHint}
        </p>
        <input
          ref={urlRef}
          id={field('url')}
          type="text"
          inputMode="url"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          className="input"
          value={url}
          placeholder="https://"
          onChange={(event) => setUrl(event.currentTarget.value)}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={describe(`${field('url')}-hint`, errors.url)}
        />
        {errors.url ? (
          <p id={`${field('url')}-hint-error`} className="field__error">
            <span>
              <span className="visually-hidden">Error:</span> {errors.url}
            </span>
          </p>
        ) : null}
      </div>
      {kind === 'link' && askText ? (
        <div className="field">
          <label htmlFor={field('text')} className="field__label">
            Text to show <span className="field__optional">(optional)</span>
          </label>
          <input
            id={field('text')}
            type="text"
            className="input"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
          />
        </div>
      ) : null}
      {kind === 'image' ? (
        <>
          <div className={`field${errors.alt ? ' field--invalid' : ''}`}>
            <label htmlFor={field('alt')} className="field__label">
              Description (alt text)
            </label>
            <p id={`${field('alt')}-hint`} className="field__hint">
              What the picture shows, for people who can’t see it.
            </p>
            <input
              ref={altRef}
              id={field('alt')}
              type="text"
              className="input"
              value={alt}
              disabled={decorative}
              maxLength={300}
              onChange={(event) => setAlt(event.currentTarget.value)}
              aria-invalid={errors.alt ? true : undefined}
              aria-describedby={describe(`${field('alt')}-hint`, errors.alt)}
            />
            {errors.alt ? (
              <p id={`${field('alt')}-hint-error`} className="field__error">
                <span>
                  <span className="visually-hidden">Error:</span> {errors.alt}
                </span>
              </p>
            ) : null}
          </div>
          <div className="checkbox-field checkbox-field--compact">
            <input
              id={field('decorative')}
              type="checkbox"
              checked={decorative}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setDecorative(checked);
                if (checked) setErrors((current) => ({ ...current, alt: undefined }));
              }}
            />
            <label htmlFor={field('decorative')}>Decorative: it adds nothing to the text</label>
          </div>
        </>
      ) : null}
      <div className="rte__dialog-actions">
        <button type="button" className="button button--primary button--small" onClick={apply}>
          {editing ? copy.editApply : copy.apply}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
        {editing ? (
          <button
            type="button"
            className="button button--quiet button--small button--danger-text"
            onClick={() => onApply({ kind: 'unlink' })}
          >
            Remove link
          </button>
        ) : null}
      </div>
    </div>
  );
}
