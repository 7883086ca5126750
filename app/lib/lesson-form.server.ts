/**
 * The lesson form's save and preview, shared by "new lesson" and the lesson editor
 * (server-only). Its fields take the procedure's own rules (shared/fields/lesson).
 */
import { data } from '@remix-run/node';
import { z } from 'zod';
import { lessonContentSchema, lessonDescriptionSchema, lessonTitleSchema } from '../../shared/fields/lesson';
import { callerFailure, textFields, validate, type FieldErrors } from './forms.server';

export const LESSON_FIELDS = ['title', 'description', 'content'] as const;
type LessonField = (typeof LESSON_FIELDS)[number];

/** Text boxes are strings already: the form adds nothing to the procedure's rules. */
export const lessonSchema = z.object({
  title: lessonTitleSchema,
  description: lessonDescriptionSchema,
  content: lessonContentSchema,
});

export interface LessonInput {
  title: string;
  description: string;
  content: string;
  isPreview: boolean;
}

type Result = {
  intent: 'save' | 'preview';
  values: LessonInput;
  fieldErrors: FieldErrors<LessonField>;
  error?: string;
  previewHtml?: string;
};

interface LessonFormHandlers {
  /** The content sanitized as a save would (`lesson.previewContent`). */
  preview: (content: string) => Promise<string>;
  save: (input: LessonInput) => Promise<Response>;
}

/**
 * intent=preview returns the typed values and the server-sanitized HTML, shown in a
 * sandboxed frame; intent=save validates, calls `save` and returns its response (a
 * redirect), or the errors.
 */
export async function lessonFormAction(form: FormData, { preview, save }: LessonFormHandlers) {
  const values = { ...textFields(form, LESSON_FIELDS), isPreview: form.get('isPreview') === 'yes' };
  if (form.get('intent') === 'preview') {
    const previewHtml = await preview(values.content);
    return data<Result>({ intent: 'preview', values, fieldErrors: {}, previewHtml });
  }
  const checked = validate(lessonSchema, textFields(form, LESSON_FIELDS));
  if (!checked.ok) return data<Result>({ intent: 'save', values, fieldErrors: checked.fieldErrors }, 400);
  try {
    return await save({ ...checked.data, isPreview: values.isPreview });
  } catch (error) {
    const failure = callerFailure(error, LESSON_FIELDS);
    if (!failure || ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(failure.code)) throw error;
    const fieldErrors = failure.fieldErrors;
    const formError = Object.keys(fieldErrors).length > 0 ? undefined : failure.message;
    return data<Result>({ intent: 'save', values, fieldErrors, error: formError }, 400);
  }
}
