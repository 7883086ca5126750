/**
 * Who may do what, as one table (issue 15, "Done when"; docs/decisions/0039, "Which
 * permission gates what"): every procedure of the app router — some in more than one
 * situation, named in brackets — against the eleven personas of the issue. The test that
 * runs it is server/trpc/routers/persona-authorization.test.ts; how each persona and
 * record is made is ./world.ts, how each row is called ./calls.ts.
 *
 * Columns, left to right:
 *   vis  a visitor: no session
 *   lrn  a learner (base role regular), enrolled in the course; on a paid course, asking to join it
 *   aut  the course's owner: the instructor who wrote it
 *   ins  another instructor, with no link to the course
 *   tm+  a member of the course's team, the team holding the row's grants (last column)
 *   tm-  a member of the course's team, the team holding analytics.view only
 *   led  a lead of tm+'s team: a lead holds the team's permissions and manages its members
 *   mod  an Organization Moderator      vwr  an Organization Viewer
 *   adm  an admin (the base role)       own  the Organization Owner
 * The team personas, the moderator, the viewer and the Owner are learners by base role,
 * enrolled in nothing: what else they may do comes from their team or organization role
 * alone (an install's first admin is also its Owner; this one holds it by the role only).
 * For `team.*` rows "the team" is a team of its own, led by led, with tm+ (or tm-) in it.
 *
 * Cells: ok allowed, and the call succeeded · 401 UNAUTHORIZED, sign in first ·
 * 403 FORBIDDEN · 404 NOT_FOUND: a draft stays secret from whoever may not edit it ·
 * 400 BAD_REQUEST: let in, but there is nothing to do.
 *
 * Grants: what tm+'s team holds on that row — the permission the procedure needs, or
 * '—' when it needs none (the team then holds everything an author holds on a course).
 * On procedures of the whole organization (people, mail, jobs, every course) the team
 * holds the permission too, and tm+ is still refused: a team's permissions count on the
 * team's courses only.
 *
 * Adding a procedure is one row here and one call in ./calls.ts.
 */
