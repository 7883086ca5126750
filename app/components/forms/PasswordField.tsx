import { useState, type InputHTMLAttributes } from 'react';
import { useHydrated } from '~/lib/hydrated';
import { FormField, type FieldChrome } from './FormField';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'type'>;

/**
 * A password input with a Show/Hide toggle. The toggle needs JavaScript, so it appears
 * only after hydration; without scripts the field is a plain password input.
 */
export function PasswordField({ id, label, hint, error, className, ...input }: FieldChrome & InputProps) {
  const hydrated = useHydrated();
  const [visible, setVisible] = useState(false);
  return (
    <FormField id={id} label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <div className="password-input">
          <input
            {...input}
            {...control}
            type={visible ? 'text' : 'password'}
            required
            className="input"
            autoCapitalize="off"
            spellCheck={false}
          />
          {hydrated ? (
            <button
              type="button"
              className="password-input__toggle"
              aria-controls={id}
              aria-label={visible ? 'Hide password' : 'Show password'}
              onClick={() => setVisible((shown) => !shown)}
            >
              {visible ? 'Hide' : 'Show'}
            </button>
          ) : null}
        </div>
      )}
    </FormField>
  );
}
