/**
 * Search, part of the backend contract (issue 13, item 5): the same cases on every
 * adapter — the embedded one, the Appwrite one against the intercepted-HTTP fake that
 * answers `Query.search` as MariaDB boolean-mode fulltext does (mock-fulltext.ts), and
 * a real Appwrite server when one is configured. Services search one query per word
 * (server/services/search-queries.ts): every word a prefix, all of them required, words
 * under 3 characters and stopwords ignored. A single query's words are OR'ed, as
 * Appwrite's MariaDB does, and only a one-column fulltext index serves a search.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBackendError } from '../../server/backend/errors';
import type { Backend, RowData } from '../../server/backend/port';
import { searchQueries } from '../../server/services/search-queries';
import type { ContractSubject } from './backend-contract';

const COURSES = { databaseId: 'aurora_main', tableId: 'courses' } as const;

type Key = 'java' | 'web' | 'cafe' | 'go';

/** searchText is title, description and tags, as course-tags.ts writes it. */
const SEED: Record<Key, string> = {
  java: 'Introduction to Java\nObjects and classes\nprogramming',
  web: 'JavaScript for the web\nThe DOM and its events\nfrontend',
  cafe: 'Café culture\nRésumé writing for baristas\ncoffee',
  go: 'Go in practice\nConcurrency with goroutines\nbackend',
};

export function describeSearchContract(label: string, setup: () => Promise<ContractSubject>): void {
  describe(`search contract: ${label}`, () => {
    let subject: ContractSubject | undefined;
    let scope = '';
    const created: string[] = [];
    const byId = new Map<string, Key>();

    function backend(): Backend {
      if (!subject) throw new Error('search contract setup did not run');
      return subject.backend;
    }

    /** The seed keys of this run's courses that `queries` find, sorted. */
    async function found(queries: string[]): Promise<Key[]> {
      const list = await backend().tables.list({
        ...COURSES,
        queries: [Query.equal('instructor', scope), ...queries],
      });
      return list.rows.flatMap((row) => byId.get(row.$id) ?? []).sort();
    }

    /** What a search box's `text` finds, as the services send it. */
    const searchFor = (text: string) => found(searchQueries('searchText', text));

    beforeAll(async () => {
      subject = await setup();
      scope = `${subject.idPrefix}s${Date.now().toString(36)}`;
      for (const [key, searchText] of Object.entries(SEED) as [Key, string][]) {
        const data: RowData = {
          title: searchText.split('\n')[0] ?? key,
          description: 'A course of the search contract',
          instructor: scope,
          category: 'testing',
          difficulty: 'beginner',
          createdAt: '2024-01-01T00:00:00.000Z',
          updatedAt: '2024-01-01T00:00:00.000Z',
          searchText,
        };
        const row = await backend().tables.create({ ...COURSES, rowId: `${scope}${key}`, data });
        created.push(row.$id);
        byId.set(row.$id, key);
      }
    });

    afterAll(async () => {
      if (!subject) return;
      for (const rowId of created)
        await subject.backend.tables.delete({ ...COURSES, rowId }).catch(() => undefined);
      await subject.cleanup();
    });

    it('finds a word as the start of a word, in any case', async () => {
      expect(await searchFor('java')).toEqual(['java', 'web']);
      expect(await searchFor('JAVA')).toEqual(['java', 'web']);
      expect(await searchFor('javascript')).toEqual(['web']);
      expect(await searchFor('gorout')).toEqual(['go']);
    });

    it('needs every word (each a prefix)', async () => {
      expect(await searchFor('intro java')).toEqual(['java']);
      expect(await searchFor('java front')).toEqual(['web']);
      expect(await searchFor('java coffee')).toEqual([]);
    });

    it('ignores accents', async () => {
      expect(await searchFor('cafe')).toEqual(['cafe']);
      expect(await searchFor('resume barista')).toEqual(['cafe']);
    });

    it('ignores words under 3 characters and stopwords: alone they do not filter', async () => {
      expect(searchQueries('searchText', 'go to a')).toEqual([]);
      expect(await searchFor('go to a')).toEqual(['cafe', 'go', 'java', 'web']);
      expect(await searchFor('go concurrency')).toEqual(['go']);
      expect(await searchFor('the java')).toEqual(['java', 'web']);
    });

    it('treats search syntax as plain words', async () => {
      expect(await searchFor('"java" -web +(coffee)*')).toEqual([]);
      expect(await searchFor('java*')).toEqual(['java', 'web']);
    });

    it("ORs the words of one query, as Appwrite's MariaDB does (why services send one per word)", async () => {
      expect(await found([Query.search('searchText', 'coffee frontend')])).toEqual(['cafe', 'web']);
      expect(await found([Query.search('searchText', 'coffee front')])).toEqual(['cafe', 'web']);
      // A value wrapped in double quotes is a phrase (getFulltextValue keeps the quotes).
      expect(await found([Query.search('searchText', '"objects and classes"')])).toEqual(['java']);
      expect(await found([Query.search('searchText', '"classes and objects"')])).toEqual([]);
    });

    it('refuses a search on a column without a one-column fulltext index of its own', async () => {
      const error = await backend()
        .tables.list({
          ...COURSES,
          queries: [Query.equal('instructor', scope), Query.search('title', 'java')],
        })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(isBackendError(error, 'invalid'), `expected "invalid", got: ${String(error)}`).toBe(true);
    });
  });
}
