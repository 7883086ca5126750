/**
 * How each row of the authorization matrix (./policy.ts) is called: the records it is
 * given (./world.ts) and valid input, so the answer depends on the persona alone.
 */
import { randomUUID } from 'node:crypto';
import { courseFields, pdfUpload } from '../helpers/courses';
import { TEST_PASSWORD } from '../helpers/services';
import type { Caller } from '../../server/trpc/root';
import type { RowName } from './policy';
import type { Fixture, World } from './world';

export interface RowCall {
  fixture: Fixture;
  call: (caller: Caller, world: World) => Promise<unknown>;
  /** The call ends the caller's session (signing in again, out, or in as someone else): give it its own. */
  endsSession?: boolean;
}

const on = (fixture: Fixture, call: RowCall['call']): RowCall => ({ fixture, call });
const endingSession = (fixture: Fixture, call: RowCall['call']): RowCall => ({
  fixture,
  call,
  endsSession: true,
});

/** validateAccess answers rather than refuses: its refusals counted as the codes they stand for. */
async function answered(promise: Promise<{ allowed: boolean; reason: string }>): Promise<unknown> {
  const answer = await promise;
  if (answer.allowed) return answer;
  const code = { sign_in: 'UNAUTHORIZED', enroll: 'FORBIDDEN', not_published: 'FORBIDDEN' }[answer.reason];
  throw Object.assign(new Error(answer.reason), { code: code ?? `refused: ${answer.reason}` });
}

let n = 0;
const LINK = 'https://youtu.be/Hn4BaNwe7Qs';
type Call = RowCall['call'];
const course = (w: World) => ({ courseId: w.course.courseId });
const lesson = (w: World) => ({ lessonId: w.course.lessonId });
const preview = (w: World) => ({ lessonId: w.course.previewLessonId });
const attachment = (w: World) => ({ ...lesson(w), attachmentId: w.course.attachmentId });

// Calls made in more than one situation: a row each.
const getCourse: Call = (c, w) => c.course.get(course(w));
const publish: Call = (c, w) => c.course.publish(course(w));
const outOfTeam: Call = (c, w) => c.course.setTeam({ ...course(w), teamId: null });
const teamChoices: Call = (c, w) => c.course.teamChoices(course(w));
const reviewState: Call = (c, w) => c.course.reviewState(course(w));
const getLesson: Call = (c, w) => c.lesson.get(lesson(w));
const getPreview: Call = (c, w) => c.lesson.get(preview(w));
const setVideo: Call = (c, w) => c.lesson.setVideo({ ...lesson(w), youtubeUrl: LINK, videoDuration: 300 });
const students: Call = (c, w) => c.enrollment.students(course(w));
const accessRequests: Call = (c, w) => c.enrollment.accessRequests(course(w));
const videoAccess: Call = (c, w) => c.video.requestAccess(lesson(w));
const validatePreview: Call = (c, w) => answered(c.video.validateAccess(preview(w)));

