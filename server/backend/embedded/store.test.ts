import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './store';

describe('store transactions', () => {
  let dir: string;
  let store: Store;
  const values = () => store.statement('SELECT "v" FROM "t" ORDER BY "v"').all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aurora-store-'));
    store = openStore(dir);
    store.db.exec('CREATE TABLE "t" ("v" TEXT NOT NULL UNIQUE)');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits what a write did and answers its result', () => {
    const result = store.write(() => store.statement('INSERT INTO "t" VALUES (?)').run('a').changes);
    expect(result).toBe(1);
    expect(values()).toEqual([{ v: 'a' }]);
    expect(store.db.inTransaction).toBe(false);
  });

  it('undoes all of a write that fails, and says why', () => {
    expect(() =>
      store.write(() => {
        store.statement('INSERT INTO "t" VALUES (?)').run('a');
        store.statement('INSERT INTO "t" VALUES (?)').run('a');
      }),
    ).toThrow(/already has the same v/);
    expect(values()).toEqual([]);
    expect(store.db.inTransaction).toBe(false);
  });

  it('undoes only the inner part of a nested write that fails and is caught', () => {
    store.write(() => {
      store.statement('INSERT INTO "t" VALUES (?)').run('outer');
      try {
        store.write(() => {
          store.statement('INSERT INTO "t" VALUES (?)').run('inner');
          throw new Error('inner failed');
        });
      } catch {
        // the outer write goes on
      }
    });
    expect(values()).toEqual([{ v: 'outer' }]);
  });

  it('refuses work that waits for a promise, and keeps none of it', () => {
    expect(() =>
      store.write(() => {
        store.statement('INSERT INTO "t" VALUES (?)').run('a');
        return Promise.resolve();
      }),
    ).toThrow(/promise/);
    expect(values()).toEqual([]);
    expect(store.db.inTransaction).toBe(false);
  });

  it('reads in a snapshot and leaves no transaction open', () => {
    store.write(() => store.statement('INSERT INTO "t" VALUES (?)').run('a'));
    expect(store.read(() => values())).toEqual([{ v: 'a' }]);
    expect(store.db.inTransaction).toBe(false);
  });
});
