import { Link } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '../forms/Alert';
import { useHydrated } from '~/lib/hydrated';

/**
 * A token that was just created. Only its hash is stored, so this is the one time it can
 * be seen: the box says so, selects it for copying and (with JavaScript) copies it.
 */
export function NewToken({ name, token }: { name: string; token: string }) {
  const hydrated = useHydrated();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [token]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (permissions, an insecure origin): the text stays selected instead.
      inputRef.current?.select();
      setCopied('failed');
    }
  }

  return (
    <div className="new-token">
      <Alert tone="warning" title={`Your new token “${name}”`}>
        <p>Copy it now and keep it somewhere safe. You won’t be able to see it again.</p>
      </Alert>
      <div className="new-token__box">
        <label htmlFor="new-token-value" className="visually-hidden">
          API token
        </label>
        <input
          id="new-token-value"
          ref={inputRef}
          className="input new-token__value"
          readOnly
          value={token}
          autoFocus
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        {hydrated ? (
          <button type="button" className="button button--primary" onClick={copy}>
            {copied === 'yes' ? 'Copied' : 'Copy'}
          </button>
        ) : null}
      </div>
      <p className="new-token__usage" role="status">
        {copied === 'failed'
          ? 'Copying isn’t allowed here: the token is selected, press Ctrl+C (⌘C on a Mac).'
          : 'Send it as a header: Authorization: Bearer <token>.'}
      </p>
      <Link to="/account" className="button button--secondary button--small">
        I’ve saved it
      </Link>
    </div>
  );
}
