import type { InputHTMLAttributes, ReactNode } from 'react';

/** What a control needs to be tied to its label, hint and error for assistive technology. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldChrome {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Marks the label "optional"; required is the default, as most fields are. */
  optional?: boolean;
  className?: string;
}

/**
 * A label, an optional hint, the control and its error. The error is both visible and
 * announced: the control is aria-invalid and described by the error and the hint.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  optional,
  className,
  children,
}: FieldChrome & { children: (control: ControlProps) => ReactNode }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional ? (
          <>
            {' '}
            <span className="field__optional">(optional)</span>
          </>
        ) : null}
      </label>
      {hint ? (
        <p id={hintId ?? undefined} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p id={errorId ?? undefined} className="field__error">
          <span>
            <span className="visually-hidden">Error:</span> {error}
          </span>
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>;

/** The common case: a single-line text input in a FormField. */
export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  className,
  ...input
}: FieldChrome & InputProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      {(control) => <input {...input} {...control} required={!optional} className="input" />}
    </FormField>
  );
}
