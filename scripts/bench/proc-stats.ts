/**
 * What a server costs, read from /proc: CPU time (utime + stime) and resident memory of a
 * process and every process below it — a cluster's primary and its workers — so one
 * process and all cores are charged alike. Linux only; elsewhere the figures are null.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const HAS_PROC = existsSync('/proc/self/stat');

function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}
const TICKS = HAS_PROC ? clockTicksPerSecond() : 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // Gone meanwhile.
  }
}

/** `root` and its descendants, found by parent id (works without /proc/<pid>/task/<tid>/children). */
export function processTree(root: number): number[] {
  if (!HAS_PROC) return [];
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const ppid = Number(statFields(pid)?.[1]);
    if (!Number.isInteger(ppid)) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() ?? root;
    if (!statFields(pid)) continue;
    tree.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return tree;
}

/** CPU microseconds used so far by the processes in `pids` (fields 14 and 15 of stat). */
export function cpuMicros(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1_000_000) / TICKS;
}

/** A running tally of a process tree's CPU: the tree is re-read at every sample, so workers that start late count. */
export function cpuMeter(root: number): { sample(): number } {
  const last = new Map<number, number>();
  let total = 0;
  return {
    sample() {
      for (const pid of processTree(root)) {
        const now = cpuMicros([pid]);
        total += now - (last.get(pid) ?? 0);
        last.set(pid, now);
      }
      return total;
    },
  };
}

/** Resident set size of one process in MiB (VmRSS), or null when it is gone. */
export function rssMiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export const procAvailable = HAS_PROC;
