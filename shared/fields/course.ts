/**
 * A course's fields, one zod schema each: the procedures build their inputs from
 * these, and the course forms add only the reading of their text boxes. The lengths
 * come from ./limits (the column sizes of `courses` and `course_tags`).
 */
import { z } from 'zod';
import { COURSE_LIMITS, DIFFICULTIES, REVIEW_DECISIONS } from './limits';

export const difficultySchema = z.enum(DIFFICULTIES, {
  error: 'Choose a level: beginner, intermediate or advanced.',
});

export const courseTitleSchema = z
  .string()
  .trim()
  .min(1, 'Give the course a title.')
  .max(COURSE_LIMITS.title, `A title is at most ${COURSE_LIMITS.title} characters.`);

export const courseDescriptionSchema = z
  .string()
  .trim()
  .min(1, 'Describe the course in a sentence or two: learners read it before they enroll.')
  .max(COURSE_LIMITS.description, `A description is at most ${COURSE_LIMITS.description} characters.`);

export const categorySchema = z
  .string()
  .trim()
  .min(1, 'Give the course a category, such as “Biology” or “Programming”.')
  .max(COURSE_LIMITS.category, `A category is at most ${COURSE_LIMITS.category} characters.`);

/** Trimmed and lower-cased, so "SQL" and " sql" are one tag. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'A tag cannot be empty.')
  .max(COURSE_LIMITS.tag, `A tag is at most ${COURSE_LIMITS.tag} characters.`);

/** Counted after duplicates are dropped: "sql, SQL" is one tag. */
export const tagsSchema = z
  .array(tagSchema)
  .transform((tags) => [...new Set(tags)])
  .pipe(z.array(z.string()).max(COURSE_LIMITS.tags, `A course has at most ${COURSE_LIMITS.tags} tags.`));

export const unpublishReasonSchema = z
  .string()
  .trim()
  .max(COURSE_LIMITS.unpublishReason, `A reason is at most ${COURSE_LIMITS.unpublishReason} characters.`);

/** A reviewer's words to the author; required when changes are requested (decision 0040). */
export const reviewCommentSchema = z
  .string()
  .trim()
  .max(COURSE_LIMITS.reviewComment, `A comment is at most ${COURSE_LIMITS.reviewComment} characters.`);

export const reviewDecisionSchema = z.enum(REVIEW_DECISIONS, {
  error: 'Decide: approve (publish it) or changes (send it back with a comment).',
});

/** A reviewer's decision and comment, as the review form and `course.review` take them. */
export const reviewDecisionFieldsSchema = z
  .object({ decision: reviewDecisionSchema, comment: reviewCommentSchema.default('') })
  .refine((review) => review.decision === 'approve' || review.comment.length > 0, {
    path: ['comment'],
    message: 'Say what should change: the author reads your comment.',
  });

export const durationSchema = z
  .number({ error: 'Give the length as a number of hours, like 4 or 2.5.' })
  .min(0, 'The length can’t be negative.')
  .max(
    COURSE_LIMITS.duration,
    `That’s longer than any course should be: ${COURSE_LIMITS.duration.toLocaleString('en-US')} hours at most.`,
  );

export const priceSchema = z
  .number({ error: 'Give the price as a number, like 49, or 0 for free.' })
  .min(0, 'The price can’t be negative. Use 0 for a free course.')
  .max(COURSE_LIMITS.price, `The price is at most ${COURSE_LIMITS.price.toLocaleString('en-US')}.`);
