import { Link } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '../forms/Alert';
import { useHydrated } from '~/lib/hydrated';
import { formatDate, isoDate } from '~/lib/format';
import { roleWithArticle } from '~/lib/roles';
import type { Role } from '~/lib/viewer';

export interface NewInvitation {
  user: { id: string; name: string; email: string; role: Role };
  link: string;
  expiresAt: string;
}

/**
 * The one-time link for a person just added. Only its hash is stored, so this is the one
 * time it can be seen: the box says so, selects the link and (with JavaScript) copies it.
 */
export function InviteLink({ invitation, closeTo }: { invitation: NewInvitation; closeTo: string }) {
  const hydrated = useHydrated();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [invitation.link]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.link);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (permissions, an insecure origin): the text stays selected instead.
      inputRef.current?.select();
      setCopied('failed');
    }
  }

  const { user } = invitation;
  return (
    <section className="invite-link" aria-labelledby="invite-link-title">
      <Alert tone="success" title={`${user.name} is added as ${roleWithArticle(user.role)}`}>
        <p id="invite-link-title">
          Give them this link to choose their password. Copy it now: you won’t be able to see it again. It
          works once, until{' '}
          <time dateTime={isoDate(invitation.expiresAt)}>{formatDate(invitation.expiresAt)}</time>.
        </p>
      </Alert>
      <div className="invite-link__box">
        <label htmlFor="invite-link-value" className="visually-hidden">
          One-time link for {user.name}
        </label>
        <input
          id="invite-link-value"
          ref={inputRef}
          className="input invite-link__value"
          readOnly
          value={invitation.link}
          autoFocus
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        {hydrated ? (
          <button type="button" className="button button--primary" onClick={copy}>
            {copied === 'yes' ? 'Copied' : 'Copy link'}
          </button>
        ) : null}
      </div>
      <p className="muted small" role="status">
        {copied === 'failed'
          ? 'Copying isn’t allowed here: the link is selected, press Ctrl+C (⌘C on a Mac).'
          : `Send it to ${user.email} yourself; Aurora will mail such links once mail is set up.`}
      </p>
      <Link to={closeTo} className="button button--secondary button--small">
        I’ve copied it
      </Link>
    </section>
  );
}
