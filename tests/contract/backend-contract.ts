/**
 * The backend contract: one suite every adapter must pass (DESIGN §3). It uses only the
 * port, so it runs unchanged against the embedded adapter and against a real, shared
 * Appwrite server: every id and email starts with the adapter's `idPrefix`, every list
 * is narrowed to rows this run created, and what it created is deleted afterwards.
 */
import { ID, Query } from 'node-appwrite';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaleCursorError } from '../../server/backend/errors';
import type { Backend, BucketId, DatabaseId, Row, RowData } from '../../server/backend/port';
import { expectKind, failure } from './expect-error';
import { describeSearchContract } from './search-contract';
import { describeTeamsContract } from './teams-contract';
import { describeTotalsContract } from './totals-contract';

export interface ContractSubject {
  backend: Backend;
  /** Starts every id and email this run creates; a letter or digit first, at most 12 characters. */
  idPrefix: string;
  cleanup(): Promise<void>;
}

interface Ref {
  databaseId: DatabaseId;
  tableId: string;
}

const COURSES: Ref = { databaseId: 'aurora_main', tableId: 'courses' };
const LESSONS: Ref = { databaseId: 'aurora_main', tableId: 'lessons' };
const PROFILES: Ref = { databaseId: 'aurora_main', tableId: 'users' };
const ENROLLMENTS: Ref = { databaseId: 'aurora_main', tableId: 'enrollments' };
const ANALYTICS: Ref = { databaseId: 'aurora_analytics', tableId: 'course_analytics' };
const PASSWORD = 'correct horse battery';

