/**
 * Courses that belong to a team (issue 15): team grants read from the real teams port,
 * through the real router, on an embedded backend. The team member here is a learner by
 * base role, so whatever they may do on the team's course comes from the team alone.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingBackend } from '../../../tests/helpers/counting-backend';
import { seedCourse, type SeededCourse } from '../../../tests/helpers/courses';
import { outcome } from '../../../tests/helpers/identity';
import {
  contextFor,
  createTestServices,
  createTestUser,
  scopeFor,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser, Team } from '../../backend/port';
import type { Permission } from '../../../shared/permissions';
import { enroll } from '../../services/enrollments/membership';
import { SECURITY_LOGS } from '../../services/tables';
import { createCaller } from '../root';

let services: TestServices;
let author: AuthUser;
let editor: AuthUser;
let reader: AuthUser;
let outsider: AuthUser;
let admin: AuthUser;
let editors: Team;
let readers: Team;

async function team(name: string, permissions: Permission[], members: [AuthUser, 'lead' | 'member'][]) {
  const made = await services.backend.teams.create({ name, description: '', permissions });
  for (const [user, role] of members)
    await services.backend.teams.addMember({ teamId: made.id, userId: user.id, role });
  return made;
}

const as = async (user: AuthUser) => createCaller(await contextFor(services, user));

/** A course of `author` given to `to` through the procedure, as its author (a lead of both teams). */
async function teamCourse(to: Team, options: { published?: boolean } = {}): Promise<SeededCourse> {
  const course = await seedCourse(services, author, options);
  await (await as(author)).course.setTeam({ courseId: course.courseId, teamId: to.id });
  return course;
}

beforeAll(async () => {
  services = await createTestServices();
  author = await createTestUser(services, 'instructor', { name: 'Maya Author' });
  editor = await createTestUser(services, 'regular', { name: 'Sam Editor' });
  reader = await createTestUser(services, 'regular', { name: 'Rita Reader' });
  outsider = await createTestUser(services, 'instructor');
  admin = await createTestUser(services, 'admin');
  editors = await team(
    'Computer Science',
    ['courses.modify', 'students.view'],
    [
      [author, 'lead'],
      [editor, 'member'],
    ],
  );
  readers = await team(
    'Course Readers',
    ['students.view'],
    [
      [author, 'lead'],
      [reader, 'member'],
    ],
  );
});
afterAll(async () => {
  await services.cleanup();
});