export const CALLS: Record<RowName, RowCall> = {
  health: on('nothing', (c) => c.health()),
  'auth.register': endingSession('nothing', (c) =>
    c.auth.register({ email: `persona-${++n}@example.test`, password: 'long enough', name: 'New' }),
  ),
  'auth.login': endingSession('someone', (c, w) =>
    c.auth.login({ email: w.someone.email, password: TEST_PASSWORD }),
  ),
  'auth.logout': endingSession('nothing', (c) => c.auth.logout()),
  'auth.me': on('nothing', (c) => c.auth.me()),
  'auth.permissions': on('nothing', (c) => c.auth.permissions()),
  'auth.resetPassword': endingSession('invitation', (c, w) =>
    c.auth.resetPassword({ token: w.resetToken, password: 'a new password' }),
  ),
  'auth.changePassword': endingSession('own password', (c) =>
    c.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'a changed password' }),
  ),
  'auth.requestPasswordReset': on('nothing', (c) =>
    // A fresh address each call, so the per-address limit never answers for a persona.
    c.auth.requestPasswordReset({ email: `someone-${randomUUID()}@aurora.test` }),
  ),
  'auth.updateProfile': on('nothing', (c) => c.auth.updateProfile({ bio: 'Hello' })),
  'auth.createApiToken': on('nothing', (c) => c.auth.createApiToken({ name: 'script' })),
  'auth.listApiTokens': on('nothing', (c) => c.auth.listApiTokens()),
  'auth.revokeApiToken': on('api token', (c, w) => c.auth.revokeApiToken({ tokenId: w.apiTokenId })),

  'users.list': on('nothing', (c) => c.users.list()),
  'users.setRole': on('someone', (c, w) => c.users.setRole({ userId: w.someone.id, role: 'instructor' })),
  'users.setOrgRole': on('someone', (c, w) =>
    c.users.setOrgRole({ userId: w.someone.id, orgRole: 'viewer' }),
  ),
  'users.setOrgRole (owner)': on('someone', (c, w) =>
    c.users.setOrgRole({ userId: w.someone.id, orgRole: 'owner' }),
  ),
  'users.delete': on('someone', (c, w) => c.users.delete({ userId: w.someone.id })),
  'users.invite': on('nothing', (c) =>
    c.users.invite({ name: 'Newcomer', email: `newcomer-${++n}@example.test`, role: 'regular' }),
  ),
  'mail.list': on('nothing', (c) => c.mail.list()),
  'mail.get': on('mail', (c, w) => c.mail.get({ messageId: w.messageId })),
  'jobs.status': on('nothing', (c) => c.jobs.status()),
  'video.securityLog': on('nothing', (c, w) => c.video.securityLog({ userId: w.learnerId })),
  'settings.get': on('nothing', (c) => c.settings.get()),
  // Off, as it was: only authorization can answer, and later rows see the default.
  'settings.update': on('nothing', (c) => c.settings.update({ reviewBeforePublishing: false })),

  'team.list': on('team', (c) => c.team.list()),
  'team.get': on('team', (c, w) => c.team.get({ teamId: w.teamId })),
  'team.candidates': on('team', (c, w) => c.team.candidates({ teamId: w.teamId, search: 'a' })),
  'team.create': on('team', (c) =>
    c.team.create({ name: `Created ${++n}`, description: 'New', permissions: ['students.view'] }),
  ),
  'team.create (students.grade)': on('team', (c) =>
    c.team.create({
      name: `Graders ${++n}`,
      description: '',
      permissions: ['courses.modify', 'students.grade'],
    }),
  ),
  'team.update': on('team', (c, w) =>
    c.team.update({ teamId: w.teamId, name: `Renamed ${++n}`, permissions: ['courses.modify'] }),
  ),
  'team.delete': on('team', (c, w) => c.team.delete({ teamId: w.teamId })),
  'team.addMember': on('team', (c, w) => c.team.addMember({ teamId: w.teamId, userId: w.newcomerId })),
  'team.removeMember': on('team', (c, w) => c.team.removeMember({ teamId: w.teamId, userId: w.memberId })),
  'team.setMemberRole': on('team', (c, w) =>
    c.team.setMemberRole({ teamId: w.teamId, userId: w.memberId, role: 'lead' }),
  ),

  'course.list': on('nothing', (c) => c.course.list()),
  'course.categories': on('nothing', (c) => c.course.categories()),
  'course.get': on('course', getCourse),
  'course.get (draft)': on('draft', getCourse),
  'course.mine': on('nothing', (c) => c.course.mine()),
  'course.create': on('nothing', (c) => c.course.create(courseFields())),
  'enrollment.recent': on('nothing', (c) => c.enrollment.recent()),
  'course.listAll': on('nothing', (c) => c.course.listAll({ search: 'sql', status: 'draft' })),

  'course.update': on('course', (c, w) => c.course.update({ ...course(w), title: 'Renamed' })),
  'course.update (draft)': on('draft', (c, w) => c.course.update({ ...course(w), price: 5 })),
  'course.delete': on('course', (c, w) => c.course.delete(course(w))),
  'course.publish': on('draft', publish),
  'course.publish (publish only)': on('draft', publish),
  'course.unpublish': on('course', (c, w) => c.course.unpublish(course(w))),
  'course.setTeam': on('course', outOfTeam),
  'course.setTeam (draft)': on('draft', outOfTeam),
  'course.teamChoices': on('course', teamChoices),
  'course.teamChoices (draft)': on('draft', teamChoices),
  'course.submitForReview': on('draft', (c, w) => c.course.submitForReview(course(w))),
  'course.review (changes)': on('review draft', (c, w) =>
    c.course.review({ ...course(w), decision: 'changes', comment: 'More examples, please.' }),
  ),
  'course.review (approve)': on('review draft', (c, w) =>
    c.course.review({ ...course(w), decision: 'approve', comment: '' }),
  ),
  'course.reviewQueue': on('nothing', (c) => c.course.reviewQueue()),
  'course.reviewState': on('course', reviewState),
  'course.reviewState (draft)': on('draft', reviewState),

  'lesson.get': on('course', getLesson),
  'lesson.get (draft)': on('draft', getLesson),
  'lesson.get (preview)': on('course', getPreview),
  'lesson.get (preview of a draft)': on('draft', getPreview),
  'lesson.previewContent': on('nothing', (c) => c.lesson.previewContent({ content: '<p>Hello</p>' })),
  'lesson.create': on('course', (c, w) => c.lesson.create({ ...course(w), title: 'More', isPreview: false })),
  'lesson.update': on('course', (c, w) => c.lesson.update({ ...lesson(w), title: 'Renamed' })),
  'lesson.delete': on('course', (c, w) => c.lesson.delete(lesson(w))),
  'lesson.reorder': on('course', (c, w) =>
    c.lesson.reorder({ ...course(w), lessonIds: [w.course.lessonId, w.course.previewLessonId] }),
  ),
  'lesson.addAttachment': on('course', (c, w) => c.lesson.addAttachment({ ...lesson(w), file: pdfUpload() })),
  'lesson.replaceAttachment': on('course', (c, w) =>
    c.lesson.replaceAttachment({ ...attachment(w), file: pdfUpload() }),
  ),
  'lesson.removeAttachment': on('course', (c, w) => c.lesson.removeAttachment(attachment(w))),
  'lesson.attachmentHistory': on('course', (c, w) => c.lesson.attachmentHistory(attachment(w))),
  'lesson.setVideo': on('video course', setVideo),
  'lesson.setVideo (draft)': on('video draft', setVideo),
  'lesson.removeVideo': on('video course', (c, w) => c.lesson.removeVideo(lesson(w))),
  'lesson.validateVideo': on('video course', (c, w) => c.lesson.validateVideo(lesson(w))),
  'lesson.getVideoProgress': on('video course', (c, w) => c.lesson.getVideoProgress(lesson(w))),

  'enrollment.enroll': on('course', (c, w) => c.enrollment.enroll(course(w))),
  'enrollment.enroll (someone else)': on('course', (c, w) =>
    c.enrollment.enroll({ ...course(w), userId: w.learnerId }),
  ),
  'enrollment.unenroll': on('course', (c, w) => c.enrollment.unenroll(course(w))),
  'enrollment.get': on('course', (c, w) => c.enrollment.get(course(w))),
  'enrollment.mine': on('nothing', (c) => c.enrollment.mine()),
  'enrollment.completeLesson': on('course', (c, w) => c.enrollment.completeLesson(lesson(w))),
  'enrollment.students': on('course', students),
  'enrollment.students (draft)': on('draft', students),
  'enrollment.requestAccess': on('paid course', (c, w) => c.enrollment.requestAccess(course(w))),
  'enrollment.myAccessRequest': on('paid course', (c, w) => c.enrollment.myAccessRequest(course(w))),
  'enrollment.accessRequests': on('paid course', accessRequests),
  'enrollment.accessRequests (draft)': on('paid draft', accessRequests),
  'enrollment.decideAccess': on('paid course', (c, w) =>
    c.enrollment.decideAccess({ requestId: w.requestId, decision: 'approve' }),
  ),
  // Nobody joins a draft: its editors may only decline.
  'enrollment.decideAccess (draft)': on('paid draft', (c, w) =>
    c.enrollment.decideAccess({ requestId: w.requestId, decision: 'decline' }),
  ),

  'video.requestAccess': on('video course', videoAccess),
  'video.requestAccess (draft)': on('video draft', videoAccess),
  'video.requestAccess (preview)': on('video course', (c, w) => c.video.requestAccess(preview(w))),
  'video.validateAccess': on('video course', (c, w) => answered(c.video.validateAccess(lesson(w)))),
  'video.validateAccess (preview)': on('video course', validatePreview),
  'video.validateAccess (draft preview)': on('video draft', validatePreview),
  'video.progress': on('watched video', (c, w) =>
    c.video.progress({ progressToken: w.progressToken, watchedSeconds: 3, totalSeconds: 600 }),
  ),
  'video.revokeAccess (tokenId)': on('video token', (c, w) => c.video.revokeAccess({ tokenId: w.tokenId })),
  'video.revokeAccess (userId)': on('video token', (c, w) => c.video.revokeAccess({ userId: w.learnerId })),
};
