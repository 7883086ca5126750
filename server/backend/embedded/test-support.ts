/** Test helper: an embedded backend on a fresh temporary directory. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedBackend, type EmbeddedBackend, type EmbeddedBackendOptions } from './index';

export interface TempBackend {
  backend: EmbeddedBackend;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function openTempBackend(
  options: Omit<EmbeddedBackendOptions, 'dataDir'> = {},
): Promise<TempBackend> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aurora-embedded-'));
  const backend = createEmbeddedBackend({ ...options, dataDir });
  return {
    backend,
    dataDir,
    dispose: async () => {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid courses row; tests override what they care about. */
export function courseRow(overrides: Record<string, string | number | boolean | null | string[]> = {}) {
  return {
    title: 'A course',
    description: 'Described',
    instructor: 'instructor-1',
    category: 'general',
    difficulty: 'beginner',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const COURSES = { databaseId: 'aurora_main', tableId: 'courses' } as const;
