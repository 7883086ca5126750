/**
 * The resolver against decision 0039's table, written out here rather than read from
 * the catalogue, so a change to a role's permissions has to change this file too.
 */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type OrgRole, type Permission } from '../../../shared/permissions';
import type { AuthUser, Role } from '../../backend/port';
import { can, holds, orgPermissionList, resolveAccess, type TeamGrants } from './access';

function person(role: Role, orgRole: OrgRole | null = null, id = `u-${role}-${orgRole ?? 'none'}`): AuthUser {
  return { id, email: `${id}@school.test`, name: id, role, orgRole, createdAt: '2026-01-01T00:00:00.000Z' };
}

const ADMIN_SET: Permission[] = [
  'analytics.view',
  'content.approve',
  'content.review',
  'courses.create',
  'courses.delete',
  'courses.modify',
  'courses.publish',
  'roles.assign',
  'students.view',
  'users.manage',
  'users.moderate',
];

const ORG_ROLE_TABLE: Record<OrgRole, Permission[]> = {
  owner: [...PERMISSIONS].sort(),
  admin: ADMIN_SET,
  team_lead: ['courses.create'],
  content_creator: ['courses.create'],
  moderator: ['content.approve', 'content.review', 'users.moderate'],
  viewer: ['analytics.view'],
};

const BASE_ROLE_TABLE: Record<Role, Permission[]> = {
  regular: [],
  instructor: ['courses.create'],
  admin: ADMIN_SET,
};

const AUTHOR_SET: Permission[] = [
  'analytics.view',
  'courses.delete',
  'courses.modify',
  'courses.publish',
  'students.grade',
  'students.view',
  'users.moderate',
];

const someoneElsesCourse = { instructor: 'u-someone-else', teamId: null };

describe('organization-wide permissions', () => {
  const cases = (Object.keys(ORG_ROLE_TABLE) as OrgRole[]).flatMap((orgRole) =>
    PERMISSIONS.map(
      (permission) => [orgRole, permission, ORG_ROLE_TABLE[orgRole].includes(permission)] as const,
    ),
  );

  it.each(cases)('a learner who is %s holds %s: %s', async (orgRole, permission, expected) => {
    const access = resolveAccess(person('regular', orgRole));
    expect(holds(access, permission)).toBe(expected);
    // Held across the organization means held on every course, someone else's too.
    expect(await can(access, permission, someoneElsesCourse)).toBe(expected);
    expect(await can(access, permission)).toBe(expected);
  });

  it.each(Object.entries(BASE_ROLE_TABLE))('the %s base role holds %j', (role, expected) => {
    expect(orgPermissionList(resolveAccess(person(role as Role)))).toEqual(expected);
  });

  it('is the union of the base role and the organization role, sorted', () => {
    const access = resolveAccess(person('instructor', 'moderator'));
    expect(orgPermissionList(access)).toEqual([
      'content.approve',
      'content.review',
      'courses.create',
      'users.moderate',
    ]);
  });
});

describe('on a course', () => {
  const author = person('instructor', null, 'maya');
  const own = { instructor: 'maya', teamId: null };

  it.each(PERMISSIONS.map((permission) => [permission, AUTHOR_SET.includes(permission)] as const))(
    'its author holds %s: %s',
    async (permission, expected) => {
      const access = resolveAccess(author);
      expect(await can(access, permission, own)).toBe(expected || permission === 'courses.create');
      // Authorship is per course: nothing of it reaches another instructor's course.
      expect(await can(access, permission, someoneElsesCourse)).toBe(permission === 'courses.create');
    },
  );

  it('gives a visitor nothing, whatever the course', async () => {
    const visitor = resolveAccess(null);
    expect(orgPermissionList(visitor)).toEqual([]);
    for (const permission of PERMISSIONS) {
      expect(await can(visitor, permission)).toBe(false);
      expect(await can(visitor, permission, { instructor: 'maya', teamId: 'biology' })).toBe(false);
    }
  });
});

describe('team grants', () => {
  function countingGrants(grants: Record<string, Permission[]>) {
    const asked: string[] = [];
    const lookup: TeamGrants = (teamId) => {
      asked.push(teamId);
      return Promise.resolve(new Set(grants[teamId] ?? []));
    };
    return { asked, lookup };
  }

  it('lets a member act on the team’s courses with the team’s permissions, and on no other', async () => {
    const { lookup } = countingGrants({ biology: ['courses.modify', 'students.grade'] });
    const access = resolveAccess(person('instructor', null, 'sam'), lookup);
    const teamCourse = { instructor: 'maya', teamId: 'biology' };
    expect(await can(access, 'courses.modify', teamCourse)).toBe(true);
    expect(await can(access, 'students.grade', teamCourse)).toBe(true);
    expect(await can(access, 'courses.delete', teamCourse)).toBe(false);
    expect(await can(access, 'courses.modify', { instructor: 'maya', teamId: 'physics' })).toBe(false);
    expect(await can(access, 'courses.modify', someoneElsesCourse)).toBe(false);
    // A team's permissions are for its courses only, never organization-wide.
    expect(holds(access, 'courses.modify')).toBe(false);
  });

  it('asks about each team once per request, and only when nothing else decides', async () => {
    const { asked, lookup } = countingGrants({ biology: ['students.view'] });
    const admin = resolveAccess(person('admin'), lookup);
    expect(await can(admin, 'courses.modify', { instructor: 'maya', teamId: 'biology' })).toBe(true);
    const author = resolveAccess(person('instructor', null, 'maya'), lookup);
    expect(await can(author, 'courses.modify', { instructor: 'maya', teamId: 'biology' })).toBe(true);
    expect(asked).toEqual([]);

    const member = resolveAccess(person('regular', null, 'sam'), lookup);
    const course = { instructor: 'maya', teamId: 'biology' };
    await can(member, 'students.view', course);
    await can(member, 'courses.modify', course);
    await can(member, 'students.view', { instructor: 'maya', teamId: null });
    expect(asked).toEqual(['biology']);
    // The next request resolves afresh: leaving a team ends its grants then.
    await can(resolveAccess(person('regular', null, 'sam'), lookup), 'students.view', course);
    expect(asked).toEqual(['biology', 'biology']);
  });
});
