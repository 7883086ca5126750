import { Form } from '@remix-run/react';
import { ErrorSummary } from '../forms/ErrorSummary';
import { FormField, TextField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { RichTextEditor } from './RichTextEditor';
import { LESSON_LIMITS } from '../../../shared/fields/limits';
import { firstInvalid, summaryItems, type FieldMessages } from '~/lib/form-state';

export interface LessonValues {
  title: string;
  description: string;
  content: string;
  isPreview: boolean;
}

const ORDER = ['title', 'description', 'content'] as const;
const IDS = { title: 'lesson-title', description: 'lesson-description', content: 'lesson-content' };

/**
 * A lesson's words: title, summary, preview flag and the rich-text notes. "Preview"
 * posts the same fields with intent=preview, so it works with and without JavaScript
 * and nothing is saved until "Save lesson".
 */
export function LessonForm({
  values,
  fieldErrors,
  formError,
  attempt,
  submitLabel,
}: {
  values: LessonValues;
  fieldErrors?: FieldMessages;
  formError?: string;
  attempt?: unknown;
  submitLabel: string;
}) {
  const first = firstInvalid(fieldErrors, ORDER);
  return (
    <Form method="post" noValidate className="form-stack lesson-form">
      <ErrorSummary items={summaryItems(fieldErrors, IDS, formError)} focusKey={attempt} />
      <TextField
        id={IDS.title}
        name="title"
        label="Title"
        defaultValue={values.title}
        error={fieldErrors?.title}
        maxLength={LESSON_LIMITS.title}
        autoFocus={first === 'title'}
      />
      <FormField
        id={IDS.description}
        label="Summary"
        hint="One or two sentences shown under the title."
        optional
        error={fieldErrors?.description}
      >
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={2}
            className="input textarea textarea--short"
            defaultValue={values.description}
          />
        )}
      </FormField>
      <div className="checkbox-field">
        <input
          id="lesson-preview"
          type="checkbox"
          name="isPreview"
          value="yes"
          defaultChecked={values.isPreview}
          aria-describedby="lesson-preview-hint"
        />
        <div>
          <label htmlFor="lesson-preview" className="field__label">
            Free preview
          </label>
          <p id="lesson-preview-hint" className="field__hint">
            Anyone can open a preview lesson from the course page, without enrolling.
          </p>
        </div>
      </div>
      <RichTextEditor
        id={IDS.content}
        name="content"
        label="Lesson notes"
        defaultValue={values.content}
        error={fieldErrors?.content}
        hint="Headings, lists, links, code and pictures. Ctrl+B bold, Ctrl+I italic, Ctrl+K link."
      />
      <div className="form-actions">
        <SubmitButton name="intent" value="save" pendingLabel="Saving…" pendingWhen={{ intent: 'save' }}>
          {submitLabel}
        </SubmitButton>
        <SubmitButton
          name="intent"
          value="preview"
          tone="secondary"
          pendingLabel="Preparing preview…"
          pendingWhen={{ intent: 'preview' }}
        >
          Preview
        </SubmitButton>
      </div>
    </Form>
  );
}

/**
 * The notes as learners will see them, in a sandboxed frame: no scripts, forms or
 * navigation can run from it, whatever was typed, and it inherits the page's CSP.
 */
export function LessonPreview({ html, stylesheets }: { html: string; stylesheets: string[] }) {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  const doc = `<!doctype html><html><head><meta charset="utf-8">${links}</head><body class="preview-doc"><div class="prose">${html}</div></body></html>`;
  return (
    <section className="preview-panel" aria-labelledby="preview-title">
      <div className="preview-panel__head">
        <h2 id="preview-title" tabIndex={-1}>
          Preview
        </h2>
        <p className="muted">As learners will see it. Nothing is saved until you press “Save lesson”.</p>
      </div>
      <iframe className="preview-panel__frame" title="Lesson preview" sandbox="" srcDoc={doc} />
    </section>
  );
}
