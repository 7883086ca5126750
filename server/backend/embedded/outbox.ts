/**
 * The durable event queue. `appendEvent` is called inside the transaction of the write
 * it describes, so an event exists exactly when its write committed.
 */
import type { Outbox, OutboxEntry } from '../events';
import { generateId } from './ids';
import { isRecord } from './records';
import { guard, invalid } from './sql-errors';
import type { Store } from './store';

const MAX_ERROR_LENGTH = 2000;

/** Must be called inside `store.write`. */
export function appendEvent(store: Store, name: string, payload: object): void {
  const now = store.now();
  store
    .statement(
      'INSERT INTO "_outbox" ("id", "name", "payload", "created_at", "due_at") VALUES (?, ?, ?, ?, ?)',
    )
    .run(generateId(), name, JSON.stringify(payload), now.toISOString(), now.getTime());
}

interface OutboxRow {
  id: string;
  name: string;
  payload: string;
  created_at: string;
  attempts: number;
}

function isOutboxRow(value: unknown): value is OutboxRow {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.payload === 'string' &&
    typeof value.created_at === 'string' &&
    typeof value.attempts === 'number'
  );
}

function toEntry(row: OutboxRow): OutboxEntry {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = {};
  }
  return {
    id: row.id,
    name: row.name,
    payload: isRecord(payload) ? payload : {},
    createdAt: row.created_at,
    attempts: row.attempts,
  };
}

export function createOutbox(store: Store): Outbox {
  return {
    claim: ({ limit, leaseMs }) =>
      guard(() => {
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw invalid('claim limit must be 1..1000');
        if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw invalid('claim leaseMs must be positive');
        return store.write(() => {
          const now = store.now().getTime();
          const rows = store
            .statement(
              'SELECT "id", "name", "payload", "created_at", "attempts" FROM "_outbox" WHERE "dead" = 0 AND "due_at" <= ? ORDER BY "due_at", "seq" LIMIT ?',
            )
            .all(now, limit)
            .filter(isOutboxRow);
          // The lease: hidden from other claimers until it runs out (a crashed runner's events come back).
          const lease = store.statement('UPDATE "_outbox" SET "due_at" = ? WHERE "id" = ?');
          for (const row of rows) lease.run(now + leaseMs, row.id);
          return rows.map(toEntry);
        });
      }),
    complete: (id) =>
      guard(() => {
        store.write(() => store.statement('DELETE FROM "_outbox" WHERE "id" = ?').run(id));
      }),
    fail: (id, { error, retryAt, deadLetter }) =>
      guard(() => {
        const dueAt = retryAt.getTime();
        if (!Number.isFinite(dueAt)) throw invalid('fail retryAt must be a valid date');
        store.write(() =>
          store
            .statement(
              'UPDATE "_outbox" SET "attempts" = "attempts" + 1, "last_error" = ?, "due_at" = ?, "dead" = ? WHERE "id" = ?',
            )
            .run(error.slice(0, MAX_ERROR_LENGTH), dueAt, deadLetter ? 1 : 0, id),
        );
      }),
    pending: () =>
      guard(() =>
        store.read(() => {
          const row: unknown = store
            .statement(
              'SELECT coalesce(sum("dead" = 0), 0) AS waiting, coalesce(sum("dead" = 1), 0) AS dead FROM "_outbox"',
            )
            .get();
          if (!isRecord(row)) return { waiting: 0, dead: 0 };
          return { waiting: Number(row.waiting), dead: Number(row.dead) };
        }),
      ),
  };
}
