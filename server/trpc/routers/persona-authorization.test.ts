/**
 * The authorization matrix of issue 15: every procedure of the app router against the
 * eleven personas, as tests/authorization/policy.ts writes it down — a visitor, a
 * learner, the course's owner, another instructor, team members with and without the
 * permission, a team lead, a moderator, a viewer, an admin and the Owner. The first test
 * fails when a procedure has no row (or a row no procedure); each cell then calls the
 * real router on fresh records (tests/authorization/world.ts) and compares the outcome.
 *
 * The smaller matrices beside this one check what this one does not: finer refusal
 * reasons (video-authorization), a lead of another team (team-authorization), a learner
 * who is not enrolled, or enrolls someone else (enrollment-authorization).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLS } from '../../../tests/authorization/calls';
import { POLICY, type RowName } from '../../../tests/authorization/policy';
import { arrange, createCast, grantsOf, PERSONAS, type Persona } from '../../../tests/authorization/world';
import { outcome } from '../../../tests/helpers/identity';
import { createTestServices, type TestServices } from '../../../tests/helpers/services';
import { appRouter, createCaller } from '../root';

const CODES: Readonly<Record<string, string>> = {
  ok: 'ok',
  '400': 'BAD_REQUEST',
  '401': 'UNAUTHORIZED',
  '403': 'FORBIDDEN',
  '404': 'NOT_FOUND',
};

/** A row's cells, one per persona, as the outcome `outcome()` reports. */
function expectedOf(cells: string): string[] {
  return cells.split(/\s+/).map((cell) => CODES[cell] ?? `unknown cell "${cell}"`);
}

/** "course.get (draft)" is a row of `course.get`. */
const procedureOf = (name: string) => name.split(' ')[0] ?? name;

let services: TestServices;
let cast: Awaited<ReturnType<typeof createCast>>;
beforeAll(async () => {
  services = await createTestServices();
  cast = await createCast(services);
});
afterAll(async () => {
  await services.cleanup();
});

describe('authorization matrix: every procedure × every persona', () => {
  it('has a row for every procedure of the app router, and none for a procedure it lacks', () => {
    const procedures = Object.keys(appRouter._def.procedures);
    const rows = new Set(POLICY.map(([, name]) => procedureOf(name)));
    const missing = procedures.filter((procedure) => !rows.has(procedure));
    const extra = [...rows].filter((procedure) => !procedures.includes(procedure));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('has one cell per persona on each row, each a known outcome, and grants from the catalogue', () => {
    const names = POLICY.map(([, name]) => name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const [cells, name, grants] of POLICY) {
      const expected = expectedOf(cells);
      expect(expected.length, name).toBe(PERSONAS.length);
      expect(
        expected.filter((cell) => cell.startsWith('unknown')),
        name,
      ).toEqual([]);
      // grantsOf refuses a name outside the catalogue; tm- (analytics.view) must lack what tm+ is given.
      if (grants !== '—') expect(grantsOf(grants), name).not.toContain('analytics.view');
    }
    expect(Object.keys(CALLS).sort()).toEqual([...names].sort());
  });

  const cells = POLICY.flatMap(([row, name, grants]) =>
    PERSONAS.map((persona, column) => [name, persona, expectedOf(row)[column], grants] as const),
  );
  it.each(cells)('%s as %s', async (name: RowName, persona: Persona, expected, grants) => {
    const { fixture, call, endsSession } = CALLS[name];
    const { ctx, world, tidy } = await arrange(cast, persona, fixture, grantsOf(grants), {
      ownSession: endsSession,
    });
    try {
      expect(await outcome(call(createCaller(ctx), world))).toBe(expected);
    } finally {
      await tidy();
    }
  });
});
