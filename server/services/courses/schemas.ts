/**
 * The shapes of course and lesson input, checked the same way wherever they arrive:
 * procedure inputs and the demo seeding. Each field's rule lives once in shared/fields
 * (the forms use the same ones); this module only puts them together.
 */
import { z } from 'zod';
import {
  categorySchema,
  courseDescriptionSchema,
  courseTitleSchema,
  difficultySchema,
  durationSchema,
  priceSchema,
  tagSchema,
  tagsSchema,
} from '../../../shared/fields/course';
import { idSchema } from '../../../shared/fields/ids';
import {
  lessonContentSchema,
  lessonDescriptionSchema,
  lessonTitleSchema,
} from '../../../shared/fields/lesson';
import { searchSchema } from '../../../shared/fields/search';

const courseFieldShapes = {
  title: courseTitleSchema,
  description: courseDescriptionSchema,
  category: categorySchema,
  difficulty: difficultySchema,
  duration: durationSchema,
  price: priceSchema,
};

export const courseFieldsSchema = z.object({ ...courseFieldShapes, tags: tagsSchema.default([]) });
export type CourseFields = z.output<typeof courseFieldsSchema>;

/** Any of the fields; an absent one stays as it is (no defaults here, unlike creation). */
export const courseChangesSchema = z.object({ ...courseFieldShapes, tags: tagsSchema }).partial();
export type CourseChanges = z.output<typeof courseChangesSchema>;

/** A file as the browser sends it; what it really is gets decided from its bytes. */
export function uploadSchema(maxBytes: number) {
  return z.object({
    fileName: z
      .string()
      .trim()
      .min(1, 'The file needs a name.')
      .max(255, 'File names are at most 255 characters.'),
    mimeType: z.string().max(127),
    // Base64 needs 4 characters per 3 bytes (plus a little slack for line breaks).
    base64: z.string().max(Math.ceil(maxBytes / 3) * 4 + 1024, 'The file is too large.'),
  });
}
export type Upload = z.output<ReturnType<typeof uploadSchema>>;

export const lessonFieldsSchema = z.object({
  title: lessonTitleSchema,
  description: lessonDescriptionSchema.default(''),
  content: lessonContentSchema.default(''),
  isPreview: z.boolean().default(false),
});
export type LessonFields = z.output<typeof lessonFieldsSchema>;

export const lessonChangesSchema = z
  .object({
    title: lessonTitleSchema,
    description: lessonDescriptionSchema,
    content: lessonContentSchema,
    isPreview: z.boolean(),
  })
  .partial();
export type LessonChanges = z.output<typeof lessonChangesSchema>;

export const courseIdInput = z.object({ courseId: idSchema });
export const lessonIdInput = z.object({ lessonId: idSchema });

export const CATALOG_DEFAULT_LIMIT = 12;
/** The catalog's free-text filters take the fields' own rules (the catalog page sizes its inputs from them). */
export const catalogQuerySchema = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(50).default(CATALOG_DEFAULT_LIMIT),
  search: searchSchema.optional(),
  category: categorySchema.optional(),
  difficulty: difficultySchema.optional(),
  tag: tagSchema.optional(),
  price: z.enum(['free', 'paid']).optional(),
  sort: z.enum(['newest', 'title']).default('newest'),
});
export type CatalogQuery = z.output<typeof catalogQuerySchema>;
