/**
 * The account page's form actions, one per `intent`. Each either redirects with a flash
 * (Post/Redirect/Get: a reload never repeats it) or returns what the page needs to show:
 * field errors, a confirmation step, or a new API token (which must not survive a reload).
 */
import { data, type AppLoadContext } from '@remix-run/node';
import { z } from 'zod';
import { idSchema } from '../../../shared/fields/ids';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import {
  apiTokenNameSchema,
  bioSchema,
  changePasswordSchema,
  personNameSchema,
} from '../../../shared/fields/people';
import { PASSWORD_FIELD_ORDER } from '~/components/account/PasswordForm';
import { AVATAR_TOO_LARGE, avatarProblem } from '~/lib/avatar';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, readForm, redirectToSignIn, textFields, validate } from '~/lib/forms.server';

type Args = { request: Request; context: AppLoadContext };

export const profileSchema = z.object({ name: personNameSchema, bio: bioSchema });
export const tokenNameSchema = z.object({ name: apiTokenNameSchema });

export async function accountAction({ request, context }: Args) {
  // The avatar form is multipart; the rest are urlencoded.
  const form = await readForm(request, { maxBytes: UPLOAD_MAX_BYTES.avatar, tooLarge: AVATAR_TOO_LARGE });
  if (form instanceof Error) return data({ intent: 'avatar' as const, error: form.message }, 413);
  const fields = { request, context, form };
  try {
    switch (form.get('intent')) {
      case 'profile':
        return await saveProfile(fields);
      case 'avatar':
        return await uploadAvatar(fields);
      case 'remove-avatar':
        await context.trpc.auth.updateProfile({ avatar: null });
        return redirectWithFlash(request, '/account', { tone: 'success', text: 'Your picture is removed.' });
      case 'password':
        return await changePassword(fields);
      case 'sign-out-everywhere':
        return await signOutEverywhere(fields);
      case 'create-token':
        return await createToken(fields);
      case 'revoke-token':
        return await revokeToken(fields);
      default:
        throw new Response('That form isn’t one this page knows.', { status: 400 });
    }
  } catch (error) {
    if (callerFailure(error)?.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    throw error;
  }
}

type FormArgs = Args & { form: FormData };

async function saveProfile({ request, context, form }: FormArgs) {
  const values = textFields(form, ['name', 'bio'] as const);
  const checked = validate(profileSchema, values);
  if (!checked.ok) {
    return data(
      { intent: 'profile' as const, fieldErrors: checked.fieldErrors, formError: undefined, values },
      400,
    );
  }
  try {
    await context.trpc.auth.updateProfile(checked.data);
  } catch (error) {
    const failure = callerFailure(error, ['name', 'bio'] as const);
    if (!failure || failure.code === 'UNAUTHORIZED') throw error;
    const hasFieldErrors = Object.keys(failure.fieldErrors).length > 0;
    return data(
      {
        intent: 'profile' as const,
        fieldErrors: failure.fieldErrors,
        formError: hasFieldErrors ? undefined : failure.message,
        values,
      },
      400,
    );
  }
  return redirectWithFlash(request, '/account', { tone: 'success', text: 'Your profile is saved.' });
}

async function uploadAvatar({ request, context, form }: FormArgs) {
  const file = form.get('avatar');
  const problem =
    file instanceof File
      ? avatarProblem({ size: file.size, type: file.type, name: file.name })
      : 'Choose a picture to upload.';
  if (problem || !(file instanceof File))
    return data({ intent: 'avatar' as const, error: problem ?? '' }, 400);
  try {
    await context.trpc.auth.updateProfile({
      avatar: {
        fileName: file.name,
        mimeType: file.type || 'application/octet-stream',
        base64: Buffer.from(await file.arrayBuffer()).toString('base64'),
      },
    });
  } catch (error) {
    const failure = callerFailure(error);
    if (!failure || failure.code === 'UNAUTHORIZED') throw error;
    return data({ intent: 'avatar' as const, error: failure.message }, 400);
  }
  return redirectWithFlash(request, '/account', { tone: 'success', text: 'Your new picture is up.' });
}

async function changePassword({ request, context, form }: FormArgs) {
  const checked = validate(changePasswordSchema, textFields(form, PASSWORD_FIELD_ORDER));
  if (!checked.ok) {
    return data({ intent: 'password' as const, fieldErrors: checked.fieldErrors, formError: undefined }, 400);
  }
  try {
    // Sets this browser's new session cookie on this response; every other session ends.
    await context.trpc.auth.changePassword(checked.data);
  } catch (error) {
    const failure = callerFailure(error, PASSWORD_FIELD_ORDER);
    if (!failure || failure.code === 'UNAUTHORIZED') throw error;
    const hasFieldErrors = Object.keys(failure.fieldErrors).length > 0;
    return data(
      {
        intent: 'password' as const,
        fieldErrors: failure.fieldErrors,
        formError: hasFieldErrors ? undefined : failure.message,
      },
      failure.code === 'TOO_MANY_REQUESTS' ? 429 : 400,
    );
  }
  return redirectWithFlash(request, '/account', {
    tone: 'success',
    text: 'Password changed. You were signed out everywhere else.',
  });
}

async function signOutEverywhere({ request, context, form }: FormArgs) {
  if (form.get('confirmed') !== 'yes') return data({ intent: 'sign-out-everywhere' as const, confirm: true });
  await context.trpc.auth.logout({ everywhere: true });
  return redirectWithFlash(request, '/sign-in', {
    tone: 'success',
    text: 'You’re signed out on all your devices. Sign in again to carry on.',
  });
}

async function createToken({ context, form }: FormArgs) {
  const values = textFields(form, ['name'] as const);
  const checked = validate(tokenNameSchema, values);
  if (!checked.ok) {
    return data(
      { intent: 'create-token' as const, nameError: checked.fieldErrors.name, nameValue: values.name },
      400,
    );
  }
  try {
    const created = await context.trpc.auth.createApiToken({ name: checked.data.name });
    // Returned, never redirected with: the secret must not sit in a cookie or a URL.
    return data({ intent: 'create-token' as const, created: { name: created.name, token: created.token } });
  } catch (error) {
    const failure = callerFailure(error, ['name'] as const);
    if (!failure || failure.code === 'UNAUTHORIZED') throw error;
    return data(
      {
        intent: 'create-token' as const,
        nameError: failure.fieldErrors.name ?? failure.message,
        nameValue: values.name,
      },
      400,
    );
  }
}

async function revokeToken({ request, context, form }: FormArgs) {
  const tokenId = idSchema.safeParse(form.get('tokenId'));
  if (!tokenId.success) throw new Response('Which token? The form was incomplete.', { status: 400 });
  // The name is only for the sentences on screen; the id decides what is revoked.
  const name = textFields(form, ['name'] as const).name.slice(0, 100) || 'this token';
  if (form.get('confirmed') !== 'yes') {
    return data({ intent: 'revoke-token' as const, confirmRevoke: { tokenId: tokenId.data, name } });
  }
  try {
    await context.trpc.auth.revokeApiToken({ tokenId: tokenId.data });
  } catch (error) {
    const failure = callerFailure(error);
    if (!failure || failure.code === 'UNAUTHORIZED') throw error;
    return data({ intent: 'revoke-token' as const, error: failure.message }, 400);
  }
  return redirectWithFlash(request, '/account', {
    tone: 'success',
    text: `“${name}” is revoked. Scripts using it can no longer sign in.`,
  });
}
