/**
 * The one retry schedule of background work: the first wait, doubled at every further
 * attempt, never more than the cap. The job runner and mail delivery differ only in
 * where they start.
 */
export function doublingDelay(attempt: number, options: { firstMs: number; maxMs: number }): number {
  return Math.min(options.maxMs, options.firstMs * 2 ** Math.max(0, attempt - 1));
}
