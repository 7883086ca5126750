/**
 * A lesson's text fields, one zod schema each, for the lesson procedures and the lesson
 * form alike. The lengths come from ./limits.
 */
import { z } from 'zod';
import { LESSON_LIMITS } from './limits';

export const lessonTitleSchema = z
  .string()
  .trim()
  .min(1, 'Give the lesson a title.')
  .max(LESSON_LIMITS.title, `A title is at most ${LESSON_LIMITS.title} characters.`);

export const lessonDescriptionSchema = z
  .string()
  .trim()
  .max(LESSON_LIMITS.description, `A summary is at most ${LESSON_LIMITS.description} characters.`);

export const lessonContentSchema = z
  .string()
  .max(
    LESSON_LIMITS.content,
    `The lesson is too long (${LESSON_LIMITS.content.toLocaleString('en-US')} characters at most): split it into two lessons.`,
  );
