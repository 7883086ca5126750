import { useNavigation } from '@remix-run/react';
import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** Field name → the value it must have, or null for "not sent at all". */
export type SubmissionMatch = Record<string, string | null>;

/**
 * True while a form whose fields match `match` is being submitted (or its result is
 * loading). Several forms share a page, so only the one in flight says "Saving…".
 */
export function usePendingSubmission(match: SubmissionMatch = {}): boolean {
  const navigation = useNavigation();
  const formData = navigation.formData;
  if (navigation.state === 'idle' || !formData || navigation.formMethod?.toLowerCase() === 'get')
    return false;
  return Object.entries(match).every(([name, value]) => formData.get(name) === value);
}

type Tone = 'primary' | 'secondary' | 'danger' | 'quiet';

export function SubmitButton({
  children,
  pendingLabel,
  pendingWhen,
  tone = 'primary',
  wide = false,
  className,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  children: ReactNode;
  /** Shown while the form is in flight, e.g. "Signing in…". */
  pendingLabel: string;
  /** The fields that identify this form among others on the page; see usePendingSubmission. */
  pendingWhen?: SubmissionMatch;
  tone?: Tone;
  wide?: boolean;
}) {
  const pending = usePendingSubmission(pendingWhen);
  const classes = ['button', `button--${tone}`, wide ? 'button--wide' : '', className ?? ''];
  return (
    <button
      {...button}
      type="submit"
      className={classes.filter(Boolean).join(' ')}
      // aria-disabled (not disabled) keeps focus on the button while it waits.
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
        button.onClick?.(event);
      }}
    >
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
