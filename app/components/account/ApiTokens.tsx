import { Form } from '@remix-run/react';
import { ConfirmPanel } from '../forms/ConfirmPanel';
import { Alert } from '../forms/Alert';
import { TextField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { NewToken } from './NewToken';
import { TokenList, type TokenSummary } from './TokenList';
import { PEOPLE_LIMITS } from '../../../shared/fields/limits';
import { CursorPager } from '~/components/CursorPager';

export interface TokensPage {
  items: TokenSummary[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

export interface TokenActionState {
  /** Just created: the secret, shown this once. */
  created?: { name: string; token: string };
  /** Revoke was asked for; waiting for confirmation. */
  confirmRevoke?: { tokenId: string; name: string };
  nameError?: string;
  nameValue?: string;
  error?: string;
}

/** Personal API tokens for scripts that call Aurora's API as this person. */
export function ApiTokens({
  tokens,
  state,
  cursor,
}: {
  tokens: TokensPage;
  state: TokenActionState;
  cursor: string | null;
}) {
  return (
    <div className="tokens">
      {state.error ? (
        <Alert tone="error">
          <p>{state.error}</p>
        </Alert>
      ) : null}
      {state.created ? <NewToken name={state.created.name} token={state.created.token} /> : null}
      {state.confirmRevoke ? (
        <ConfirmPanel
          title={`Revoke “${state.confirmRevoke.name}”?`}
          fields={{
            intent: 'revoke-token',
            tokenId: state.confirmRevoke.tokenId,
            name: state.confirmRevoke.name,
          }}
          confirmLabel="Revoke token"
          pendingLabel="Revoking…"
          cancelTo="/account"
        >
          <p>Scripts using this token stop working at once. This can’t be undone.</p>
        </ConfirmPanel>
      ) : null}

      {/* Keyed by the new token, so a successful create starts an empty form for the next one. */}
      <Form
        key={state.created?.token ?? 'create'}
        method="post"
        noValidate
        className="tokens__create"
        aria-label="Create an API token"
      >
        <input type="hidden" name="intent" value="create-token" />
        <TextField
          id="token-name"
          name="name"
          label="Token name"
          hint="What will use it, so you recognise it later: “Grades export”, “My laptop”."
          maxLength={PEOPLE_LIMITS.tokenName}
          autoComplete="off"
          defaultValue={state.nameValue}
          error={state.nameError}
          autoFocus={Boolean(state.nameError)}
        />
        <SubmitButton pendingLabel="Creating…" pendingWhen={{ intent: 'create-token' }}>
          Create token
        </SubmitButton>
      </Form>

      <TokenList tokens={tokens.items} total={tokens} />
      <CursorPager
        label="API token pages"
        firstHref={cursor ? '/account#api-tokens' : null}
        nextHref={
          tokens.nextCursor
            ? `/account?${new URLSearchParams({ tokens: tokens.nextCursor }).toString()}#api-tokens`
            : null
        }
      />
    </div>
  );
}
