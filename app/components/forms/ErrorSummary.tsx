import { useEffect, useId, useRef } from 'react';

export interface SummaryItem {
  message: string;
  /** The id of the field the message is about; the summary links to it. */
  fieldId?: string;
}

/**
 * Every problem with a submitted form in one place above it, each linking to its field.
 * It is a live alert, so a screen reader hears it as soon as it appears; `focusKey`
 * changes with each failed submission, and the first invalid field (or, for a problem
 * with the form as a whole, this summary) takes focus.
 */
export function ErrorSummary({
  items,
  title = 'Please check the form',
  focusKey,
}: {
  items: SummaryItem[];
  title?: string;
  focusKey?: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const firstFieldId = items.find((item) => item.fieldId)?.fieldId;

  useEffect(() => {
    if (focusKey === undefined || items.length === 0) return;
    const field = firstFieldId ? document.getElementById(firstFieldId) : null;
    (field ?? ref.current)?.focus();
    // Only a new submission moves focus; re-renders while typing must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);

  if (items.length === 0) return null;
  const onlyFormLevel = items.every((item) => !item.fieldId);
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby={titleId}
      // Without JavaScript the page is new: the browser focuses this (or the first invalid field, which
      // the form marks with autoFocus itself). React skips autoFocus on a div when mounting, so no clash.
      autoFocus={!firstFieldId}
    >
      <p id={titleId} className="error-summary__title">
        {onlyFormLevel && items.length === 1 ? items[0]?.message : title}
      </p>
      {onlyFormLevel && items.length === 1 ? null : (
        <ul className="error-summary__list">
          {items.map((item) => (
            <li key={`${item.fieldId ?? ''}:${item.message}`}>
              {item.fieldId ? (
                <a
                  href={`#${item.fieldId}`}
                  onClick={(event) => {
                    const field = document.getElementById(item.fieldId ?? '');
                    if (!field) return;
                    // A plain fragment link scrolls but leaves focus behind; typing should go to the field.
                    event.preventDefault();
                    field.focus();
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
