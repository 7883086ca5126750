/**
 * Test support (imported by *.test.ts only): the events Appwrite 1.9.6 would fire for the
 * row writes the fake TablesDB applied, so a test can ask "would this Function run, and
 * with what?" without an Appwrite server. Read from Appwrite's source (paths in
 * docs/decisions/0030-appwrite-facts-relied-on.md):
 *
 * - Which template a write fires: a create sets
 *   `databases.[databaseId].collections.[collectionId].documents.[documentId].create` in its
 *   action (Databases/Collections/Documents/Create.php, shared by the TablesDB route); an
 *   update, increment or decrement carries the route label
 *   `databases.[databaseId].tables.[tableId].rows.[rowId].update`, a delete `….delete`
 *   (TablesDB/Tables/Rows/*.php); a committed transaction fires one `update` per staged row.
 * - Which names a template yields (Event::generateEvents, src/Appwrite/Event/Event.php):
 *   the full name, the name without its action, then the table and the database prefixes,
 *   each with every combination of ids replaced by `*`; then every name's mirror
 *   (collections/documents <-> tables/rows). Functions get no `tablesdb.` names: the
 *   shutdown hook (app/controllers/shared/api.php) passes no database document.
 * - A Function runs when one of its declared `events` equals one of those names (exact
 *   string, Workers/Functions.php `array_intersect`); `x-appwrite-event` is the first name,
 *   i.e. the template's own form with real ids; the body is the row as the response
 *   returned it (the row before the delete, for a delete).
 */
import { projectSchemaSpec } from '../schema';
import type { DatabaseId, TableRef } from '../port';
import type { AppliedWrite, FakeTablesDb } from './fake-tablesdb';
import type { MockRow } from './mock-rows';

export interface FiredEvent {
  /** Every name Appwrite generates for the write; a Function runs if it declared one. */
  names: string[];
  /** What the Function sees in `x-appwrite-event`: the first generated name. */
  header: string;
  /** The Function's body (`req.bodyJson`). */
  payload: Record<string, unknown>;
}

type Action = 'create' | 'update' | 'delete';

const CREATE_TEMPLATE = 'databases.[databaseId].collections.[collectionId].documents.[documentId].create';
const rowTemplate = (action: Action) => `databases.[databaseId].tables.[tableId].rows.[rowId].${action}`;

const COLLECTIONS_TO_TABLES: Record<string, string> = {
  collections: 'tables',
  documents: 'rows',
  attributes: 'columns',
};
const TABLES_TO_COLLECTIONS: Record<string, string> = {
  tables: 'collections',
  rows: 'documents',
  columns: 'attributes',
};

function actionOf(write: AppliedWrite): Action {
  if (write.kind === 'create') return 'create';
  if (write.kind === 'delete') return 'delete';
  // Increment and Decrement carry the `update` label; so does a committed transaction's update.
  return 'update';
}

/** `template` with each `[placeholder]` either its value or `*`, every combination, real ids first. */
function expand(template: string, params: Record<string, string>): string[] {
  const segments = template.split('.');
  const placeholders = segments.flatMap((segment, index) => (/^\[.+\]$/.test(segment) ? [index] : []));
  const names: string[] = [];
  for (let mask = 0; mask < 2 ** placeholders.length; mask += 1) {
    const name = segments.map((segment, index) => {
      const position = placeholders.indexOf(index);
      if (position < 0) return segment;
      if ((mask >> position) & 1) return '*';
      const value = params[segment.slice(1, -1)];
      if (value === undefined) throw new Error(`fake-events: ${segment} has no value`);
      return value;
    });
    names.push(name.join('.'));
  }
  return names;
}

function mapSegments(name: string, map: Record<string, string>): string {
  return name
    .split('.')
    .map((segment) => map[segment] ?? segment)
    .join('.');
}

/**
 * The names Event::generateEvents returns for a row template (three ids and an action),
 * as a set; the first is the full name with real ids, as in Appwrite.
 */
export function appwriteRowEventNames(template: string, params: Record<string, string>): string[] {
  const segments = template.split('.');
  if (segments.length !== 7) throw new Error(`fake-events: not a row template: ${template}`);
  const shapes = [segments, segments.slice(0, 6), segments.slice(0, 4), segments.slice(0, 2)];
  const generated = shapes.flatMap((shape) => expand(shape.join('.'), params));
  // Event::mirrorCollectionEvents: each name followed by its other-vocabulary twin.
  const mirrored = generated.flatMap((name) => {
    const parts = name.split('.');
    if (parts.includes('collections')) return [name, mapSegments(name, COLLECTIONS_TO_TABLES)];
    if (parts.includes('tables')) return [name, mapSegments(name, TABLES_TO_COLLECTIONS)];
    return [name];
  });
  return [...new Set(mirrored)];
}

/** What Appwrite fires for one applied write; `row` is the response row (the deleted row for a delete). */
export function appwriteEventFor(write: AppliedWrite, row: Record<string, unknown>): FiredEvent {
  const action = actionOf(write);
  const template = action === 'create' ? CREATE_TEMPLATE : rowTemplate(action);
  const params = {
    databaseId: write.databaseId,
    collectionId: write.tableId,
    tableId: write.tableId,
    documentId: write.rowId,
    rowId: write.rowId,
  };
  const names = appwriteRowEventNames(template, params);
  const header = names[0];
  if (header === undefined) throw new Error('fake-events: no event name generated');
  return { names, header, payload: row };
}

/** True when a Function declaring `pattern` in its `events` runs for `event`. */
export function appwriteTriggers(pattern: string, event: FiredEvent): boolean {
  return event.names.includes(pattern);
}

const DATABASE_IDS: readonly DatabaseId[] = ['aurora_main', 'aurora_analytics', 'aurora_content'];
const isDatabaseId = (value: string): value is DatabaseId => DATABASE_IDS.some((id) => id === value);

/** Every table of appwrite.json, as the fake names them. */
function schemaTables(): TableRef[] {
  return projectSchemaSpec().tables.flatMap((table) =>
    isDatabaseId(table.databaseId) ? [{ databaseId: table.databaseId, tableId: table.$id }] : [],
  );
}

const rowKey = (databaseId: string, tableId: string, rowId: string) => `${databaseId}/${tableId}/${rowId}`;

/**
 * Runs `write` against the fake and returns the events Appwrite would fire for the
 * writes it applied, in order. A deleted row's payload comes from a snapshot taken
 * before `write`; any other payload is the row as the fake holds it afterwards.
 */
export async function eventsOf(fake: FakeTablesDb, write: () => Promise<unknown>): Promise<FiredEvent[]> {
  const tables = schemaTables();
  const before = new Map<string, MockRow>();
  for (const table of tables)
    for (const row of fake.rows(table)) before.set(rowKey(table.databaseId, table.tableId, row.$id), row);
  const startAt = fake.writes.length;
  await write();
  return fake.writes.slice(startAt).map((applied) => {
    const key = rowKey(applied.databaseId, applied.tableId, applied.rowId);
    const table = tables.find(
      (candidate) => candidate.databaseId === applied.databaseId && candidate.tableId === applied.tableId,
    );
    const row =
      applied.kind === 'delete'
        ? before.get(key)
        : table && fake.rows(table).find((candidate) => candidate.$id === applied.rowId);
    if (!row) throw new Error(`fake-events: no row ${key} for a ${applied.kind}`);
    return appwriteEventFor(applied, row);
  });
}
