/**
 * Whether a course goes through review before it is published (decision 0040): when the
 * platform setting is on, or when the team it belongs to requires it. Those holding
 * `content.approve` on it publish it directly all the same; everyone else submits it.
 */
import type { Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import type { Access } from '../permissions/access';
import { mayApproveCourse } from '../policy';
import { unlessMissing } from '../rows';
import { getSettings } from '../settings/settings';
import type { CourseRecord } from './records';

/** What a course's review columns hold once no review is going on: published directly, or unpublished. */
export const NO_REVIEW_GOING_ON = { reviewStatus: null, reviewRequestedAt: null } as const;

export const REVIEW_FIRST =
  'This course is reviewed before it is published: submit it for review, and a reviewer will publish it.';

/** The platform setting, and the course's team when it has one: one or two backend calls. */
export async function reviewApplies(
  backend: Backend,
  course: Pick<CourseRecord, 'teamId'>,
): Promise<boolean> {
  const [settings, team] = await Promise.all([
    getSettings(backend),
    course.teamId ? unlessMissing(backend.teams.get(course.teamId), null) : null,
  ]);
  return settings.reviewBeforePublishing || (team?.requiresReview ?? false);
}

/** Whether `access` may publish the course without review: it does not apply, or they approve. */
export async function mayPublishWithoutReview(
  backend: Backend,
  access: Access,
  course: CourseRecord,
): Promise<boolean> {
  return (await mayApproveCourse(access, course)) || !(await reviewApplies(backend, course));
}

export async function requirePublishableWithoutReview(
  backend: Backend,
  access: Access,
  course: CourseRecord,
): Promise<void> {
  if (!(await mayPublishWithoutReview(backend, access, course)))
    throw new ServiceError('bad_request', REVIEW_FIRST);
}
