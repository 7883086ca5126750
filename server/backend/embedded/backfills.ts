/**
 * Values for columns that derive from other rows, written once when the column is added
 * to a file that already has rows (migrate.ts): a column default cannot say "how many
 * lessons this course has". Runs inside the migration's transaction, before the server
 * answers a request, so no write can race it. Keyed by `databaseId.tableId.column`.
 */
import type Database from 'better-sqlite3';
import { quoteIdent, rowTableName } from './naming';

type Backfill = (db: Database.Database) => void;

const courses = quoteIdent(rowTableName('aurora_main', 'courses'));
const lessons = quoteIdent(rowTableName('aurora_main', 'lessons'));

const BACKFILLS: ReadonlyMap<string, Backfill> = new Map([
  [
    // Decision 0033: a course's lesson count, kept by the lesson writes from then on.
    'aurora_main.courses.lessonCount',
    (db: Database.Database) =>
      db.exec(
        `UPDATE ${courses} SET "lessonCount" = (SELECT count(*) FROM ${lessons} WHERE ${lessons}."courseId" = ${courses}."$id")`,
      ),
  ],
]);

/** Fills `column` of the existing rows of `databaseId.tableId`, when a backfill is known for it. */
export function backfillAddedColumn(
  db: Database.Database,
  databaseId: string,
  tableId: string,
  column: string,
): void {
  BACKFILLS.get(`${databaseId}.${tableId}.${column}`)?.(db);
}