export const POLICY = [
  //vis lrn aut ins tm+ tm- led mod vwr adm own   procedure (situation)              grants
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'health', '—'],
  // One-time links and credentials speak for themselves: anyone may use them.
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.register', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.login', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.logout', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.me', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.permissions', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.resetPassword', '—'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.changePassword', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.requestPasswordReset', '—'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.updateProfile', '—'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.createApiToken', '—'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.listApiTokens', '—'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'auth.revokeApiToken', '—'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   people: users.manage across the organization
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'users.list', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'users.setRole', 'users.manage'],
  // roles.assign, and every permission of the role given (here Viewer: analytics.view).
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'users.setOrgRole', 'roles.assign'],
  // Owner carries settings.manage and students.grade, which an admin lacks: only an Owner makes one.
  ['401 403 403 403 403 403 403 403 403 403 ok', 'users.setOrgRole (owner)', 'roles.assign'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'users.delete', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'users.invite', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'mail.list', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'mail.get', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'jobs.status', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'video.securityLog', 'users.manage'],
  // The platform's settings are the Owner's alone (decision 0039).
  ['401 403 403 403 403 403 403 403 403 403 ok', 'settings.get', 'settings.manage'],
  ['401 403 403 403 403 403 403 403 403 403 ok', 'settings.update', 'settings.manage'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   teams: users.manage; a lead manages members
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'team.list', '—'],
  ['401 403 403 403 ok  ok  ok  403 403 ok  ok', 'team.get', '—'],
  // People to add: only for whoever may change the team's members.
  ['401 403 403 403 403 403 ok  403 403 ok  ok', 'team.candidates', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'team.create', 'users.manage'],
  // Nobody gives a team what they do not hold: an admin lacks students.grade (the Owner holds all).
  ['401 403 403 403 403 403 403 403 403 403 ok', 'team.create (students.grade)', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'team.update', 'users.manage'],
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'team.delete', 'users.manage'],
  ['401 403 403 403 403 403 ok  403 403 ok  ok', 'team.addMember', 'users.manage'],
  ['401 403 403 403 403 403 ok  403 403 ok  ok', 'team.removeMember', 'users.manage'],
  ['401 403 403 403 403 403 ok  403 403 ok  ok', 'team.setMemberRole', 'users.manage'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   the catalog, and one's own courses
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'course.list', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'course.categories', '—'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'course.get', '—'],
  ['404 404 ok  404 ok  404 ok  404 404 ok  ok', 'course.get (draft)', 'courses.modify'],
  ['401 403 ok  ok  403 403 403 403 403 ok  ok', 'course.mine', 'courses.create'],
  ['401 403 ok  ok  403 403 403 403 403 ok  ok', 'course.create', 'courses.create'],
  ['401 403 ok  ok  403 403 403 403 403 ok  ok', 'enrollment.recent', 'courses.create'],
  // Whoever may edit every course may list them all; editing one's own is not that.
  ['401 403 403 403 403 403 403 403 403 ok  ok', 'course.listAll', 'courses.modify'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   changing one course: its permission on it
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'course.update', 'courses.modify'],
  ['401 404 ok  404 ok  404 ok  404 404 ok  ok', 'course.update (draft)', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'course.delete', 'courses.delete'],
  // Publishing a draft: seeing it is editing's (courses.modify), so courses.publish alone meets none.
  ['401 404 ok  404 ok  404 ok  404 404 ok  ok', 'course.publish', 'courses.modify courses.publish'],
  ['401 404 ok  404 404 404 404 404 404 ok  ok', 'course.publish (publish only)', 'courses.publish'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'course.unpublish', 'courses.publish'],
  // Out of its team (tm+, tm-, led) or of none (the others): only authorization can refuse.
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'course.setTeam', 'courses.modify'],
  ['401 404 ok  404 ok  404 ok  404 404 ok  ok', 'course.setTeam (draft)', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'course.teamChoices', 'courses.modify'],
  ['401 404 ok  404 ok  404 ok  404 404 ok  ok', 'course.teamChoices (draft)', 'courses.modify'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   review before publishing (decision 0040)
  // Whoever may publish the draft may ask for its review (review is off here: asking is allowed).
  ['401 404 ok  404 ok  404 ok  404 404 ok  ok', 'course.submitForReview', 'courses.modify courses.publish'],
  // A draft in review is read by its reviewers; its author sees it and may not review it.
  ['401 404 403 404 ok  404 ok  ok  404 ok  ok', 'course.review (changes)', 'content.review'],
  ['401 404 403 404 ok  404 ok  ok  404 ok  ok', 'course.review (approve)', 'content.approve'],
  // The queue is the organization's reviewers': a team's content.review counts on its courses only.
  ['401 403 403 403 403 403 403 ok  403 ok  ok', 'course.reviewQueue', 'content.review'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'course.reviewState', 'courses.modify'],
  ['401 404 ok  404 ok  404 ok  404 404 ok  ok', 'course.reviewState (draft)', 'courses.modify'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   lessons: read by learners and editors
  ['401 ok  ok  403 ok  403 ok  403 403 ok  ok', 'lesson.get', 'courses.modify'],
  // Unpublishing keeps enrollments, and with them access (decision 0012).
  ['404 ok  ok  404 ok  404 ok  404 404 ok  ok', 'lesson.get (draft)', 'courses.modify'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'lesson.get (preview)', '—'],
  ['404 ok  ok  404 ok  404 ok  404 404 ok  ok', 'lesson.get (preview of a draft)', 'courses.modify'],
  // Sanitizing touches no course.
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'lesson.previewContent', '—'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.create', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.update', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.delete', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.reorder', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.addAttachment', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.replaceAttachment', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.removeAttachment', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.attachmentHistory', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.setVideo', 'courses.modify'],
  ['401 404 ok  404 ok  404 ok  404 404 ok  ok', 'lesson.setVideo (draft)', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.removeVideo', 'courses.modify'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'lesson.validateVideo', 'courses.modify'],
  ['401 ok  ok  403 ok  403 ok  403 403 ok  ok', 'lesson.getVideoProgress', 'courses.modify'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   learning: oneself; the roster: students.view
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'enrollment.enroll', '—'],
  // Naming yourself is just enrolling; anyone else is for those who manage people.
  ['401 ok  403 403 403 403 403 403 403 ok  ok', 'enrollment.enroll (someone else)', 'users.manage'],
  // Only someone enrolled has an enrollment to end.
  ['401 ok  404 404 404 404 404 404 404 404 404', 'enrollment.unenroll', '—'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'enrollment.get', '—'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'enrollment.mine', '—'],
  ['401 ok  403 403 403 403 403 403 403 403 403', 'enrollment.completeLesson', '—'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'enrollment.students', 'students.view'],
  ['401 404 ok  404 404 404 404 404 404 ok  ok', 'enrollment.students (draft)', 'students.view'],
  // Learners ask; those who may edit the course need not (and are told so).
  ['401 ok  400 ok  400 ok  400 ok  ok  400 400', 'enrollment.requestAccess', 'courses.modify'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'enrollment.myAccessRequest', '—'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'enrollment.accessRequests', 'students.view'],
  ['401 404 ok  404 404 404 404 404 404 ok  ok', 'enrollment.accessRequests (draft)', 'students.view'],
  ['401 403 ok  403 ok  403 ok  403 403 ok  ok', 'enrollment.decideAccess', 'students.view'],
  ['401 404 ok  404 404 404 404 404 404 ok  ok', 'enrollment.decideAccess (draft)', 'students.view'],

  //vis lrn aut ins tm+ tm- led mod vwr adm own   videos: whoever may read the lesson
  ['401 ok  ok  403 ok  403 ok  403 403 ok  ok', 'video.requestAccess', 'courses.modify'],
  // The draft's learner is told it is off the catalog; nobody else learns it exists.
  ['401 403 ok  404 ok  404 ok  404 404 ok  ok', 'video.requestAccess (draft)', 'courses.modify'],
  ['401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'video.requestAccess (preview)', '—'],
  // An answer rather than a refusal: sign_in counts as 401, enroll and not_published as 403.
  ['401 ok  ok  403 ok  403 ok  403 403 ok  ok', 'video.validateAccess', 'courses.modify'],
  ['ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok', 'video.validateAccess (preview)', '—'],
  ['404 403 ok  404 ok  404 ok  404 404 ok  ok', 'video.validateAccess (draft preview)', 'courses.modify'],
  // The progress token is the learner's own.
  ['401 ok  403 403 403 403 403 403 403 403 403', 'video.progress', '—'],
  ['401 ok  403 403 403 403 403 403 403 ok  ok', 'video.revokeAccess (tokenId)', 'users.manage'],
  ['401 ok  403 403 403 403 403 403 403 ok  ok', 'video.revokeAccess (userId)', 'users.manage'],
] as const;

export type PolicyRow = (typeof POLICY)[number];
export type RowName = PolicyRow[1];
