/**
 * "No role check remains outside the permission resolver" (issue 15, decision 0039):
 * pages and services decide with permissions (`can`, `permissionProcedure`,
 * `auth.permissions`), so a comparison with a role anywhere in the source is a rule
 * written past the resolver. Roles are base roles, organization roles and team roles,
 * whatever the variable holding one is called (`role`, `orgRole`, `member.teamRole`),
 * and the names of all three (`'admin'`, `'owner'`, `'lead'`…), on one line or broken
 * over several. Storage (server/backend/**) keeps roles, shared/ names them once, and this
 * module interprets them (base-roles.ts, org-role-facts.ts); tests may name roles freely.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES, TEAM_ROLES } from '../../../shared/fields/limits';
import { ORG_ROLES } from '../../../shared/permissions';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCANNED = ['app', 'server', 'shared', 'functions', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
/** Storage, the resolver, and the catalogues that name the roles (ROLES, TEAM_ROLES, ORG_ROLES). */
const EXEMPT = [
  'server/backend/',
  'server/services/permissions/',
  'shared/fields/limits.ts',
  'shared/permissions.ts',
];

/** Appwrite's labels for organization roles (server/backend/appwrite/roles.ts): `orgowner`, `orgteamlead`… */
const ORG_ROLE_LABELS = ORG_ROLES.map((orgRole) => `org${orgRole.replaceAll('_', '')}`);
/** A role's name, or its label, in quotes: `'admin'`, `"owner"`, `` `lead` ``, `'orgviewer'`. */
const NAME = `['"\`](?:${[...ROLES, ...ORG_ROLES, ...TEAM_ROLES, ...ORG_ROLE_LABELS].join('|')})['"\`]`;
/** Something holding a role: `role`, `user.role`, `viewer?.orgRole`, `member.teamRole`. */
const HOLDER = String.raw`[\w$.?]*[rR]ole\b(?!\s*\()`;
/** `==`, `===`, `!=`, `!==`, whole (so `!== null` is not read as `!=` and `= null`). */
const COMPARE = String.raw`(?<![!=])[!=]==?(?!=)`;
/** Asking whether there is a role at all decides nothing by which one it is. */
const NOT_NOTHING = String.raw`(?!\s*(?:null|undefined)\b)`;

/** Each pattern is one way of deciding by role; the name says which. */
const ROLE_CHECKS: [string, RegExp][] = [
  ['a role compared', new RegExp(`${HOLDER}\\s*${COMPARE}${NOT_NOTHING}`, 'g')],
  ['compared with a role', new RegExp(`(?<!null\\s*|undefined\\s*)${COMPARE}\\s*${HOLDER}`, 'g')],
  ['a role name compared', new RegExp(`${COMPARE}\\s*${NAME}|${NAME}\\s*${COMPARE}`, 'g')],
  ['a list of roles', new RegExp(String.raw`\.(?:includes|has|indexOf)\(\s*(?:${HOLDER}|${NAME})`, 'g')],
  ['a list of role names', new RegExp(String.raw`\[\s*${NAME}\s*,\s*${NAME}`, 'g')],
  ['a switch over a role', new RegExp(String.raw`switch\s*\(\s*${HOLDER}`, 'g')],
  ['a case of a role', new RegExp(String.raw`\bcase\s+${NAME}\s*:`, 'g')],
];

/** The role checks in one file's source, as `line: text (why)`. */
function roleChecksIn(source: string): string[] {
  const lines = source.split('\n');
  const found: string[] = [];
  for (const [why, pattern] of ROLE_CHECKS) {
    for (const match of source.matchAll(pattern)) {
      const line = source.slice(0, match.index).split('\n').length;
      found.push(`${line}: ${lines[line - 1]?.trim() ?? ''} (${why})`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIPPED_DIRS.has(name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const scanned = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => relative(ROOT, path));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('role checks', () => {
  it('are found by the scan, in every form it looks for', () => {
    expect(roleChecksIn("if (viewer.role === 'admin') return true;")).toHaveLength(2);
    expect(roleChecksIn("const staff = actor?.role !== 'regular';")).toHaveLength(2);
    expect(roleChecksIn("if ('admin' === user.role) {")).toHaveLength(2);
    expect(roleChecksIn('if (user.role == "instructor") {')).toHaveLength(2);
    expect(roleChecksIn('if (!roles.includes(ctx.user.role)) throw refusal;')).toHaveLength(1);
    expect(roleChecksIn("if (!['admin', 'instructor'].includes(role)) throw refusal;")).toHaveLength(2);
    expect(roleChecksIn('if (STAFF.includes(user.role as Role)) {')).toHaveLength(1);
    expect(roleChecksIn('const staff = new Set(STAFF_ROLES).has(viewer.role);')).toHaveLength(1);
    expect(roleChecksIn("const STAFF = ['admin', 'instructor'];")).toHaveLength(1);
    expect(roleChecksIn("if (user.labels.includes('admin')) {")).toHaveLength(1);
    expect(roleChecksIn("const owner = user.labels.includes('orgowner');")).toHaveLength(1);
    expect(roleChecksIn('switch (viewer.role) {')).toHaveLength(1);
    expect(roleChecksIn("  case 'admin':")).toHaveLength(1);
    expect(roleChecksIn("const wasAdmin = before === 'admin';")).toHaveLength(1);
    // Organization and team roles are roles too, whatever holds them.
    expect(roleChecksIn("if (user.orgRole === 'owner') {")).toHaveLength(2);
    expect(roleChecksIn('if (member.teamRole !== wanted) {')).toHaveLength(1);
    expect(roleChecksIn("const leads = members.filter((m) => m.role === 'lead');")).toHaveLength(2);
    expect(roleChecksIn("if (kind === 'moderator') {")).toHaveLength(1);
    // Broken over lines, as prettier breaks a long condition.
    expect(roleChecksIn("const staff =\n  viewer.role ===\n  'admin';")).toEqual([
      '2: viewer.role === (a role compared)',
      '2: viewer.role === (a role name compared)',
    ]);
  });

  it('leave alone what only stores or shows a role', () => {
    expect(roleChecksIn("queries: [Query.equal('role', 'admin')],")).toEqual([]);
    expect(roleChecksIn('<span className="badge">{ROLE_LABEL[viewer.role]}</span>')).toEqual([]);
    expect(roleChecksIn("await backend.users.setRole(user.id, 'admin');")).toEqual([]);
    expect(roleChecksIn("if (!holds(access, 'users.manage')) throw refusal;")).toEqual([]);
    expect(roleChecksIn('if (user.orgRole !== null) names.push(ORG_ROLE_NAMES[user.orgRole]);')).toEqual([]);
    expect(roleChecksIn('const given = undefined === input.role ? current : input.role;')).toEqual([]);
    expect(roleChecksIn('if (ok === roleOf(user)) {')).toEqual([]);
    expect(roleChecksIn("const role = 'admin';")).toEqual([]);
  });

  it('are found where the roles are kept, so the scan reads real source', () => {
    expect(scanned.length).toBeGreaterThan(300);
    expect(roleChecksIn(read('server/services/permissions/base-roles.ts'))).not.toEqual([]);
    expect(roleChecksIn(read('server/services/permissions/org-role-facts.ts'))).not.toEqual([]);
  });

  it('are nowhere outside storage and the resolver', () => {
    const offenders = scanned
      .filter((path) => !EXEMPT.some((exempt) => path.startsWith(exempt)))
      .flatMap((path) => roleChecksIn(read(path)).map((hit) => `${path}:${hit}`));
    expect(offenders).toEqual([]);
  });
});