/** A cursor outside its list: typed, recognisable by its reason, naming no table. */
async function expectStaleCursor(promise: Promise<unknown>): Promise<void> {
  const error = await failure(promise);
  expect(isStaleCursorError(error), `expected a stale-cursor BackendError, got: ${String(error)}`).toBe(true);
  expect(String(error)).not.toMatch(/aurora_|courses|certificates/);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function time(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

export function describeBackendContract(label: string, setup: () => Promise<ContractSubject>): void {
  describe(`backend contract: ${label}`, () => {
    let subject: ContractSubject | undefined;
    let counter = 0;
    const createdRows: (Ref & { rowId: string })[] = [];
    const createdUsers: string[] = [];
    const createdFiles: { bucketId: BucketId; fileId: string }[] = [];

    function backend(): Backend {
      if (!subject) throw new Error('contract setup did not run');
      return subject.backend;
    }

    /** A fresh id owned by this run. */
    function uid(tag: string): string {
      if (!subject) throw new Error('contract setup did not run');
      counter += 1;
      return `${subject.idPrefix}${tag}${counter.toString(36)}`;
    }

    function email(tag: string): string {
      return `${uid(tag)}@example.com`.toLowerCase();
    }

    async function createRow(ref: Ref, data: RowData, rowId: string = uid('r')): Promise<Row> {
      const row = await backend().tables.create({ ...ref, rowId, data });
      createdRows.push({ ...ref, rowId: row.$id });
      return row;
    }

    function courseData(instructor: string, overrides: RowData = {}): RowData {
      return {
        title: 'Contract course',
        description: 'A course created by the backend contract suite',
        instructor,
        category: 'testing',
        difficulty: 'beginner',
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        ...overrides,
      };
    }

    /**
     * Rows of `ref` whose `column` equals a value this run made up (an id, a scope), so a
     * shared server's other rows never interfere.
     */
    async function rowsWhere(ref: Ref, column: string, value: string, queries: string[] = []) {
      return backend().tables.list({ ...ref, queries: [Query.equal(column, value), ...queries] });
    }

    /** Courses of one scope (instructor). */
    async function coursesOf(instructor: string, queries: string[] = []) {
      return rowsWhere(COURSES, 'instructor', instructor, queries);
    }

    async function createUser(tag: string, name = 'Contract User') {
      const user = await backend().users.create({
        userId: uid(tag),
        email: email(tag),
        password: PASSWORD,
        name,
      });
      createdUsers.push(user.id);
      return user;
    }

    beforeAll(async () => {
      subject = await setup();
    });

    afterAll(async () => {
      if (!subject) return;
      const port = subject.backend;
      const ignore = () => undefined;
      for (const row of createdRows) await port.tables.delete(row).catch(ignore);
      for (const userId of createdUsers) await port.users.delete(userId).catch(ignore);
      for (const file of createdFiles) await port.storage.delete(file).catch(ignore);
      await subject.cleanup();
    });

    describe('tables: create, get, update, delete', () => {
      it('creates a row with every column type and reads it back', async () => {
        const scope = uid('s');
        const row = await createRow(
          COURSES,
          courseData(scope, {
            title: 'Round trip',
            thumbnail: 'thumb-1',
            difficulty: 'advanced',
            duration: 12.5,
            price: 49.99,
            isPublished: true,
            tags: ['alpha', 'beta'],
            createdAt: '2024-05-06T07:08:09.000Z',
          }),
        );
        expect(row.$tableId).toBe('courses');
        expect(row.$databaseId).toBe('aurora_main');
        expect(Number.isNaN(time(row.$createdAt))).toBe(false);
        expect(Number.isNaN(time(row.$updatedAt))).toBe(false);
        const fetched = await backend().tables.get({ ...COURSES, rowId: row.$id });
        expect(fetched).toMatchObject({
          $id: row.$id,
          title: 'Round trip',
          thumbnail: 'thumb-1',
          difficulty: 'advanced',
          duration: 12.5,
          price: 49.99,
          isPublished: true,
          tags: ['alpha', 'beta'],
        });
        expect(time(fetched.createdAt)).toBe(Date.parse('2024-05-06T07:08:09.000Z'));
      });

      it('applies column defaults and leaves unset optional columns null', async () => {
        const row = await createRow(COURSES, courseData(uid('s')));
        expect(row.price).toBe(0);
        expect(row.duration).toBe(0);
        expect(row.isPublished).toBe(false);
        expect(row.thumbnail ?? null).toBeNull();
      });

      it('generates an id when none is given, and accepts ID.unique()', async () => {
        const scope = uid('s');
        const generated = await backend().tables.create({ ...COURSES, data: courseData(scope) });
        createdRows.push({ ...COURSES, rowId: generated.$id });
        const unique = await backend().tables.create({
          ...COURSES,
          rowId: ID.unique(),
          data: courseData(scope),
        });
        createdRows.push({ ...COURSES, rowId: unique.$id });
        for (const id of [generated.$id, unique.$id]) expect(id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}$/);
        expect(generated.$id).not.toBe(unique.$id);
        expect((await coursesOf(scope)).total).toBe(2);
      });

      it('refuses an existing id with conflict and keeps the first row', async () => {
        const scope = uid('s');
        const row = await createRow(COURSES, courseData(scope, { title: 'First' }));
        await expectKind(
          backend().tables.create({
            ...COURSES,
            rowId: row.$id,
            data: courseData(scope, { title: 'Second' }),
          }),
          'conflict',
        );
        expect((await backend().tables.get({ ...COURSES, rowId: row.$id })).title).toBe('First');
        expect((await coursesOf(scope)).total).toBe(1);
      });

      it('refuses a unique index violation with conflict', async () => {
        const userId = uid('u');
        const courseId = uid('c');
        const data = { userId, courseId, enrolledAt: '2024-01-01T00:00:00.000Z' };
        await createRow(ENROLLMENTS, data);
        await expectKind(backend().tables.create({ ...ENROLLMENTS, rowId: uid('r'), data }), 'conflict');
        const list = await rowsWhere(ENROLLMENTS, 'userId', userId);
        expect(list.total).toBe(1);
      });

      it('updates only the given columns', async () => {
        const row = await createRow(
          COURSES,
          courseData(uid('s'), { title: 'Before', price: 5, tags: ['x'] }),
        );
        const updated = await backend().tables.update({
          ...COURSES,
          rowId: row.$id,
          data: { title: 'After' },
        });
        expect(updated).toMatchObject({ title: 'After', price: 5, tags: ['x'] });
        expect(time(updated.$updatedAt)).toBeGreaterThanOrEqual(time(row.$updatedAt));
        expect(time(updated.$createdAt)).toBe(time(row.$createdAt));
        expect((await backend().tables.get({ ...COURSES, rowId: row.$id })).title).toBe('After');
      });

      it('sets an optional column back to null', async () => {
        const row = await createRow(COURSES, courseData(uid('s'), { thumbnail: 'thumb-2' }));
        const updated = await backend().tables.update({
          ...COURSES,
          rowId: row.$id,
          data: { thumbnail: null },
        });
        expect(updated.thumbnail ?? null).toBeNull();
      });

      it('deletes a row', async () => {
        const row = await createRow(COURSES, courseData(uid('s')));
        await backend().tables.delete({ ...COURSES, rowId: row.$id });
        await expectKind(backend().tables.get({ ...COURSES, rowId: row.$id }), 'not_found');
        await expectKind(backend().tables.delete({ ...COURSES, rowId: row.$id }), 'not_found');
      });

      it('answers not_found for missing rows and tables', async () => {
        const missing = uid('missing');
        await expectKind(backend().tables.get({ ...COURSES, rowId: missing }), 'not_found');
        await expectKind(
          backend().tables.update({ ...COURSES, rowId: missing, data: { title: 'x' } }),
          'not_found',
        );
        await expectKind(backend().tables.delete({ ...COURSES, rowId: missing }), 'not_found');
        await expectKind(
          backend().tables.list({ databaseId: 'aurora_main', tableId: 'no_such_table' }),
          'not_found',
        );
      });
    });

    describe('tables: bad input is refused and writes nothing', () => {
      const badCourses: [string, RowData][] = [
        ['an unknown column', { nope: 'x' }],
        ['a string where a number belongs', { price: 'cheap' }],
        ['a string where a boolean belongs', { isPublished: 'yes' }],
        ['a scalar where an array belongs', { tags: 'math' }],
        ['numbers in a string array', { tags: [1, 2] }],
        ['a value outside the enum', { difficulty: 'expert' }],
        ['an oversize string', { title: 'x'.repeat(201) }],
        ['an oversize array element', { tags: ['y'.repeat(33)] }],
        ['a number below the minimum', { price: -1 }],
        ['a number above the maximum', { duration: 10001 }],
        ['null in a required column', { title: null }],
        ['a malformed datetime', { createdAt: 'yesterday' }],
      ];

      for (const [what, overrides] of badCourses) {
        it(`refuses ${what}`, async () => {
          const scope = uid('s');
          await expectKind(
            backend().tables.create({ ...COURSES, rowId: uid('bad'), data: courseData(scope, overrides) }),
            'invalid',
          );
          expect((await coursesOf(scope)).total).toBe(0);
        });
      }

      it('refuses a missing required column', async () => {
        const scope = uid('s');
        const { title: _title, ...withoutTitle } = courseData(scope);
        await expectKind(
          backend().tables.create({ ...COURSES, rowId: uid('bad'), data: withoutTitle }),
          'invalid',
        );
        expect((await coursesOf(scope)).total).toBe(0);
      });

      it('refuses a non-integer in an integer column', async () => {
        const courseId = uid('c');
        const data = {
          courseId,
          title: 'Lesson',
          order: 1.5,
          createdAt: '2024-01-01',
          updatedAt: '2024-01-01',
        };
        await expectKind(backend().tables.create({ ...LESSONS, rowId: uid('bad'), data }), 'invalid');
        const list = await rowsWhere(LESSONS, 'courseId', courseId);
        expect(list.total).toBe(0);
      });

      it('refuses a value longer than its column and a malformed email', async () => {
        const courseId = uid('c');
        const lesson = {
          courseId,
          title: 'Lesson',
          order: 1,
          youtubeThumbnail: 'x'.repeat(37),
          createdAt: '2024-01-01',
          updatedAt: '2024-01-01',
        };
        await expectKind(backend().tables.create({ ...LESSONS, rowId: uid('bad'), data: lesson }), 'invalid');
        const lessons = await rowsWhere(LESSONS, 'courseId', courseId);
        expect(lessons.total).toBe(0);

        const name = uid('n');
        const profile = { email: 'not-an-email', name, createdAt: '2024-01-01', updatedAt: '2024-01-01' };
        await expectKind(
          backend().tables.create({ ...PROFILES, rowId: uid('bad'), data: profile }),
          'invalid',
        );
        const profiles = await rowsWhere(PROFILES, 'name', name);
        expect(profiles.total).toBe(0);
      });

      it('refuses malformed row ids', async () => {
        const scope = uid('s');
        for (const rowId of ['_leading', 'has/slash', 'x'.repeat(37), '../escape']) {
          await expectKind(
            backend().tables.create({ ...COURSES, rowId, data: courseData(scope) }),
            'invalid',
          );
        }
        expect((await coursesOf(scope)).total).toBe(0);
      });

      it('refuses a bad update and leaves the row unchanged', async () => {
        const row = await createRow(COURSES, courseData(uid('s'), { title: 'Kept', price: 7 }));
        const bad: RowData[] = [{ price: 'free' }, { difficulty: 'expert' }, { nope: 1 }, { title: null }];
        for (const data of bad) {
          await expectKind(backend().tables.update({ ...COURSES, rowId: row.$id, data }), 'invalid');
        }
        const after = await backend().tables.get({ ...COURSES, rowId: row.$id });
        expect(after).toMatchObject({ title: 'Kept', price: 7, difficulty: 'beginner' });
        expect(after.$updatedAt).toBe(row.$updatedAt);
      });
    });

    describe('tables: queries', () => {
      let scope = '';
      const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = { a: '', b: '', c: '', d: '', e: '' };
      let firstCreatedAt = '';
      const byId = new Map<string, string>();

      beforeAll(async () => {
        scope = uid('q');
        const seed: ['a' | 'b' | 'c' | 'd' | 'e', RowData][] = [
          [
            'a',
            {
              title: 'Alpha Algebra',
              price: 10,
              duration: 5,
              difficulty: 'beginner',
              isPublished: true,
              tags: ['math', 'intro'],
              createdAt: '2024-01-01T00:00:00.000Z',
            },
          ],
          [
            'b',
            {
              title: 'Beta Biology',
              price: 20,
              duration: 12.5,
              difficulty: 'intermediate',
              isPublished: false,
              tags: ['science'],
              thumbnail: 'thumb-b',
              createdAt: '2024-02-01T00:00:00.000Z',
            },
          ],
          [
            'c',
            {
              title: 'Gamma Geometry',
              price: 20,
              duration: 3,
              difficulty: 'advanced',
              isPublished: true,
              tags: ['math'],
              createdAt: '2024-03-01T00:00:00.000Z',
            },
          ],
          [
            'd',
            {
              title: 'Delta Drawing',
              price: 0,
              duration: 40,
              difficulty: 'beginner',
              isPublished: false,
              tags: [],
              thumbnail: 'thumb-d',
              createdAt: '2024-04-01T00:00:00.000Z',
            },
          ],
          [
            'e',
            {
              title: 'Epsilon Economics',
              price: 99.5,
              duration: 8,
              difficulty: 'intermediate',
              isPublished: true,
              tags: ['science', 'intro'],
              createdAt: '2024-05-01T00:00:00.000Z',
            },
          ],
        ];
        for (const [key, overrides] of seed) {
          const row = await createRow(COURSES, courseData(scope, overrides));
          ids[key] = row.$id;
          byId.set(row.$id, key);
          if (key === 'a') firstCreatedAt = row.$createdAt;
        }
      });

      /** The seed keys (a..e) of the rows a query returns, in order. */
      async function keys(...queries: string[]): Promise<string[]> {
        const list = await coursesOf(scope, queries);
        return list.rows.map((row) => byId.get(row.$id) ?? '?');
      }

      async function sortedKeys(...queries: string[]): Promise<string[]> {
        return (await keys(...queries)).sort();
      }

      it('equal, with one value and with several', async () => {
        expect(await sortedKeys(Query.equal('difficulty', 'beginner'))).toEqual(['a', 'd']);
        expect(await sortedKeys(Query.equal('difficulty', ['beginner', 'advanced']))).toEqual([
          'a',
          'c',
          'd',
        ]);
        expect(await sortedKeys(Query.equal('isPublished', true))).toEqual(['a', 'c', 'e']);
        expect(await sortedKeys(Query.equal('price', 20))).toEqual(['b', 'c']);
      });

      it('notEqual', async () => {
        expect(await sortedKeys(Query.notEqual('difficulty', 'beginner'))).toEqual(['b', 'c', 'e']);
      });

      it('lessThan, lessThanEqual, greaterThan, greaterThanEqual', async () => {
        expect(await sortedKeys(Query.lessThan('price', 20))).toEqual(['a', 'd']);
        expect(await sortedKeys(Query.lessThanEqual('price', 20))).toEqual(['a', 'b', 'c', 'd']);
        expect(await sortedKeys(Query.greaterThan('price', 20))).toEqual(['e']);
        expect(await sortedKeys(Query.greaterThanEqual('price', 20))).toEqual(['b', 'c', 'e']);
      });

      it('between is inclusive', async () => {
        expect(await sortedKeys(Query.between('price', 10, 20))).toEqual(['a', 'b', 'c']);
      });

      it('compares datetimes', async () => {
        expect(await sortedKeys(Query.lessThan('createdAt', '2024-03-01T00:00:00.000Z'))).toEqual(['a', 'b']);
        expect(
          await sortedKeys(
            Query.between('createdAt', '2024-02-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z'),
          ),
        ).toEqual(['b', 'c', 'd']);
      });

      it('isNull and isNotNull', async () => {
        expect(await sortedKeys(Query.isNull('thumbnail'))).toEqual(['a', 'c', 'e']);
        expect(await sortedKeys(Query.isNotNull('thumbnail'))).toEqual(['b', 'd']);
      });

      it('startsWith and endsWith', async () => {
        expect(await sortedKeys(Query.startsWith('title', 'Gam'))).toEqual(['c']);
        expect(await sortedKeys(Query.endsWith('title', 'Economics'))).toEqual(['e']);
      });

      it('contains: substring of a string, membership in an array', async () => {
        expect(await sortedKeys(Query.contains('title', 'lph'))).toEqual(['a']);
        expect(await sortedKeys(Query.contains('tags', 'math'))).toEqual(['a', 'c']);
        expect(await sortedKeys(Query.contains('tags', ['science']))).toEqual(['b', 'e']);
      });

      it('filters and orders on system columns', async () => {
        expect(await keys(Query.equal('$id', ids.b))).toEqual(['b']);
        expect(await sortedKeys(Query.greaterThanEqual('$createdAt', firstCreatedAt))).toEqual([
          'a',
          'b',
          'c',
          'd',
          'e',
        ]);
        const newest = await coursesOf(scope, [Query.orderDesc('$createdAt')]);
        const times = newest.rows.map((row) => time(row.$createdAt));
        expect(times).toEqual([...times].sort((x, y) => y - x));
      });

      it('orderAsc and orderDesc, with several keys', async () => {
        expect(await keys(Query.orderDesc('title'))).toEqual(['c', 'e', 'd', 'b', 'a']);
        expect(await keys(Query.orderAsc('price'), Query.orderAsc('title'))).toEqual([
          'd',
          'a',
          'b',
          'c',
          'e',
        ]);
        expect(await keys(Query.orderDesc('price'), Query.orderAsc('title'))).toEqual([
          'e',
          'b',
          'c',
          'a',
          'd',
        ]);
      });

      it('limit and offset page, while total counts every match', async () => {
        const first = await coursesOf(scope, [Query.orderAsc('title'), Query.limit(2)]);
        expect(first.total).toBe(5);
        expect(first.rows.map((row) => byId.get(row.$id))).toEqual(['a', 'b']);
        const rest = await coursesOf(scope, [Query.orderAsc('title'), Query.offset(3)]);
        expect(rest.total).toBe(5);
        expect(rest.rows.map((row) => byId.get(row.$id))).toEqual(['e', 'c']);
        const filtered = await coursesOf(scope, [Query.equal('isPublished', true), Query.limit(1)]);
        expect(filtered.total).toBe(3);
        expect(filtered.rows).toHaveLength(1);
      });

      it('cursorAfter pages through ties in a stable order', async () => {
        const all = await keys(Query.orderAsc('price'));
        expect(all).toHaveLength(5);
        const paged: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 5 && paged.length < 5; page += 1) {
          const queries = [Query.orderAsc('price'), Query.limit(2)];
          if (cursor) queries.push(Query.cursorAfter(cursor));
          const list = await coursesOf(scope, queries);
          expect(list.total).toBe(5);
          paged.push(...list.rows.map((row) => byId.get(row.$id) ?? '?'));
          cursor = list.rows.at(-1)?.$id;
          if (!cursor) break;
        }
        expect(paged).toEqual(all);
      });

      it('cursorBefore returns the rows just before the cursor, in order', async () => {
        const ordered = await coursesOf(scope, [Query.orderAsc('price')]);
        const all = ordered.rows.map((row) => byId.get(row.$id) ?? '?');
        const lastId = ordered.rows.at(-1)?.$id ?? '';
        const before = await keys(Query.orderAsc('price'), Query.cursorBefore(lastId), Query.limit(2));
        expect(before).toEqual(all.slice(2, 4));
      });

      it('a cursor must be a row inside the filters: outside them or missing is a stale cursor', async () => {
        const published = [Query.equal('isPublished', true), Query.orderAsc('title')];
        // b is a row of this scope, but a draft: Appwrite alone would page from it.
        await expectStaleCursor(coursesOf(scope, [...published, Query.cursorAfter(ids.b)]));
        await expectStaleCursor(coursesOf(scope, [...published, Query.cursorBefore(ids.b)]));
        // A row of another scope, which the list's own filter excludes.
        const stranger = await createRow(COURSES, courseData(uid('s'), { isPublished: true }));
        await expectStaleCursor(coursesOf(scope, [...published, Query.cursorAfter(stranger.$id)]));
        await expectStaleCursor(coursesOf(scope, [...published, Query.cursorAfter(uid('missing'))]));
        // Inside the filters, the same kind of cursor still pages.
        expect(await keys(...published, Query.cursorAfter(ids.a))).toEqual(['e', 'c']);
        expect(await keys(...published, Query.cursorBefore(ids.c))).toEqual(['a', 'e']);
      });

      it('select returns only the chosen columns', async () => {
        const list = await coursesOf(scope, [
          Query.select(['$id', 'title', 'price', 'instructor']),
          Query.limit(1),
        ]);
        const row = list.rows[0];
        expect(row?.title).toEqual(expect.any(String));
        expect(row?.price).toEqual(expect.any(Number));
        expect(row && 'description' in row).toBe(false);
        const one = await backend().tables.get({
          ...COURSES,
          rowId: ids.a,
          queries: [Query.select(['title'])],
        });
        expect(one.title).toBe('Alpha Algebra');
        expect('description' in one).toBe(false);
      });

      it('and / or combine filters', async () => {
        expect(
          await sortedKeys(Query.or([Query.equal('difficulty', 'advanced'), Query.greaterThan('price', 50)])),
        ).toEqual(['c', 'e']);
        expect(
          await sortedKeys(Query.and([Query.equal('isPublished', true), Query.lessThan('price', 50)])),
        ).toEqual(['a', 'c']);
        expect(
          await sortedKeys(
            Query.or([
              Query.and([Query.equal('isPublished', false), Query.lessThan('price', 5)]),
              Query.equal('$id', ids.a),
            ]),
          ),
        ).toEqual(['a', 'd']);
      });

      it('refuses bad queries with invalid', async () => {
        const bad = [
          Query.equal('nope', 'x'),
          Query.orderAsc('nope'),
          Query.equal('price', 'cheap'),
          Query.select(['nope']),
          JSON.stringify({ method: 'frobnicate', attribute: 'title', values: ['x'] }),
          'not a query',
          '{"method":',
        ];
        for (const query of bad) {
          await expectKind(coursesOf(scope, [query]), 'invalid');
        }
      });
    });

    describe('tables: updateIf', () => {
      it('updates when the row matches and returns null when it does not', async () => {
        const row = await createRow(COURSES, courseData(uid('s'), { isPublished: false, title: 'Draft' }));
        const won = await backend().tables.updateIf({
          ...COURSES,
          rowId: row.$id,
          where: [Query.equal('isPublished', false)],
          data: { isPublished: true },
        });
        expect(won?.isPublished).toBe(true);
        const lost = await backend().tables.updateIf({
          ...COURSES,
          rowId: row.$id,
          where: [Query.equal('isPublished', false)],
          data: { title: 'Should not apply' },
        });
        expect(lost).toBeNull();
        expect((await backend().tables.get({ ...COURSES, rowId: row.$id })).title).toBe('Draft');
      });

      it('lets exactly one of two racing callers win', async () => {
        const row = await createRow(COURSES, courseData(uid('s'), { isPublished: false }));
        const attempt = (title: string) =>
          backend().tables.updateIf({
            ...COURSES,
            rowId: row.$id,
            where: [Query.equal('isPublished', false)],
            data: { isPublished: true, title },
          });
        const results = await Promise.all([attempt('First'), attempt('Second')]);
        const winners = results.filter((result) => result !== null);
        expect(winners).toHaveLength(1);
        const final = await backend().tables.get({ ...COURSES, rowId: row.$id });
        expect(final.title).toBe(winners[0]?.title);
      });

      it('answers not_found for a missing row and invalid for bad input', async () => {
        const where = [Query.equal('isPublished', false)];
        await expectKind(
          backend().tables.updateIf({ ...COURSES, rowId: uid('missing'), where, data: { title: 'x' } }),
          'not_found',
        );
        const row = await createRow(COURSES, courseData(uid('s'), { title: 'Kept' }));
        await expectKind(
          backend().tables.updateIf({
            ...COURSES,
            rowId: row.$id,
            where: [Query.equal('nope', 1)],
            data: { title: 'x' },
          }),
          'invalid',
        );
        await expectKind(
          backend().tables.updateIf({ ...COURSES, rowId: row.$id, where, data: { price: 'free' } }),
          'invalid',
        );
        expect((await backend().tables.get({ ...COURSES, rowId: row.$id })).title).toBe('Kept');
      });
    });

    describe('tables: increment', () => {
      it('adds and subtracts atomically, refusing to pass the bounds', async () => {
        const row = await createRow(ANALYTICS, { courseId: uid('c'), totalEnrollments: 0 });
        const ref = { ...ANALYTICS, rowId: row.$id };
        expect(
          (await backend().tables.increment({ ...ref, column: 'totalEnrollments', by: 1 })).totalEnrollments,
        ).toBe(1);
        await Promise.all(
          [1, 2, 3].map(() => backend().tables.increment({ ...ref, column: 'totalEnrollments', by: 1 })),
        );
        expect((await backend().tables.get(ref)).totalEnrollments).toBe(4);
        expect(
          (await backend().tables.increment({ ...ref, column: 'totalEnrollments', by: -2 })).totalEnrollments,
        ).toBe(2);

        await expectKind(
          backend().tables.increment({ ...ref, column: 'totalEnrollments', by: -3 }),
          'invalid',
        );
        await expectKind(
          backend().tables.increment({ ...ref, column: 'totalEnrollments', by: 5, max: 6 }),
          'invalid',
        );
        await expectKind(
          backend().tables.increment({ ...ref, column: 'totalEnrollments', by: -1, min: 2 }),
          'invalid',
        );
        expect((await backend().tables.get(ref)).totalEnrollments).toBe(2);

        expect(
          (await backend().tables.increment({ ...ref, column: 'averageRating', by: 4.5 })).averageRating,
        ).toBe(4.5);
        await expectKind(backend().tables.increment({ ...ref, column: 'averageRating', by: 1 }), 'invalid');
        expect((await backend().tables.get(ref)).averageRating).toBe(4.5);
      });

      it('refuses non-numeric and unknown columns, and missing rows', async () => {
        const row = await createRow(ANALYTICS, { courseId: uid('c') });
        const ref = { ...ANALYTICS, rowId: row.$id };
        await expectKind(backend().tables.increment({ ...ref, column: 'courseId', by: 1 }), 'invalid');
        await expectKind(backend().tables.increment({ ...ref, column: 'nope', by: 1 }), 'invalid');
        await expectKind(
          backend().tables.increment({
            ...ANALYTICS,
            rowId: uid('missing'),
            column: 'totalEnrollments',
            by: 1,
          }),
          'not_found',
        );
      });
    });

    // Issue 13 (decision 0029): compare-and-set and increments as they hold on both adapters.
    describe('tables: compare-and-set under contention, increments as stored', () => {
      it('compare-and-set under 50 parallel callers: exactly one wins', async () => {
        const row = await createRow(
          COURSES,
          courseData(uid('s'), { isPublished: false, title: 'Unclaimed' }),
        );
        const claim = (caller: number) =>
          backend().tables.updateIf({
            ...COURSES,
            rowId: row.$id,
            where: [Query.equal('isPublished', false)],
            data: { isPublished: true, title: `Claimed by ${caller}` },
          });
        const results = await Promise.all(Array.from({ length: 50 }, (_, caller) => claim(caller)));
        const winners = results.filter((result) => result !== null);
        expect(winners).toHaveLength(1);
        const stored = await backend().tables.get({ ...COURSES, rowId: row.$id });
        expect(stored.title).toBe(winners[0]?.title);
        expect(stored.$updatedAt).toBe(winners[0]?.$updatedAt);
      });

      it('increment returns the row as stored, $updatedAt included', async () => {
        const row = await createRow(ANALYTICS, { courseId: uid('c'), totalEnrollments: 1 });
        const ref = { ...ANALYTICS, rowId: row.$id };
        const returned = await backend().tables.increment({ ...ref, column: 'totalEnrollments', by: 2 });
        const stored = await backend().tables.get(ref);
        expect(returned.totalEnrollments).toBe(3);
        expect(returned.$updatedAt).toBe(stored.$updatedAt);
        expect(time(returned.$updatedAt)).toBeGreaterThanOrEqual(time(row.$updatedAt));
      });

      it('increment counts a NULL column from zero and refuses a step past the bound', async () => {
        const row = await createRow(ANALYTICS, {
          courseId: uid('c'),
          totalEnrollments: null,
          completionRate: null,
        });
        const ref = { ...ANALYTICS, rowId: row.$id };
        const returned = await backend().tables.increment({ ...ref, column: 'totalEnrollments', by: 2 });
        expect(returned.totalEnrollments).toBe(2);
        expect((await backend().tables.get(ref)).totalEnrollments).toBe(2);

        await expectKind(
          backend().tables.increment({ ...ref, column: 'completionRate', by: 150 }),
          'invalid',
        );
        expect((await backend().tables.get(ref)).completionRate).toBeNull();
      });
    });

    describe('users', () => {
      it('creates, gets and finds users by email in any case', async () => {
        const address = email('ann');
        const user = await backend().users.create({
          userId: uid('u'),
          email: address,
          password: PASSWORD,
          name: 'Ann',
        });
        createdUsers.push(user.id);
        expect(user).toMatchObject({ name: 'Ann', role: 'regular' });
        expect(user.email.toLowerCase()).toBe(address);
        expect(Number.isNaN(time(user.createdAt))).toBe(false);
        expect(await backend().users.get(user.id)).toEqual(user);
        expect((await backend().users.findByEmail(address.toUpperCase()))?.id).toBe(user.id);
        expect(await backend().users.findByEmail(email('nobody'))).toBeNull();
      });

      it('refuses a taken email (any case) or id with conflict', async () => {
        const user = await createUser('dup');
        await expectKind(
          backend().users.create({
            userId: uid('u'),
            email: user.email.toUpperCase(),
            password: PASSWORD,
            name: 'Copy',
          }),
          'conflict',
        );
        await expectKind(
          backend().users.create({
            userId: user.id,
            email: email('other'),
            password: PASSWORD,
            name: 'Copy',
          }),
          'conflict',
        );
      });

      it('refuses a malformed email or a short password and creates nothing', async () => {
        const userId = uid('u');
        await expectKind(
          backend().users.create({ userId, email: 'not-an-email', password: PASSWORD, name: 'X' }),
          'invalid',
        );
        const address = email('short');
        await expectKind(
          backend().users.create({ userId, email: address, password: 'short', name: 'X' }),
          'invalid',
        );
        await expectKind(backend().users.get(userId), 'not_found');
        expect(await backend().users.findByEmail(address)).toBeNull();
      });

      it('lists users by a case-insensitive search, with limit and offset', async () => {
        const token = uid('quill');
        await createUser('l1', `Ann ${token}`);
        await createUser('l2', `Bob ${token}`);
        const all = await backend().users.list({ search: token.toUpperCase() });
        expect(all.total).toBe(2);
        expect(all.users.map((user) => user.name).sort()).toEqual([`Ann ${token}`, `Bob ${token}`]);
        const first = await backend().users.list({ search: token, limit: 1 });
        const second = await backend().users.list({ search: token, limit: 1, offset: 1 });
        expect(first.total).toBe(2);
        expect(first.users).toHaveLength(1);
        expect(second.users).toHaveLength(1);
        expect(second.users[0]?.id).not.toBe(first.users[0]?.id);
      });

      it('sets the role and the name', async () => {
        const user = await createUser('role');
        expect((await backend().users.setRole(user.id, 'instructor')).role).toBe('instructor');
        expect((await backend().users.get(user.id)).role).toBe('instructor');
        expect((await backend().users.updateName(user.id, 'Renamed')).name).toBe('Renamed');
        await expectKind(backend().users.setRole(uid('missing'), 'admin'), 'not_found');
      });

      it('sets and clears the organization role, each role surviving a change of the other', async () => {
        const user = await createUser('org');
        expect(user.orgRole).toBeNull();
        expect(await backend().users.setOrgRole(user.id, 'moderator')).toMatchObject({
          role: 'regular',
          orgRole: 'moderator',
        });
        expect((await backend().users.get(user.id)).orgRole).toBe('moderator');
        expect(await backend().users.setRole(user.id, 'instructor')).toMatchObject({
          role: 'instructor',
          orgRole: 'moderator',
        });
        expect(await backend().users.setOrgRole(user.id, 'owner')).toMatchObject({
          role: 'instructor',
          orgRole: 'owner',
        });
        expect((await backend().users.findByEmail(user.email))?.orgRole).toBe('owner');
        const listed = await backend().users.list({ search: user.email });
        expect(listed.users.find((each) => each.id === user.id)?.orgRole).toBe('owner');
        expect(await backend().users.setOrgRole(user.id, null)).toMatchObject({
          role: 'instructor',
          orgRole: null,
        });
        expect(await backend().users.get(user.id)).toMatchObject({ role: 'instructor', orgRole: null });
        await expectKind(backend().users.setOrgRole(uid('missing'), 'viewer'), 'not_found');
      });

      it('changes the password', async () => {
        const user = await createUser('pw');
        await backend().users.updatePassword(user.id, 'a brand new password');
        await expectKind(
          backend().sessions.create({ email: user.email, password: PASSWORD }),
          'unauthorized',
        );
        const session = await backend().sessions.create({
          email: user.email,
          password: 'a brand new password',
        });
        expect(session.userId).toBe(user.id);
      });

      it('deletes a user and ends their sessions', async () => {
        const user = await createUser('del');
        const session = await backend().sessions.create({ email: user.email, password: PASSWORD });
        await backend().users.delete(user.id);
        await expectKind(backend().users.get(user.id), 'not_found');
        expect(await backend().sessions.resolve(session.secret)).toBeNull();
        await expectKind(backend().users.delete(user.id), 'not_found');
      });
    });

    describe('sessions', () => {
      it('creates a session from email and password and resolves it', async () => {
        const user = await createUser('s');
        const session = await backend().sessions.create({
          email: user.email.toUpperCase(),
          password: PASSWORD,
        });
        expect(session.userId).toBe(user.id);
        expect(session.secret.length).toBeGreaterThanOrEqual(32);
        expect(time(session.expiresAt)).toBeGreaterThan(Date.now());
        const resolved = await backend().sessions.resolve(session.secret);
        expect(resolved?.user.id).toBe(user.id);
        expect(time(resolved?.expiresAt)).toBeGreaterThan(Date.now());
      });

      it("carries the user's organization role on the resolved session", async () => {
        const user = await createUser('so');
        await backend().users.setOrgRole(user.id, 'viewer');
        const session = await backend().sessions.create({ email: user.email, password: PASSWORD });
        const resolved = await backend().sessions.resolve(session.secret);
        expect(resolved?.user).toMatchObject({ id: user.id, role: 'regular', orgRole: 'viewer' });
      });

      it('refuses a wrong password and an unknown email alike', async () => {
        const user = await createUser('s');
        await expectKind(
          backend().sessions.create({ email: user.email, password: 'wrong password' }),
          'unauthorized',
        );
        await expectKind(
          backend().sessions.create({ email: email('ghost'), password: PASSWORD }),
          'unauthorized',
        );
      });

      it('resolves unknown secrets to null', async () => {
        expect(await backend().sessions.resolve('not-a-real-session-secret')).toBeNull();
      });

      it('deletes one session or all of a user', async () => {
        const user = await createUser('s');
        const one = await backend().sessions.create({ email: user.email, password: PASSWORD });
        const two = await backend().sessions.create({ email: user.email, password: PASSWORD });
        const three = await backend().sessions.create({ email: user.email, password: PASSWORD });
        await backend().sessions.delete(one.secret);
        expect(await backend().sessions.resolve(one.secret)).toBeNull();
        expect((await backend().sessions.resolve(two.secret))?.user.id).toBe(user.id);
        await backend().sessions.deleteAllForUser(user.id);
        expect(await backend().sessions.resolve(two.secret)).toBeNull();
        expect(await backend().sessions.resolve(three.secret)).toBeNull();
      });
    });

    describe('storage', () => {
      const bytes = Buffer.from('%PDF-1.4 contract test file\n');

      async function put(bucketId: BucketId, name: string, data: Buffer, fileId: string = uid('f')) {
        const file = await backend().storage.put({
          bucketId,
          fileId,
          name,
          mimeType: 'application/pdf',
          data,
        });
        createdFiles.push({ bucketId, fileId: file.id });
        return file;
      }

      it('stores a file, describes it, streams it back and lists it', async () => {
        const file = await put('certificates', 'diploma.pdf', bytes);
        expect(file).toMatchObject({
          bucketId: 'certificates',
          name: 'diploma.pdf',
          mimeType: 'application/pdf',
        });
        expect(file.sizeOriginal).toBe(bytes.length);
        expect(
          await backend().storage.getMetadata({ bucketId: 'certificates', fileId: file.id }),
        ).toMatchObject({
          id: file.id,
          sizeOriginal: bytes.length,
        });
        const stream = await backend().storage.read({ bucketId: 'certificates', fileId: file.id });
        expect((await readAll(stream)).equals(bytes)).toBe(true);
        const list = await backend().storage.list({
          bucketId: 'certificates',
          queries: [Query.equal('$id', [file.id])],
        });
        expect(list.total).toBe(1);
        expect(list.files[0]?.id).toBe(file.id);
      });

      it("refuses a cursor from another bucket or outside the list's filters as stale", async () => {
        const pdf = await put('certificates', 'first.pdf', bytes);
        const other = await put('certificates', 'second.pdf', bytes);
        const list = (cursor: string) =>
          backend().storage.list({
            bucketId: 'certificates',
            queries: [Query.equal('$id', [pdf.id, other.id]), Query.notEqual('name', 'second.pdf'), cursor],
          });
        await expectStaleCursor(list(Query.cursorAfter(other.id)));
        await expectStaleCursor(list(Query.cursorAfter(uid('missing'))));
        const elsewhere = await backend().storage.put({
          bucketId: 'course-materials',
          fileId: uid('f'),
          name: 'elsewhere.pdf',
          mimeType: 'application/pdf',
          data: bytes,
        });
        createdFiles.push({ bucketId: 'course-materials', fileId: elsewhere.id });
        await expectStaleCursor(list(Query.cursorAfter(elsewhere.id)));
        expect((await list(Query.cursorAfter(pdf.id))).files).toEqual([]);
      });

      it('generates file ids and refuses an existing one', async () => {
        const generated = await backend().storage.put({
          bucketId: 'certificates',
          name: 'generated.pdf',
          mimeType: 'application/pdf',
          data: bytes,
        });
        createdFiles.push({ bucketId: 'certificates', fileId: generated.id });
        expect(generated.id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}$/);
        await expectKind(put('certificates', 'again.pdf', bytes, generated.id), 'conflict');
        expect(
          (await backend().storage.getMetadata({ bucketId: 'certificates', fileId: generated.id })).name,
        ).toBe('generated.pdf');
      });

      it('deletes a file', async () => {
        const file = await put('certificates', 'gone.pdf', bytes);
        await backend().storage.delete({ bucketId: 'certificates', fileId: file.id });
        await expectKind(
          backend().storage.getMetadata({ bucketId: 'certificates', fileId: file.id }),
          'not_found',
        );
        await expectKind(backend().storage.read({ bucketId: 'certificates', fileId: file.id }), 'not_found');
        await expectKind(
          backend().storage.delete({ bucketId: 'certificates', fileId: file.id }),
          'not_found',
        );
      });

      it('enforces the bucket size and extension limits, storing nothing', async () => {
        const tooBig = uid('f');
        await expectKind(
          put('user-uploads', 'huge.png', Buffer.alloc(2 * 1024 * 1024 + 1), tooBig),
          'invalid',
        );
        await expectKind(
          backend().storage.getMetadata({ bucketId: 'user-uploads', fileId: tooBig }),
          'not_found',
        );
        const wrongType = uid('f');
        await expectKind(put('thumbnails', 'evil.exe', bytes, wrongType), 'invalid');
        await expectKind(
          backend().storage.getMetadata({ bucketId: 'thumbnails', fileId: wrongType }),
          'not_found',
        );
      });

      it('refuses malformed file ids', async () => {
        for (const fileId of ['../escape', 'a/b', '.hidden', 'x'.repeat(37)]) {
          await expectKind(put('certificates', 'x.pdf', bytes, fileId), 'invalid');
        }
      });
    });

    // Teams have their own file (teams-contract.ts), run with this run's ids and users.
    describeTeamsContract({ backend, uid, createUser });

    describe('health', () => {
      it('reports the backend as healthy', async () => {
        const health = await backend().health();
        expect(health.ok).toBe(true);
        expect(health.backend).toBe(backend().kind);
        expect(health.latencyMs).toBeGreaterThanOrEqual(0);
      });
    });
  });

  // Search has its own block (search-contract.ts), also run against the Appwrite fake.
  describeSearchContract(label, setup);
  // Totals and id lists too (totals-contract.ts), also run against the Appwrite fake.
  describeTotalsContract(label, setup);
}
