/** The lesson editor's forms: save, preview, the video, and the attachments (add, replace, remove). */
import { data, redirect, type AppLoadContext } from '@remix-run/node';
import { idSchema } from '../../../shared/fields/ids';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import { ATTACHMENT_TOO_LARGE } from '~/lib/courses';
import { uploadOf } from '~/lib/course-form.server';
import { readForm } from '~/lib/forms.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, redirectToSignIn } from '~/lib/forms.server';
import { lessonFormAction } from '~/lib/lesson-form.server';
import { videoAction } from './video-actions.server';

type Args = { request: Request; context: AppLoadContext; courseId: string; lessonId: string };

/** The upload form's one-time key (see the loader); anything else is treated as no key. */
const uploadKeyOf = (value: FormDataEntryValue | null) =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;

export async function lessonEditorAction({ request, context, courseId, lessonId }: Args) {
  const form = await readForm(request, {
    maxBytes: UPLOAD_MAX_BYTES.attachment,
    tooLarge: ATTACHMENT_TOO_LARGE,
  });
  if (form instanceof Error) {
    return data(
      { intent: 'add-attachment' as const, fileError: { attachmentId: null, message: form.message } },
      413,
    );
  }
  const here = `/teach/courses/${courseId}/lessons/${lessonId}`;
  const intent = String(form.get('intent') ?? '');
  const flash = (text: string) => redirectWithFlash(request, here, { tone: 'success', text });
  try {
    switch (intent) {
      case 'save':
      case 'preview':
        return await lessonFormAction(form, {
          preview: async (content) => (await context.trpc.lesson.previewContent({ content })).html,
          save: async (input) => {
            await context.trpc.lesson.update({ lessonId, ...input });
            return flash('The lesson is saved.');
          },
        });
      case 'add-attachment':
      case 'replace-attachment': {
        const attachmentId =
          intent === 'replace-attachment' ? idSchema.safeParse(form.get('attachmentId')).data : undefined;
        if (intent === 'replace-attachment' && !attachmentId)
          throw new Response('Which file?', { status: 400 });
        const file = await uploadOf(form.get('file'));
        if (!file) {
          return data(
            {
              intent,
              fileError: { attachmentId: attachmentId ?? null, message: 'Choose a file to upload.' },
            },
            400,
          );
        }
        const uploadKey = uploadKeyOf(form.get('uploadKey'));
        try {
          if (attachmentId)
            await context.trpc.lesson.replaceAttachment({ lessonId, attachmentId, file, uploadKey });
          else await context.trpc.lesson.addAttachment({ lessonId, file, uploadKey });
        } catch (error) {
          const failure = callerFailure(error);
          if (!failure || ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(failure.code)) throw error;
          return data(
            { intent, fileError: { attachmentId: attachmentId ?? null, message: failure.message } },
            400,
          );
        }
        return await flash(
          attachmentId ? `A new version of the file is up.` : `“${file.fileName.slice(0, 200)}” is attached.`,
        );
      }
      case 'remove-attachment': {
        const attachmentId = idSchema.safeParse(form.get('attachmentId')).data;
        if (!attachmentId) throw new Response('Which file?', { status: 400 });
        const name = String(form.get('name') ?? '').slice(0, 200) || 'the file';
        if (form.get('confirmed') !== 'yes') return data({ intent, confirmRemove: { attachmentId, name } });
        await context.trpc.lesson.removeAttachment({ lessonId, attachmentId });
        return await flash(`“${name}” is removed.`);
      }
      case 'check-video':
      case 'check-current-video':
      case 'save-video':
        return await videoAction(intent, form, context, lessonId, flash);
      case 'remove-video': {
        if (form.get('confirmed') !== 'yes') return data({ intent, confirmRemoveVideo: true });
        await context.trpc.lesson.removeVideo({ lessonId });
        return await flash('The video is removed from this lesson.');
      }
      case 'delete': {
        if (form.get('confirmed') !== 'yes') return data({ intent, confirmDelete: true });
        await context.trpc.lesson.delete({ lessonId });
        return await redirectWithFlash(request, `/teach/courses/${courseId}`, {
          tone: 'success',
          text: 'The lesson is deleted.',
        });
      }
      default:
        throw new Response('That form isn’t one this page knows.', { status: 400 });
    }
  } catch (error) {
    const failure = callerFailure(error);
    if (failure?.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    if (failure?.code === 'FORBIDDEN') throw new Response(failure.message, { status: 403 });
    if (failure?.code === 'NOT_FOUND') throw redirect(`/teach/courses/${courseId}`);
    throw error;
  }
}
