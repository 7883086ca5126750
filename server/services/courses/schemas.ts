/**
 * The shapes of course and lesson input, checked the same way wherever they arrive:
 * procedure inputs and the demo seeding.
 */
import { z } from 'zod';
import { idSchema } from '../identity/schemas';

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const difficultySchema = z.enum(DIFFICULTIES, {
  error: 'Difficulty must be beginner, intermediate or advanced.',
});

export const MAX_TAGS = 10;

/** Tags are trimmed, lower-cased and de-duplicated, so "SQL" and " sql" are one tag. */
export const tagsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'A tag cannot be empty.')
      .max(32, 'A tag is at most 32 characters.'),
  )
  .max(MAX_TAGS, `A course has at most ${MAX_TAGS} tags.`)
  .transform((tags) => [...new Set(tags)]);

const courseFieldShapes = {
  title: z.string().trim().min(1, 'Give the course a title.').max(200, 'A title is at most 200 characters.'),
  description: z
    .string()
    .trim()
    .min(1, 'Describe the course in a few words.')
    .max(5000, 'A description is at most 5000 characters.'),
  category: z.string().trim().min(1, 'Choose a category.').max(64, 'A category is at most 64 characters.'),
  difficulty: difficultySchema,
  duration: z.number().min(0, 'Duration cannot be negative.').max(10000, 'Duration is at most 10000 hours.'),
  price: z.number().min(0, 'Price cannot be negative.').max(100000, 'Price is at most 100000.'),
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
  title: z.string().trim().min(1, 'Give the lesson a title.').max(200, 'A title is at most 200 characters.'),
  description: z.string().trim().max(2000, 'A description is at most 2000 characters.').default(''),
  content: z.string().max(100000, 'Lesson content is at most 100000 characters.').default(''),
  isPreview: z.boolean().default(false),
});
export type LessonFields = z.output<typeof lessonFieldsSchema>;

export const lessonChangesSchema = z
  .object({
    title: lessonFieldsSchema.shape.title,
    description: z.string().trim().max(2000, 'A description is at most 2000 characters.'),
    content: z.string().max(100000, 'Lesson content is at most 100000 characters.'),
    isPreview: z.boolean(),
  })
  .partial();
export type LessonChanges = z.output<typeof lessonChangesSchema>;

export const courseIdInput = z.object({ courseId: idSchema });
export const lessonIdInput = z.object({ lessonId: idSchema });

export const CATALOG_DEFAULT_LIMIT = 12;
/** The catalog's free-text filters (the catalog page sizes its inputs to match). */
const CATALOG_TEXT_LIMITS = { search: 200, category: 64, tag: 32 } as const;
export const catalogQuerySchema = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(50).default(CATALOG_DEFAULT_LIMIT),
  search: z
    .string()
    .trim()
    .max(CATALOG_TEXT_LIMITS.search, `Search for at most ${CATALOG_TEXT_LIMITS.search} characters.`)
    .optional(),
  category: z
    .string()
    .trim()
    .min(1)
    .max(CATALOG_TEXT_LIMITS.category, `A category is at most ${CATALOG_TEXT_LIMITS.category} characters.`)
    .optional(),
  difficulty: difficultySchema.optional(),
  tag: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(CATALOG_TEXT_LIMITS.tag, `A tag is at most ${CATALOG_TEXT_LIMITS.tag} characters.`)
    .optional(),
  price: z.enum(['free', 'paid']).optional(),
  sort: z.enum(['newest', 'title']).default('newest'),
});
export type CatalogQuery = z.output<typeof catalogQuerySchema>;
