import { Form } from '@remix-run/react';
import { ErrorSummary } from '../forms/ErrorSummary';
import { FormField, TextField } from '../forms/FormField';
import { SubmitButton } from '../forms/SubmitButton';
import { COURSE_LIMITS, DIFFICULTIES } from '../../../shared/fields/limits';
import { DIFFICULTY_LABEL } from '~/lib/courses';
import { firstInvalid, summaryItems, type FieldMessages } from '~/lib/form-state';

export interface CourseValues {
  title: string;
  description: string;
  category: string;
  difficulty: string;
  duration: string;
  price: string;
  tags: string;
}

const ORDER = ['title', 'description', 'category', 'difficulty', 'duration', 'price', 'tags'] as const;

export const EMPTY_COURSE: CourseValues = {
  title: '',
  description: '',
  category: '',
  difficulty: 'beginner',
  duration: '',
  price: '0',
  tags: '',
};

/** The course's details: used to create a course and, in the editor, to change one. */
export function CourseForm({
  values,
  fieldErrors,
  formError,
  submitLabel,
  pendingLabel,
  attempt,
}: {
  values: CourseValues;
  fieldErrors?: FieldMessages;
  formError?: string;
  submitLabel: string;
  pendingLabel: string;
  attempt?: unknown;
}) {
  const ids = Object.fromEntries(ORDER.map((name) => [name, `course-${name}`]));
  const first = firstInvalid(fieldErrors, ORDER);
  return (
    <Form method="post" noValidate className="form-stack course-form">
      <ErrorSummary items={summaryItems(fieldErrors, ids, formError)} focusKey={attempt} />
      <input type="hidden" name="intent" value="save" />
      <TextField
        id="course-title"
        name="title"
        label="Title"
        defaultValue={values.title}
        error={fieldErrors?.title}
        maxLength={COURSE_LIMITS.title}
        autoFocus={first === 'title'}
      />
      <FormField
        id="course-description"
        label="Description"
        hint="What learners will be able to do afterwards. Shown in the catalog and on the course page."
        error={fieldErrors?.description}
      >
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={4}
            className="input textarea"
            defaultValue={values.description}
            autoFocus={first === 'description'}
          />
        )}
      </FormField>
      <div className="form-grid">
        <TextField
          id="course-category"
          name="category"
          label="Category"
          hint="One subject, like Biology."
          defaultValue={values.category}
          error={fieldErrors?.category}
          maxLength={COURSE_LIMITS.category}
          autoFocus={first === 'category'}
        />
        <FormField id="course-difficulty" label="Level" error={fieldErrors?.difficulty}>
          {(control) => (
            <select
              {...control}
              name="difficulty"
              className="input select"
              defaultValue={values.difficulty}
              autoFocus={first === 'difficulty'}
            >
              {DIFFICULTIES.map((level) => (
                <option key={level} value={level}>
                  {DIFFICULTY_LABEL[level]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <TextField
          id="course-duration"
          name="duration"
          label="Length (hours)"
          inputMode="decimal"
          defaultValue={values.duration}
          error={fieldErrors?.duration}
          autoFocus={first === 'duration'}
        />
        <TextField
          id="course-price"
          name="price"
          label="Price (USD)"
          hint="0 makes it free. Prices are shown, but Aurora takes no payments yet: learners request access and you approve them on the Students page."
          inputMode="decimal"
          defaultValue={values.price}
          error={fieldErrors?.price}
          autoFocus={first === 'price'}
        />
      </div>
      <TextField
        id="course-tags"
        name="tags"
        label="Tags"
        hint="Separated by commas, like: cells, genetics, lab skills."
        optional
        defaultValue={values.tags}
        error={fieldErrors?.tags}
        autoFocus={first === 'tags'}
      />
      <div className="form-actions">
        <SubmitButton pendingLabel={pendingLabel} pendingWhen={{ intent: 'save' }}>
          {submitLabel}
        </SubmitButton>
      </div>
    </Form>
  );
}
