/**
 * A lesson's text fields, one zod schema each, for the lesson procedures and the lesson
 * form alike. The lengths come from ./limits.
 */
import { z } from 'zod';
import { LESSON_LIMITS, VIDEO_MAX_SECONDS } from './limits';

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

/** Seconds, when no YouTube API key can tell the video's length. */
export const videoDurationSchema = z
  .number()
  .int('Give the length in whole seconds.')
  .min(1, 'A video is at least one second long.')
  .max(VIDEO_MAX_SECONDS, 'Videos of more than 24 hours are not supported.');

export const youtubeLinkSchema = z
  .string()
  .trim()
  .min(1, 'Paste the link of a YouTube video.')
  .max(LESSON_LIMITS.videoLink, `A link is at most ${LESSON_LIMITS.videoLink} characters.`);
