/**
 * What a seeded bench data directory holds, written next to aurora.sqlite as
 * bench-seed.json, so the bench can reuse a directory (BENCH_DATA_DIR) without guessing
 * ids and can refuse one seeded at another size.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const MANIFEST_FILE = 'bench-seed.json';

export const manifestSchema = z.object({
  format: z.literal(1),
  courses: z.number().int().positive(),
  enrollments: z.number().int().nonnegative(),
  instructors: z.number().int().positive(),
  learners: z.number().int().nonnegative(),
  /** Accounts enrolled in the video course, with BENCH_PASSWORD; the scenarios sign them in. */
  benchLearnerEmails: z.array(z.string()).min(1),
  password: z.string(),
  /** A published course of the catalog (the template every other course copies). */
  catalogCourseId: z.string(),
  videoCourseId: z.string(),
  videoLessonIds: z.array(z.string()).min(1),
  seedSeconds: z.number(),
});
export type SeedManifest = z.output<typeof manifestSchema>;

export function readManifest(dataDir: string): SeedManifest | null {
  const file = join(dataDir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  return manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function writeManifest(dataDir: string, manifest: SeedManifest): void {
  writeFileSync(join(dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
