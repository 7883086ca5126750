/**
 * The job list, the functions/ folders and appwrite.json's `functions` describe the same
 * jobs: a job missing from one of them would run in one mode only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFunctions, FUNCTIONS_DIR, functionFolders } from '../../scripts/build-functions';
import { projectSchemaSpec, type FunctionSpec } from '../backend/schema';
import { eventPatternProblem } from './event-patterns';
import { jobs } from './index';
import { isEventJob, type Job } from './job';
import { assertValidJobs } from './registry-check';

/** What appwrite.json must say about a job; everything else is deployment detail. */
function triggerOf(job: Job) {
  return isEventJob(job)
    ? { $id: job.name, events: [...job.events].sort(), schedule: '' }
    : { $id: job.name, events: [], schedule: job.schedule };
}

function declaredTriggers(functions: readonly FunctionSpec[]) {
  return functions.map((fn) => ({ $id: fn.$id, events: [...fn.events].sort(), schedule: fn.schedule }));
}

const byId = <T extends { $id: string }>(list: T[]) => [...list].sort((a, b) => a.$id.localeCompare(b.$id));

describe('the job list', () => {
  it('passes the start-up checks', () => {
    expect(() => assertValidJobs(jobs)).not.toThrow();
  });

  it('matches appwrite.json functions one to one: name, events, schedule', () => {
    const declared = byId(declaredTriggers(projectSchemaSpec().functions));
    expect(declared).toEqual(byId(jobs.map(triggerOf)));
  });

  it('declares only event patterns Appwrite accepts', () => {
    const patterns = projectSchemaSpec().functions.flatMap((fn) => fn.events);
    expect(patterns.map((pattern) => [pattern, eventPatternProblem(pattern)])).toEqual(
      patterns.map((pattern) => [pattern, null]),
    );
  });

  it('gives every function a deployable declaration', () => {
    for (const fn of projectSchemaSpec().functions) {
      expect(fn, fn.$id).toMatchObject({
        path: `functions/${fn.$id}`,
        entrypoint: 'dist/main.js',
        execute: [],
      });
      // dist/ is what runs: an ignore list must never drop it.
      expect(
        fn.ignore.some((entry) => /dist/.test(entry)),
        fn.$id,
      ).toBe(false);
      expect(fn.scopes.length, fn.$id).toBeGreaterThan(0);
    }
  });

  it('has a thin entry and an ESM package.json per job under functions/', () => {
    expect(functionFolders()).toEqual(jobs.map((job) => job.name).sort());
    for (const job of jobs) {
      const folder = join(FUNCTIONS_DIR, job.name);
      expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')), job.name).toMatchObject({
        type: 'module',
      });
      const entry = readFileSync(join(folder, 'src', 'main.ts'), 'utf8');
      expect(entry, job.name).toMatch(/export default functionEntry\(\w+\);/);
    }
  });

  it('bundles every function without the embedded backend (the build refuses it)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'aurora-bundles-'));
    try {
      await bundleFunctions({
        functions: jobs.map((job) => ({
          entry: join(FUNCTIONS_DIR, job.name, 'src', 'main.ts'),
          out: job.name,
        })),
        outdir: out,
      });
      for (const job of jobs) expect(existsSync(join(out, `${job.name}.js`)), job.name).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('the comparison notices a function whose trigger drifted', () => {
    const [first] = jobs;
    if (!first) throw new Error('the job list is empty');
    const drifted = declaredTriggers(
      projectSchemaSpec().functions.map((fn) =>
        fn.$id === first.name
          ? { ...fn, events: [...fn.events, 'users.*.create'], schedule: '1 1 * * *' }
          : fn,
      ),
    );
    expect(byId(drifted)).not.toEqual(byId(jobs.map(triggerOf)));
  });
});
