/**
 * The course and lesson forms' fields and their friendly validation, shared by the
 * "new course" page and the editors (server-only: zod stays out of the browser).
 */
import { data } from '@remix-run/node';
import { z } from 'zod';
import { DIFFICULTIES } from './courses';

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

const MAX_TAGS = 20;

function amount(empty: string, invalid: string, negative: string, max: number, tooMuch: string) {
  return z
    .string()
    .trim()
    .min(1, empty)
    .transform((value) => Number(value.replace(',', '.')))
    .pipe(z.number({ message: invalid }).min(0, negative).max(max, tooMuch));
}

export const courseSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Give the course a title.')
    .max(200, 'Keep the title to 200 characters or fewer.'),
  description: z
    .string()
    .trim()
    .min(1, 'Describe the course in a sentence or two: learners read it before they enroll.')
    .max(5000, 'Keep the description to 5,000 characters or fewer.'),
  category: z
    .string()
    .trim()
    .min(1, 'Give the course a category, such as “Biology” or “Programming”.')
    .max(100, 'Keep the category to 100 characters or fewer.'),
  difficulty: z.enum(DIFFICULTIES, { message: 'Choose a level: beginner, intermediate or advanced.' }),
  duration: amount(
    'Enter how many hours the course takes, like 4 or 2.5.',
    'Enter the length as a number of hours, like 4 or 2.5.',
    'The length can’t be negative.',
    10_000,
    'That’s longer than any course should be: 10,000 hours at most.',
  ),
  price: amount(
    'Enter a price, or 0 for a free course.',
    'Enter the price as a number, like 49 or 0 for free.',
    'The price can’t be negative. Enter 0 for a free course.',
    100_000,
    'Keep the price under 100,000.',
  ),
  tags: z
    .string()
    .transform((value) => [
      ...new Set(
        value
          .split(',')
          .map((tag) => tag.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(50, 'Keep each tag to 50 characters or fewer.'))
        .max(MAX_TAGS, `Use ${MAX_TAGS} tags or fewer.`),
    ),
});

export const LESSON_FIELDS = ['title', 'description', 'content'] as const;
export type LessonField = (typeof LESSON_FIELDS)[number];

export const lessonSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Give the lesson a title.')
    .max(200, 'Keep the title to 200 characters or fewer.'),
  description: z.string().trim().max(2000, 'Keep the summary to 2,000 characters or fewer.'),
  content: z.string().max(200_000, 'The lesson is too long: split it into two lessons.'),
});

export const idSchema = z.string().min(1).max(200);

/** Room for the other multipart fields and boundaries around the file itself. */
/** A chosen file as the procedures take it; null when no file was chosen. */
export async function uploadOf(value: FormDataEntryValue | null) {
  if (!(value instanceof File) || value.size === 0 || !value.name) return null;
  return {
    fileName: value.name,
    mimeType: value.type || 'application/octet-stream',
    base64: Buffer.from(await value.arrayBuffer()).toString('base64'),
  };
}

/** An action's "that didn't work" for the form as a whole, with a status. */
export function formProblem<I extends string>(intent: I, error: string, status = 400) {
  return data({ intent, error }, status);
}
