import { Form } from '@remix-run/react';
import { SubmitButton } from '../forms/SubmitButton';
import { formatDate, isoDate } from '~/lib/format';
import { totalText, type ListTotal } from '~/lib/list-total';

export interface TokenSummary {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: string | Date;
  lastUsedAt: string | Date | null;
}

export function TokenList({ tokens, total }: { tokens: TokenSummary[]; total: ListTotal }) {
  if (tokens.length === 0) {
    return (
      <p className="empty-note">You have no API tokens yet. Create one when a script needs to act as you.</p>
    );
  }
  return (
    <>
      <h3 className="tokens__heading">
        Your tokens <span className="count">{totalText(total)}</span>
      </h3>
      <ul className="token-list">
        {tokens.map((token) => (
          <li key={token.id} className="token-list__item">
            <div className="token-list__main">
              <span className="token-list__name">{token.name}</span>
              <code className="token-list__prefix" aria-label={`Starts with ${token.tokenPrefix}`}>
                {token.tokenPrefix}…
              </code>
            </div>
            <dl className="token-list__facts">
              <div>
                <dt>Created</dt>
                <dd>
                  <time dateTime={isoDate(token.createdAt)}>{formatDate(token.createdAt)}</time>
                </dd>
              </div>
              <div>
                <dt>Last used</dt>
                <dd>
                  {token.lastUsedAt ? (
                    <time dateTime={isoDate(token.lastUsedAt)}>{formatDate(token.lastUsedAt)}</time>
                  ) : (
                    'Never'
                  )}
                </dd>
              </div>
            </dl>
            <Form method="post" className="token-list__action">
              <input type="hidden" name="intent" value="revoke-token" />
              <input type="hidden" name="tokenId" value={token.id} />
              <input type="hidden" name="name" value={token.name} />
              <SubmitButton
                tone="quiet"
                className="button--danger-text"
                pendingLabel="One moment…"
                pendingWhen={{ intent: 'revoke-token', tokenId: token.id, confirmed: null }}
                aria-label={`Revoke ${token.name}`}
              >
                Revoke…
              </SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
