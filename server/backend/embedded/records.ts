/** Narrowing for what better-sqlite3 and JSON.parse hand back as `unknown`. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
