/**
 * The signal that what a visitor sees in the catalog changed: a course was published,
 * updated, unpublished or deleted, a lesson added or removed, an instructor renamed.
 * Rendered anonymous pages are cached for a second (docs/decisions/0032); this signal
 * drops them at once on this server, and the cluster relays it to the other processes
 * on this box. Servers on other boxes (Appwrite mode) catch up when their copy expires.
 *
 * A process-wide list of listeners on purpose: the caches it serves are process-wide.
 */
export type CatalogChangeOrigin = 'local' | 'peer';
export type CatalogChangeListener = (origin: CatalogChangeOrigin) => void;

const listeners = new Set<CatalogChangeListener>();

/** Subscribes; returns the unsubscribe. */
export function onCatalogChange(listener: CatalogChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Services call this after a write that changes the catalog (origin `local`); the
 * cluster calls it with `peer` for a change another process on this box made.
 */
export function catalogChanged(origin: CatalogChangeOrigin = 'local'): void {
  for (const listener of listeners) {
    try {
      listener(origin);
    } catch (error) {
      // A cache that cannot drop its pages must not fail the write that changed them.
      console.error('a catalog change listener failed:', error);
    }
  }
}
