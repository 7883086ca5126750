/**
 * Which event patterns a job may subscribe to. The embedded runner matches patterns
 * itself, so without this check a pattern could work locally and never fire on
 * Appwrite (or be refused by `appwrite push functions`). Only the shapes Appwrite
 * accepts are allowed (APPWRITE-FACTS, "Events and Functions"): `*` stands for an id,
 * never for a keyword or an action, and a pattern may stop after an id:
 *
 *   databases.{db}[.tables.{table}[.rows.{row}[.{action}]]]
 *   buckets.{bucket}[.files.{file}[.{action}]]
 *   users.{user}[.{action}]
 *
 * `tablesdb.…` and `collections/documents` names exist on Appwrite too, but the
 * embedded outbox emits `databases.…tables.…rows.…` only, so they are refused here.
 */
const ACTIONS = new Set(['create', 'update', 'delete']);
const ID = /^(\*|[A-Za-z0-9][A-Za-z0-9_-]{0,35})$/;

/** Keyword, id, keyword, id, ... then an optional action, per top-level resource. */
const SHAPES: Record<string, readonly string[]> = {
  databases: ['databases', '{id}', 'tables', '{id}', 'rows', '{id}', '{action}'],
  buckets: ['buckets', '{id}', 'files', '{id}', '{action}'],
  users: ['users', '{id}', '{action}'],
};

/** Why Appwrite would not accept `pattern`, or null when it would. */
export function eventPatternProblem(pattern: string): string | null {
  const segments = pattern.split('.');
  if (segments.length < 2) return 'a pattern needs at least two segments (Appwrite refuses shorter ones)';
  const first = segments[0] ?? '';
  const shape = SHAPES[first];
  if (!shape) return `unknown resource "${first}" (use databases., buckets. or users.)`;
  if (segments.length > shape.length) return `too many segments for a ${first} event`;
  for (const [i, segment] of segments.entries()) {
    const expected = shape[i];
    if (expected === '{id}') {
      if (!ID.test(segment)) return `segment ${i + 1} ("${segment}") must be an id or *`;
    } else if (expected === '{action}') {
      if (!ACTIONS.has(segment)) return `the action must be create, update or delete, not "${segment}"`;
    } else if (segment !== expected) {
      return `segment ${i + 1} must be "${expected}", not "${segment}"`;
    }
  }
  // A pattern may stop after an id, never after a keyword (`databases.db.tables`).
  const last = shape[segments.length - 1];
  if (last !== '{id}' && last !== '{action}') return `a pattern cannot end with "${segments.at(-1)}"`;
  return null;
}

export class InvalidJobError extends Error {
  override readonly name = 'InvalidJobError';
}

/** Throws naming the job and every pattern Appwrite would refuse. */
export function assertEventPatterns(jobName: string, patterns: readonly string[]): void {
  if (patterns.length === 0)
    throw new InvalidJobError(`job ${jobName}: an event job needs at least one event`);
  const problems = patterns.flatMap((pattern) => {
    const problem = eventPatternProblem(pattern);
    return problem ? [`"${pattern}": ${problem}`] : [];
  });
  if (problems.length > 0) throw new InvalidJobError(`job ${jobName}: ${problems.join('; ')}`);
}
