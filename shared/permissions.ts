/**
 * Aurora's permissions, named once (issue 15). What a person may do is the union of
 * their base role's permissions, their organization role's and — on a team's courses —
 * their teams'; one resolver computes that set per request and only the policy module
 * decides with it (docs/decisions/0039). Shared with the pages, which name permissions
 * on the People and Teams pages.
 */

export const PERMISSIONS = [
  'courses.create',
  'courses.modify',
  'courses.publish',
  'courses.delete',
  'students.view',
  'students.grade',
  'content.review',
  'content.approve',
  'users.moderate',
  'users.manage',
  'roles.assign',
  'analytics.view',
  'settings.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** What each permission lets its holder do, in the words the admin pages use. */
export const PERMISSION_DESCRIPTIONS: Readonly<Record<Permission, string>> = {
  'courses.create': 'Create courses',
  'courses.modify': 'Edit courses and their lessons',
  'courses.publish': 'Publish and unpublish courses',
  'courses.delete': 'Delete courses',
  'students.view': 'See enrolled students and their progress',
  'students.grade': 'Grade submissions and give feedback',
  'content.review': 'Review courses submitted for publishing',
  'content.approve': 'Approve reviewed courses for publishing',
  'users.moderate': 'Moderate discussions and mute learners',
  'users.manage': 'Add, edit and remove people',
  'roles.assign': 'Assign organization roles',
  'analytics.view': 'Read analytics and reports',
  'settings.manage': 'Change platform settings',
};

/** Organization roles, assigned by admins on the People page; a person has at most one. */
export const ORG_ROLES = ['owner', 'admin', 'team_lead', 'content_creator', 'moderator', 'viewer'] as const;

export type OrgRole = (typeof ORG_ROLES)[number];

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);
}

export const ORG_ROLE_NAMES: Readonly<Record<OrgRole, string>> = {
  owner: 'Organization Owner',
  admin: 'Organization Admin',
  team_lead: 'Team Lead',
  content_creator: 'Content Creator',
  moderator: 'Moderator',
  viewer: 'Viewer',
};

/**
 * Each organization role's permissions across the whole organization. A Team Lead's
 * powers over their own teams come from leading them (the resolver), not from here.
 */
export const ORG_ROLE_PERMISSIONS: Readonly<Record<OrgRole, readonly Permission[]>> = {
  owner: PERMISSIONS,
  admin: [
    'courses.create',
    'courses.modify',
    'courses.publish',
    'courses.delete',
    'students.view',
    'content.review',
    'content.approve',
    'users.moderate',
    'users.manage',
    'roles.assign',
    'analytics.view',
  ],
  team_lead: ['courses.create'],
  content_creator: ['courses.create'],
  moderator: ['content.review', 'content.approve', 'users.moderate'],
  viewer: ['analytics.view'],
};
