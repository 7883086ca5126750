/**
 * The catalog-change signal across the processes of one box (decision 0034). A process's
 * rendered-page cache listens to `onCatalogChange`; a change made in one worker must
 * drop the pages the others hold too. So a worker forwards each change of its own
 * (`local`) to the primary, the primary hands it to every other worker, and they raise
 * it as `peer`. A `peer` change is never forwarded again, so a change travels once.
 * Changes made in the primary itself (by a job) go to every worker.
 */
import { catalogChanged, onCatalogChange } from '../services/courses/catalog-changes';
import type { MessageChannel } from './messages';

/** In a worker: its own changes up to the primary, the others' down into this process. */
export function relayWorkerCatalogChanges(primary: MessageChannel): () => void {
  const stopSending = onCatalogChange((origin) => {
    if (origin === 'local') primary.send({ aurora: 'catalog-changed' });
  });
  const stopReceiving = primary.onMessage((message) => {
    if (message.aurora === 'catalog-changed') catalogChanged('peer');
  });
  return () => {
    stopSending();
    stopReceiving();
  };
}

/** The primary's side: the workers as they are now (they come and go) and where each message came from. */
export interface WorkerHub {
  workers(): Iterable<MessageChannel>;
}

/** In the primary: a worker's change to every other worker; the primary's own to all of them. */
export function relayPrimaryCatalogChanges(hub: WorkerHub): {
  fromWorker(sender: MessageChannel): void;
  stop(): void;
} {
  const sendToAllBut = (sender: MessageChannel | null) => {
    for (const worker of hub.workers()) {
      if (worker !== sender) worker.send({ aurora: 'catalog-changed' });
    }
  };
  const stopLocal = onCatalogChange((origin) => {
    if (origin === 'local') sendToAllBut(null);
  });
  return { fromWorker: (sender) => sendToAllBut(sender), stop: stopLocal };
}
