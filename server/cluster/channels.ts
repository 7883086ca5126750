/**
 * The two ends of node:cluster's IPC channel as MessageChannels: a worker's line to the
 * primary (`process`) and the primary's line to one worker. Only the cluster's own
 * messages get through (readClusterMessage); sends to a closed channel are dropped,
 * since a worker that is gone has no cache left to drop.
 */
import type { Worker } from 'node:cluster';
import { readClusterMessage, type ClusterMessage, type MessageChannel } from './messages';

function listenTo(
  emitter: Pick<NodeJS.EventEmitter, 'on' | 'off'>,
  listener: (message: ClusterMessage) => void,
): () => void {
  const handle = (value: unknown) => {
    const message = readClusterMessage(value);
    if (message) listener(message);
  };
  emitter.on('message', handle);
  return () => emitter.off('message', handle);
}

/** In a worker: the channel to the primary. */
export function primaryChannel(): MessageChannel {
  return {
    send(message) {
      if (process.connected) process.send?.(message);
    },
    onMessage: (listener) => listenTo(process, listener),
  };
}

/** In the primary: the channel to one worker. */
export function workerChannel(worker: Worker): MessageChannel {
  return {
    send(message) {
      if (worker.isConnected()) worker.send(message);
    },
    onMessage: (listener) => listenTo(worker, listener),
  };
}
