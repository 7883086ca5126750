import { Form } from '@remix-run/react';
import { ConfirmPanel } from '../forms/ConfirmPanel';
import { SubmitButton } from '../forms/SubmitButton';

/** Ends every session of this account, this one included: for a lost phone or a shared computer. */
export function SignOutEverywhere({ confirming }: { confirming: boolean }) {
  if (confirming) {
    return (
      <ConfirmPanel
        title="Sign out on all devices?"
        fields={{ intent: 'sign-out-everywhere' }}
        confirmLabel="Sign out everywhere"
        pendingLabel="Signing out…"
        cancelTo="/account"
      >
        <p>
          Every browser and device signed in to your account is signed out at once, this one included. You’ll
          sign in again with your password. API tokens keep working; revoke them below.
        </p>
      </ConfirmPanel>
    );
  }
  return (
    <div className="setting-row">
      <div>
        <h3 className="setting-row__title">Sign out on all devices</h3>
        <p className="setting-row__text">
          Left yourself signed in on a shared or lost device? This ends every session of your account.
        </p>
      </div>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <SubmitButton
          tone="secondary"
          pendingLabel="One moment…"
          pendingWhen={{ intent: 'sign-out-everywhere', confirmed: null }}
        >
          Sign out everywhere…
        </SubmitButton>
      </Form>
    </div>
  );
}
