/**
 * The cluster's primary (decision 0034). It does what must happen once per box — the
 * migrations (opening the backend), the configured admin and demo content, the job
 * runner — then forks `env.workers` workers that serve one shared port (node:cluster,
 * round-robin: the primary accepts and hands each connection on). It prints the ready
 * line once every worker listens, replaces a worker that dies (restarts.ts), relays
 * catalog changes between workers, and on SIGINT/SIGTERM stops the workers gracefully
 * before its own jobs and backend, then exits 0.
 *
 * The primary serves no request, so it never loads the HTTP layer or the page build.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Env } from '../env';
import { openAppServices } from '../runtime/app-services';
import { describeBackend, readyUrl, SHUTDOWN_GRACE_MS } from '../runtime/lifecycle';
import { startJobRunner } from '../runtime/job-runner';
import { bootstrapIdentity } from '../services/identity/bootstrap';
import { backgroundScope } from '../services/scope';
import { relayPrimaryCatalogChanges } from './catalog-relay';
import { workerChannel } from './channels';
import type { MessageChannel } from './messages';
import { createRestartTracker } from './restarts';

/** How long past the workers' own grace period the primary waits before it kills them. */
const STOP_MARGIN_MS = 5_000;

interface Slot {
  worker: Worker;
  channel: MessageChannel;
  startedAt: number;
}

function describeExit(code: number | null, signal: string | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code ?? '?'}`;
}

export async function runPrimary(env: Env): Promise<void> {
  const opened = await openAppServices(env);
  await bootstrapIdentity(backgroundScope(opened.services));
  const jobs = startJobRunner(opened.services, opened.outbox);

  // Linux's default, said out loud: the primary spreads connections evenly.
  cluster.schedulingPolicy = cluster.SCHED_RR;
  const slots = new Map<number, Slot>();
  const restartTimers = new Set<ReturnType<typeof setTimeout>>();
  const restarts = createRestartTracker();
  const relay = relayPrimaryCatalogChanges({
    workers: () => [...slots.values()].map((slot) => slot.channel),
  });
  const waitingToListen = new Set<number>();
  let ready = false;
  let stopping = false;
  let allGone: (() => void) | null = null;

  const fork = (slotNumber: number) => {
    const worker = cluster.fork();
    const slot: Slot = { worker, channel: workerChannel(worker), startedAt: Date.now() };
    slots.set(slotNumber, slot);
    slot.channel.onMessage((message) => {
      if (message.aurora === 'catalog-changed') relay.fromWorker(slot.channel);
    });
    worker.once('listening', (address) => {
      if (ready) {
        console.log(`worker ${slotNumber} is serving again (pid ${worker.process.pid ?? '?'})`);
        return;
      }
      waitingToListen.delete(slotNumber);
      if (waitingToListen.size > 0) return;
      ready = true;
      console.log(
        `Aurora is ready on ${readyUrl(env, address.port)} (${describeBackend(env)}; ${env.workers} worker processes)`,
      );
    });
    worker.once('exit', (code, signal) => {
      if (slots.get(slotNumber)?.worker === worker) slots.delete(slotNumber);
      if (stopping) {
        if (slots.size === 0) allGone?.();
        return;
      }
      const how = describeExit(code, signal);
      if (!ready) {
        console.error(`Aurora could not start: worker ${slotNumber} ${how} before it listened`);
        void shutdown(1);
        return;
      }
      const decision = restarts.exited(slotNumber, Date.now() - slot.startedAt);
      if ('giveUp' in decision) {
        console.error(
          `worker ${slotNumber} ${how}, the ${decision.quickExits}th time in a row soon after starting: stopping Aurora`,
        );
        void shutdown(1);
        return;
      }
      console.error(`worker ${slotNumber} ${how}; starting it again in ${decision.restartInMs} ms`);
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (!stopping) fork(slotNumber);
      }, decision.restartInMs);
      restartTimers.add(timer);
    });
  };

  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    for (const timer of restartTimers) clearTimeout(timer);
    let code = exitCode;
    if (slots.size > 0) {
      const gone = new Promise<void>((resolve) => (allGone = resolve));
      for (const { worker } of slots.values()) worker.process.kill('SIGTERM');
      const deadline = setTimeout(() => {
        console.error('workers still running after the grace period: killing them');
        code = 1;
        for (const { worker } of slots.values()) worker.process.kill('SIGKILL');
      }, SHUTDOWN_GRACE_MS + STOP_MARGIN_MS);
      await gone;
      clearTimeout(deadline);
    }
    try {
      relay.stop();
      await jobs?.stop();
      await opened.close();
    } catch (error) {
      console.error('Aurora did not stop cleanly:', error);
      code = 1;
    }
    process.exit(code);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal} again: stopping now`);
      for (const { worker } of slots.values()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    console.log(`${signal}: finishing open requests, then stopping`);
    void shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (let slotNumber = 1; slotNumber <= env.workers; slotNumber++) {
    waitingToListen.add(slotNumber);
    fork(slotNumber);
  }
}
