/**
 * The table registry and `appwrite.json` name the same tables, and no service or job
 * spells a table out for itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectSchemaSpec } from '../backend/schema';
import { ALL_TABLES } from './tables';

/**
 * Tables of `appwrite.json` that may lack an entry while their area is being built.
 * Each name is removed as its entry lands (the last test below insists).
 */
const NOT_YET_REGISTERED: readonly string[] = [];

const key = (ref: { databaseId: string; tableId: string }) => `${ref.databaseId}.${ref.tableId}`;
const declared = projectSchemaSpec().tables.map((table) => ({
  databaseId: table.databaseId,
  tableId: table.$id,
}));

const root = fileURLToPath(new URL('../..', import.meta.url));
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the table registry', () => {
  it('has an entry for every table of appwrite.json', () => {
    const registered = new Set(ALL_TABLES.map(key));
    const missing = declared.filter(
      (ref) => !registered.has(key(ref)) && !NOT_YET_REGISTERED.includes(ref.tableId),
    );
    expect(missing.map(key)).toEqual([]);
  });

  it('names no table that appwrite.json lacks, and none twice', () => {
    const known = new Set(declared.map(key));
    expect(ALL_TABLES.map(key).filter((name) => !known.has(name))).toEqual([]);
    expect(new Set(ALL_TABLES.map(key)).size).toBe(ALL_TABLES.length);
  });

  it('is the only place a service or job names a table', () => {
    const registry = join(root, 'server/services/tables.ts');
    const spelledOut = ['server/services', 'server/jobs', 'app']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((path) => path !== registry && /tableId: ['"`]/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));
    expect(spelledOut).toEqual([]);
  });

  it('keeps its allow-list to tables that still lack an entry', () => {
    const registered = new Set(ALL_TABLES.map((ref) => ref.tableId));
    expect(NOT_YET_REGISTERED.filter((tableId) => registered.has(tableId))).toEqual([]);
  });
});
