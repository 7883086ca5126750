/**
 * "No role check remains outside the permission resolver" (issue 15, decision 0039):
 * pages and services decide with permissions (`can`, `permissionProcedure`,
 * `auth.permissions`), so a comparison with a role anywhere in server/ or app/ source is
 * a rule written past the resolver. Storage (server/backend/**) keeps roles and this
 * module interprets them; tests may name roles freely.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCANNED = ['server', 'app'];
const EXEMPT = ['server/backend/', 'server/services/permissions/'];
const ROLE_NAMES = '(?:regular|instructor|admin)';

/** Each pattern is one way of deciding by role; the name says which. */
const ROLE_CHECKS: [string, RegExp][] = [
  ['a role compared', /\brole\s*[!=]==?/],
  ['compared with a role', /[!=]==?\s*[\w$.?]*\brole\b(?!\s*\()/],
  ['a role name compared', new RegExp(`[!=]==?\\s*'${ROLE_NAMES}'|'${ROLE_NAMES}'\\s*[!=]==?`)],
  ['a list of roles', /\.includes\(\s*[\w$.?]*\brole\s*\)/],
  ['a switch over a role', /switch\s*\(\s*[\w$.?]*\brole\s*\)/],
];

/** The role checks in one file's source, as `line: text (why)`. */
function roleChecksIn(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((text, index) => {
    for (const [why, pattern] of ROLE_CHECKS) {
      if (pattern.test(text)) found.push(`${index + 1}: ${text.trim()} (${why})`);
    }
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('role checks', () => {
  it('are found by the scan, in every form it looks for', () => {
    expect(roleChecksIn("if (viewer.role === 'admin') return true;")).toHaveLength(2);
    expect(roleChecksIn("const staff = actor?.role !== 'regular';")).toHaveLength(2);
    expect(roleChecksIn("if ('admin' === user.role) {")).toHaveLength(2);
    expect(roleChecksIn('if (!roles.includes(ctx.user.role)) throw refusal;')).toHaveLength(1);
    expect(roleChecksIn('switch (viewer.role) {')).toHaveLength(1);
    expect(roleChecksIn("const wasAdmin = before === 'admin';")).toHaveLength(1);
  });

  it('leave alone what only stores or shows a role', () => {
    expect(roleChecksIn("queries: [Query.equal('role', 'admin')],")).toEqual([]);
    expect(roleChecksIn('<span className="badge">{ROLE_LABEL[viewer.role]}</span>')).toEqual([]);
    expect(roleChecksIn("await backend.users.setRole(user.id, 'admin');")).toEqual([]);
    expect(roleChecksIn("if (!holds(access, 'users.manage')) throw refusal;")).toEqual([]);
  });

  it('are nowhere in server/ or app/ outside storage and the resolver', () => {
    const offenders = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((path) => relative(ROOT, path))
      .filter((path) => !EXEMPT.some((exempt) => path.startsWith(exempt)))
      .flatMap((path) => roleChecksIn(readFileSync(join(ROOT, path), 'utf8')).map((hit) => `${path}:${hit}`));
    expect(offenders).toEqual([]);
  });
});
