/**
 * What the cluster's processes say to each other over node:cluster's IPC channel. Every
 * message is checked on arrival: the channel also carries node's own messages, and a
 * message of another shape is not ours to act on. Stopping needs no message: the primary
 * signals its workers (a signal also reaches a worker still loading, which a message
 * sent before its listener exists would not).
 */
import { z } from 'zod';

/** A worker saw a catalog change of its own (to the primary), or another's (to a worker). */
const catalogChangedSchema = z.object({ aurora: z.literal('catalog-changed') });
export type ClusterMessage = z.infer<typeof catalogChangedSchema>;

/** The message, or null when it is not one of the cluster's. */
export function readClusterMessage(value: unknown): ClusterMessage | null {
  const parsed = catalogChangedSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One end of an IPC channel, as the relay needs it (a worker's `process`, the primary's workers). */
export interface MessageChannel {
  send(message: ClusterMessage): void;
  onMessage(listener: (message: ClusterMessage) => void): () => void;
}
