/**
 * The course editor's forms, one per `intent`. Each redirects with a flash on success
 * (Post/Redirect/Get) or returns what the page shows: field errors, a refusal in the
 * server's words, or the confirmation step of a deletion.
 */
import { data, type AppLoadContext } from '@remix-run/node';
import { idSchema } from '../../../shared/fields/ids';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import { COURSE_FIELDS, courseSchema, uploadOf } from '~/lib/course-form.server';
import { readForm } from '~/lib/forms.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFailure, redirectToSignIn, textFields, validate } from '~/lib/forms.server';

type Args = { request: Request; context: AppLoadContext; courseId: string };

const TOO_LARGE = 'That picture is larger than 1 MB. Export it smaller (1920×1080 at most) and try again.';

export async function courseEditorAction({ request, context, courseId }: Args) {
  const form = await readForm(request, { maxBytes: UPLOAD_MAX_BYTES.thumbnail, tooLarge: TOO_LARGE });
  if (form instanceof Error) return data({ intent: 'thumbnail', error: form.message }, 413);
  const here = `/teach/courses/${courseId}`;
  const intent = String(form.get('intent') ?? '');
  const flash = (text: string) => redirectWithFlash(request, here, { tone: 'success', text });
  try {
    switch (intent) {
      case 'save': {
        const values = textFields(form, COURSE_FIELDS);
        const checked = validate(courseSchema, values);
        if (!checked.ok)
          return data({ intent, fieldErrors: checked.fieldErrors, values, error: undefined }, 400);
        try {
          await context.trpc.course.update({ courseId, ...checked.data });
        } catch (error) {
          const failure = callerFailure(error, COURSE_FIELDS);
          if (!failure || ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(failure.code)) throw error;
          const fieldErrors = failure.fieldErrors;
          const formError = Object.keys(fieldErrors).length > 0 ? undefined : failure.message;
          return data({ intent, fieldErrors, values, error: formError }, 400);
        }
        return await flash('Your changes are saved.');
      }
      case 'thumbnail': {
        const thumbnail = await uploadOf(form.get('thumbnail'));
        if (!thumbnail) return data({ intent, error: 'Choose a picture to upload.' }, 400);
        await context.trpc.course.update({ courseId, thumbnail });
        return await flash('The new cover picture is up.');
      }
      case 'remove-thumbnail':
        await context.trpc.course.update({ courseId, thumbnail: null });
        return await flash('The cover picture is removed.');
      case 'move': {
        const lessonId = lessonIdOf(form);
        const step = form.get('direction') === 'up' ? -1 : 1;
        const course = await context.trpc.course.get({ courseId });
        const ids = course.lessons.map((lesson) => lesson.id);
        const from = ids.indexOf(lessonId);
        const to = from + step;
        if (from < 0 || to < 0 || to >= ids.length)
          return data({ intent, error: 'That lesson can’t move further.' }, 400);
        [ids[from], ids[to]] = [ids[to] ?? '', ids[from] ?? ''];
        await context.trpc.lesson.reorder({ courseId, lessonIds: ids });
        const title = course.lessons[from]?.title ?? 'The lesson';
        return await flash(`“${title.slice(0, 200)}” moved ${step < 0 ? 'up' : 'down'}.`);
      }
      case 'team': {
        const chosen = String(form.get('teamId') ?? '');
        const teamId = chosen === '' ? null : idSchema.safeParse(chosen).data;
        if (teamId === undefined) return data({ intent, error: 'Choose a team from the list.' }, 400);
        await context.trpc.course.setTeam({ courseId, teamId });
        return await flash(
          teamId === null ? 'The course belongs to no team now.' : 'The course’s team is saved.',
        );
      }
      case 'publish':
        await context.trpc.course.publish({ courseId });
        return await flash('Your course is published: it’s in the catalog now.');
      case 'submit-review':
        await context.trpc.course.submitForReview({ courseId });
        return await flash(
          'Your course is submitted for review: a reviewer will publish it or ask for changes.',
        );
      case 'unpublish':
        await context.trpc.course.unpublish({ courseId });
        return await flash(
          'Your course is unpublished: it’s hidden from the catalog. Enrolled learners keep access.',
        );
      case 'delete': {
        if (form.get('confirmed') !== 'yes') return data({ intent, confirm: { kind: 'course' as const } });
        await context.trpc.course.delete({ courseId });
        return await redirectWithFlash(request, '/teach', {
          tone: 'success',
          text: 'The course is deleted.',
        });
      }
      case 'delete-lesson': {
        const lessonId = lessonIdOf(form);
        const title = String(form.get('title') ?? '').slice(0, 200) || 'this lesson';
        if (form.get('confirmed') !== 'yes')
          return data({ intent, confirm: { kind: 'lesson' as const, lessonId, title } });
        await context.trpc.lesson.delete({ lessonId });
        return await flash(`“${title}” is deleted.`);
      }
      default:
        throw new Response('That form isn’t one this page knows.', { status: 400 });
    }
  } catch (error) {
    const failure = callerFailure(error);
    if (failure?.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    if (failure?.code === 'FORBIDDEN') throw new Response(failure.message, { status: 403 });
    if (failure?.code === 'NOT_FOUND') throw new Response(failure.message, { status: 404 });
    // Publishing without lessons, a picture that is too big: the server's words, on the page.
    if (failure) return data({ intent, error: failure.message }, 400);
    throw error;
  }
}

function lessonIdOf(form: FormData): string {
  const lessonId = idSchema.safeParse(form.get('lessonId'));
  if (!lessonId.success) throw new Response('Which lesson? The form was incomplete.', { status: 400 });
  return lessonId.data;
}
