/**
 * The course form as the "new course" page and the editor read it. Each field's rule
 * is the procedure's own (shared/fields/course); this module only turns the text boxes
 * into values: "2,5" hours into 2.5, "cells, genetics" into two tags.
 */
import { z } from 'zod';
import {
  categorySchema,
  courseDescriptionSchema,
  courseTitleSchema,
  difficultySchema,
  durationSchema,
  priceSchema,
  tagsSchema,
} from '../../shared/fields/course';

export const COURSE_FIELDS = [
  'title',
  'description',
  'category',
  'difficulty',
  'duration',
  'price',
  'tags',
] as const;
export type CourseField = (typeof COURSE_FIELDS)[number];

/** A number typed into a text box, with a decimal comma allowed; saying so when it is none. */
function typedNumber(empty: string, notANumber: string) {
  return z
    .string()
    .trim()
    .min(1, empty)
    .transform((text, context) => {
      const value = Number(text.replace(',', '.'));
      if (Number.isNaN(value)) context.addIssue({ code: 'custom', message: notANumber });
      return value;
    });
}

/** Comma-separated tags; blanks between commas are no tags. */
const typedTags = z.string().transform((text) => text.split(',').filter((tag) => tag.trim() !== ''));

export const courseSchema = z.object({
  title: courseTitleSchema,
  description: courseDescriptionSchema,
  category: categorySchema,
  difficulty: difficultySchema,
  duration: typedNumber(
    'Enter how many hours the course takes, like 4 or 2.5.',
    'Enter the length as a number of hours, like 4 or 2.5.',
  ).pipe(durationSchema),
  price: typedNumber(
    'Enter a price, or 0 for a free course.',
    'Enter the price as a number, like 49 or 0 for free.',
  ).pipe(priceSchema),
  tags: typedTags.pipe(tagsSchema),
});

/** A chosen file as the procedures take it; null when no file was chosen. */
export async function uploadOf(value: FormDataEntryValue | null) {
  if (!(value instanceof File) || value.size === 0 || !value.name) return null;
  return {
    fileName: value.name,
    mimeType: value.type || 'application/octet-stream',
    base64: Buffer.from(await value.arrayBuffer()).toString('base64'),
  };
}
