/**
 * Platform settings (decision 0040), the Owner's (`settings.manage`): for now whether every
 * course is reviewed before it is published. A plain form, no script needed.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { AdminErrorBoundary, adminPageTitle } from '~/components/admin/AdminErrorBoundary';
import { SubmitButton } from '~/components/forms/SubmitButton';
import { throwAdminRefusal } from '~/lib/admin-refusal.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { readForm } from '~/lib/forms.server';
import { formatDate, isoDate } from '~/lib/format';
import adminStylesUrl from '~/styles/admin.css?url';
import teachStylesUrl from '~/styles/teach.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: adminStylesUrl },
  // The checkbox field the lesson form uses.
  { rel: 'stylesheet', href: teachStylesUrl },
];

export const meta: MetaFunction = ({ error }) => [{ title: adminPageTitle(error, 'Settings') }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    return await context.trpc.settings.get();
  } catch (error) {
    throwAdminRefusal(request, error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const reviewBeforePublishing = form.get('reviewBeforePublishing') === 'on';
  try {
    await context.trpc.settings.update({ reviewBeforePublishing });
  } catch (error) {
    throwAdminRefusal(request, error);
  }
  return redirectWithFlash(request, '/admin/settings', {
    tone: 'success',
    text: reviewBeforePublishing
      ? 'Courses are now reviewed before they are published.'
      : 'Authors publish their courses directly again (teams that require review still do).',
  });
}

export default function AdminSettingsPage() {
  const settings = useLoaderData<typeof loader>();
  return (
    <div className="admin container">
      <header className="page-header">
        <p className="eyebrow">Admin</p>
        <h1>Settings</h1>
        <p className="page-header__lead">
          How the whole platform works. Only the organization’s owner changes these.
        </p>
      </header>
      <AdminNav />

      <section className="people-panel" aria-labelledby="publishing-heading">
        <h2 id="publishing-heading">Publishing</h2>
        <Form method="post" className="form-stack settings-form">
          <div className="checkbox-field">
            <input
              id="review-before-publishing"
              type="checkbox"
              name="reviewBeforePublishing"
              defaultChecked={settings.reviewBeforePublishing}
              aria-describedby="review-before-publishing-hint"
            />
            <div>
              <label htmlFor="review-before-publishing" className="field__label">
                Review courses before they are published
              </label>
              <p id="review-before-publishing-hint" className="field__hint">
                Authors submit a course for review; a reviewer approves it, which publishes it, or asks for
                changes with a comment. Moderators, admins and the owner still publish directly. A team can
                require review for its own courses too.
              </p>
            </div>
          </div>
          {settings.updatedAt ? (
            <p className="muted">
              Last changed{' '}
              <time dateTime={isoDate(settings.updatedAt)}>{formatDate(settings.updatedAt)}</time>.
            </p>
          ) : null}
          <div>
            <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
