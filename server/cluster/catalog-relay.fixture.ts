/**
 * A real node:cluster for catalog-relay.test.ts: a primary and three workers wired with
 * the relay exactly as the server wires them. Worker 1 makes a change, then the primary
 * makes one; every worker reports the origins its listener saw, and the primary prints
 * them as one JSON line. The fixture's own steps travel as `{ fixture: … }` messages,
 * which the cluster's message check ignores.
 */
import cluster from 'node:cluster';
import {
  catalogChanged,
  onCatalogChange,
  type CatalogChangeOrigin,
} from '../services/courses/catalog-changes';
import { relayPrimaryCatalogChanges, relayWorkerCatalogChanges } from './catalog-relay';
import { primaryChannel, workerChannel } from './channels';
import type { MessageChannel } from './messages';

const WORKERS = 3;
const SETTLE_MS = 300;

type Step = { fixture: 'ready' } | { fixture: 'change' } | { fixture: 'report' };
const stepOf = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && 'fixture' in value && typeof value.fixture === 'string'
    ? value.fixture
    : null;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (cluster.isWorker) {
  const seen: CatalogChangeOrigin[] = [];
  onCatalogChange((origin) => seen.push(origin));
  relayWorkerCatalogChanges(primaryChannel());
  process.on('message', (value: unknown) => {
    const step = stepOf(value);
    if (step === 'change') catalogChanged('local');
    if (step === 'report') process.send?.({ fixture: 'seen', seen });
  });
  process.send?.({ fixture: 'ready' } satisfies Step);
} else {
  const channels: MessageChannel[] = [];
  const relay = relayPrimaryCatalogChanges({ workers: () => channels });
  const workers = Array.from({ length: WORKERS }, () => cluster.fork());
  const reports = new Map<number, unknown>();
  let ready = 0;
  const allReported = new Promise<void>((resolve) => {
    workers.forEach((worker, index) => {
      const channel = workerChannel(worker);
      channels.push(channel);
      channel.onMessage(() => relay.fromWorker(channel));
      worker.on('message', (value: unknown) => {
        if (stepOf(value) === 'ready') ready += 1;
        if (stepOf(value) === 'seen' && typeof value === 'object' && value !== null && 'seen' in value) {
          reports.set(index + 1, value.seen);
          if (reports.size === WORKERS) resolve();
        }
      });
    });
  });
  void (async () => {
    while (ready < WORKERS) await pause(20);
    workers[0]?.send({ fixture: 'change' } satisfies Step);
    await pause(SETTLE_MS);
    catalogChanged('local');
    await pause(SETTLE_MS);
    for (const worker of workers) worker.send({ fixture: 'report' } satisfies Step);
    await allReported;
    console.log(JSON.stringify(Object.fromEntries(reports)));
    for (const worker of workers) worker.kill();
    process.exit(0);
  })();
}
