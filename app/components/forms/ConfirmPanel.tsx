import { Form, Link } from '@remix-run/react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { SubmitButton } from './SubmitButton';

/**
 * The second step of a two-step action (delete, revoke, change a role). The first
 * submit only asks the server to render this panel; nothing changes until "Confirm"
 * posts the same fields again with `confirmed=yes`. Without JavaScript the panel arrives
 * in a fresh page, so it takes focus through `autoFocus`; with JavaScript, on mount.
 */
export function ConfirmPanel({
  title,
  children,
  fields,
  confirmLabel,
  pendingLabel,
  cancelTo,
  action,
  tone = 'danger',
}: {
  title: string;
  children: ReactNode;
  /** The fields of the action being confirmed (intent, ids, the new value). */
  fields: Record<string, string>;
  confirmLabel: string;
  pendingLabel: string;
  /** Where Cancel leads: the page as it was, without the pending confirmation. */
  cancelTo: string;
  action?: string;
  tone?: 'danger' | 'primary';
}) {
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className={`confirm confirm--${tone}`} aria-labelledby={titleId}>
      {/* autoFocus serves the no-JavaScript page; React ignores it on headings when mounting. */}
      <h2 id={titleId} className="confirm__title" tabIndex={-1} ref={headingRef} autoFocus>
        {title}
      </h2>
      <div className="confirm__body">{children}</div>
      <div className="actions">
        <Form method="post" action={action} className="confirm__form">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirmed" value="yes" />
          <SubmitButton tone={tone} pendingLabel={pendingLabel} pendingWhen={{ ...fields, confirmed: 'yes' }}>
            {confirmLabel}
          </SubmitButton>
        </Form>
        <Link to={cancelTo} className="button button--secondary" preventScrollReset>
          Cancel
        </Link>
      </div>
    </section>
  );
}
