import { useState, type InputHTMLAttributes } from 'react';
import { useHydrated } from '~/lib/hydrated';
import { PEOPLE_LIMITS } from '../../../shared/fields/limits';
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

/**
 * A password being chosen (sign-up, the account page): the rules' hint, the lengths of
 * the shared schema and the browser's "suggest a strong password".
 */
export function NewPasswordField(
  props: Omit<FieldChrome, 'hint'> & Omit<InputProps, 'autoComplete' | 'minLength' | 'maxLength'>,
) {
  return (
    <PasswordField
      {...props}
      hint="At least 8 characters. A short sentence is easy to remember and hard to guess."
      autoComplete="new-password"
      minLength={PEOPLE_LIMITS.passwordMin}
      maxLength={PEOPLE_LIMITS.password}
    />
  );
}
