/**
 * The data directories the cases run on: a given one (seeded by `npm run bench:seed`, or
 * by an earlier bench into that directory) is reused, otherwise a temporary one is
 * seeded now and removed when the bench ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedManifest } from './seed/manifest';
import { seedBenchData } from './seed/seed';

export interface DataSet {
  dataDir: string;
  manifest: SeedManifest;
}

/** Ten enrollments per course, the proportion of issue 14's 100,000 / 1,000,000. */
export const ENROLLMENTS_PER_COURSE = 10;

const temporary: string[] = [];
const seeded = new Map<string, DataSet>();

export async function dataSet(
  given: string | null,
  size: { courses: number; enrollments: number; benchLearners: number },
): Promise<DataSet> {
  const key = given ?? `${size.courses}/${size.enrollments}/${size.benchLearners}`;
  const known = seeded.get(key);
  if (known) return known;
  let dataDir = given;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'aurora-bench-'));
    temporary.push(dataDir);
  }
  const manifest = await seedBenchData(dataDir, size);
  const set = { dataDir, manifest };
  seeded.set(key, set);
  return set;
}

export function removeTemporaryDataSets(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}