describe("a team's course", () => {
  it("is edited by a member holding the team's courses.modify, who also sees its students", async () => {
    const course = await teamCourse(editors);
    const learner = await createTestUser(services, 'regular');
    await enroll(scopeFor(services, learner), { courseId: course.courseId });
    const caller = await as(editor);
    expect((await caller.course.update({ courseId: course.courseId, title: 'Shared SQL' })).title).toBe(
      'Shared SQL',
    );
    expect(await outcome(caller.lesson.update({ lessonId: course.lessonId, title: 'Joins, shared' }))).toBe(
      'ok',
    );
    const students = await caller.enrollment.students({ courseId: course.courseId });
    expect(students.items.map((row) => row.user.id)).toEqual([learner.id]);
    // The team grants no publishing or deleting.
    expect(await outcome(caller.course.unpublish({ courseId: course.courseId }))).toBe('FORBIDDEN');
    expect(await outcome(caller.course.delete({ courseId: course.courseId }))).toBe('FORBIDDEN');
  });

  it('is refused to a member of a team without the permission', async () => {
    const caller = await as(reader);
    const own = await teamCourse(readers);
    expect(await outcome(caller.enrollment.students({ courseId: own.courseId }))).toBe('ok');
    expect(await outcome(caller.course.update({ courseId: own.courseId, title: 'Mine now' }))).toBe(
      'FORBIDDEN',
    );
    // Another team's course: nothing at all.
    const other = await teamCourse(editors);
    expect(await outcome(caller.enrollment.students({ courseId: other.courseId }))).toBe('FORBIDDEN');
  });

  it('is refused to an instructor outside the team, and a draft of it is not revealed', async () => {
    const caller = await as(outsider);
    const published = await teamCourse(editors);
    const draft = await teamCourse(editors, { published: false });
    expect(await outcome(caller.course.update({ courseId: published.courseId, title: 'x' }))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(caller.course.update({ courseId: draft.courseId, title: 'x' }))).toBe('NOT_FOUND');
    expect(await outcome(caller.course.get({ courseId: draft.courseId }))).toBe('NOT_FOUND');
    // The member sees the draft and edits it.
    expect(await outcome((await as(editor)).course.update({ courseId: draft.courseId, title: 'y' }))).toBe(
      'ok',
    );
  });

  it('is out of reach on the next request once the member leaves the team', async () => {
    const course = await teamCourse(editors);
    const leaving = await createTestUser(services, 'regular');
    await services.backend.teams.addMember({ teamId: editors.id, userId: leaving.id, role: 'member' });
    const before = await as(leaving);
    expect(await outcome(before.course.update({ courseId: course.courseId, title: 'Before' }))).toBe('ok');
    await services.backend.teams.removeMember({ teamId: editors.id, userId: leaving.id });
    const after = await as(leaving);
    expect(await outcome(after.course.update({ courseId: course.courseId, title: 'After' }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('what team questions cost', () => {
  it('a request that asks none makes no teams call; one that does makes two', async () => {
    const counter = countingBackend(services.backend);
    const counted = { ...services, backend: counter.backend };
    const plain = await seedCourse(services, author);
    const shared = await teamCourse(editors);
    const caller = createCaller(await contextFor(counted, editor));
    counter.reset();
    await caller.course.get({ courseId: plain.courseId });
    await caller.enrollment.mine();
    expect(counter.calls().filter((call) => call.startsWith('teams.'))).toEqual([]);

    const request = createCaller(await contextFor(counted, editor));
    counter.reset();
    await request.course.update({ courseId: shared.courseId, title: 'Twice' });
    await request.enrollment.students({ courseId: shared.courseId });
    expect(counter.calls().filter((call) => call.startsWith('teams.'))).toEqual([
      'teams.teamsOf',
      'teams.list',
    ]);
  });

  it("costs a team course's page one call for its members, and a member's own grants two more", async () => {
    const counter = countingBackend(services.backend);
    const counted = { ...services, backend: counter.backend };
    const shared = await teamCourse(editors);
    const teamCalls = async (user: AuthUser) => {
      const caller = createCaller(await contextFor(counted, user));
      counter.reset();
      const page = await caller.course.get({ courseId: shared.courseId });
      return { canEdit: page.canEdit, calls: counter.calls().filter((call) => call.startsWith('teams.')) };
    };
    expect(await teamCalls(outsider)).toEqual({ canEdit: false, calls: ['teams.listMembers'] });
    expect(await teamCalls(editor)).toEqual({
      canEdit: true,
      calls: ['teams.listMembers', 'teams.teamsOf', 'teams.list'],
    });
  });
});

describe('course.setTeam', () => {
  it("is the course editor's when they are in the target team, and is written to the security log", async () => {
    const course = await seedCourse(services, author);
    const caller = await as(author);
    expect(await caller.course.setTeam({ courseId: course.courseId, teamId: editors.id })).toEqual({
      courseId: course.courseId,
      teamId: editors.id,
    });
    const { rows } = await services.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.equal('action', 'course_team_changed'), Query.equal('userId', author.id)],
    });
    expect(rows.map((row) => row.reason)).toContain(
      `course ${course.courseId} ("Practical SQL") moved from no team to team ${editors.id} ("Computer Science")`,
    );
    const page = await caller.course.get({ courseId: course.courseId });
    expect(page.teachingTeam).toEqual({
      teamId: editors.id,
      name: 'Computer Science',
      members: [
        { id: author.id, name: 'Maya Author', role: 'lead' },
        { id: editor.id, name: 'Sam Editor', role: 'member' },
      ],
    });
    expect(await caller.course.setTeam({ courseId: course.courseId, teamId: null })).toEqual({
      courseId: course.courseId,
      teamId: null,
    });
    expect((await caller.course.get({ courseId: course.courseId })).teachingTeam).toBeNull();
  });

  it('refuses a team the editor is not in, an unknown team, and those who may not change the course', async () => {
    const course = await seedCourse(services, outsider);
    const draft = await seedCourse(services, outsider, { published: false });
    const owner = await as(outsider);
    expect(await outcome(owner.course.setTeam({ courseId: course.courseId, teamId: editors.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(owner.course.setTeam({ courseId: course.courseId, teamId: 'no-such-team' }))).toBe(
      'NOT_FOUND',
    );
    const member = await as(editor);
    expect(await outcome(member.course.setTeam({ courseId: course.courseId, teamId: editors.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(member.course.setTeam({ courseId: draft.courseId, teamId: editors.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await owner.course.get({ courseId: course.courseId })).teachingTeam).toBeNull();
  });

  it('is open to whoever manages people, for any team', async () => {
    const course = await seedCourse(services, outsider);
    const caller = await as(admin);
    expect(await outcome(caller.course.setTeam({ courseId: course.courseId, teamId: readers.id }))).toBe(
      'ok',
    );
    expect((await caller.course.get({ courseId: course.courseId })).teachingTeam?.name).toBe(
      'Course Readers',
    );
  });
});
