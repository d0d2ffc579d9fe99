// What every bench section shares: progress lines with the elapsed time, the wait for a quiet
// machine before a timed run (the box is shared), and CPU accounting of one run (broker
// process, load generator, everything else on the machine).
import * as fs from 'fs';
import * as os from 'os';
import { machineCpu, processCpuSeconds, waitForQuiet } from './sys';
import type { Sample } from './report';
import type { Target } from './targets';

export interface Ctx {
  /** scratch directory (data files, broker data dirs), removed at the end */
  tmpRoot: string;
  /** scaled-down record counts and fewer runs (`--quick`) */
  quick: boolean;
  /** per-run limit on waiting for a quiet machine, ms */
  quietWaitMs: number;
  /** brokers running now (stopped on SIGINT) */
  live: Set<Target>;
  started: number;
}

let quietBudgetMs = 240_000; // total time the whole bench may spend waiting for a quiet box

export function setQuietBudget(ms: number): void { quietBudgetMs = ms; }

/** Progress line with the time since the bench started. */
export function log(ctx: Pick<Ctx, 'started'>, s: string): void {
  const t = Math.round((Date.now() - ctx.started) / 1000);
  process.stdout.write(`[${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}] ${s}\n`);
}

export const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

/** Waits for a mostly idle machine before a timed run, within the per-run and total budgets. */
export async function quiet(ctx: Ctx): Promise<void> {
  const t0 = Date.now();
  await waitForQuiet(0.85, Math.min(ctx.quietWaitMs, quietBudgetMs));
  quietBudgetMs = Math.max(0, quietBudgetMs - (Date.now() - t0));
}

export interface Around { before(): void; after(): void }

/** What a load generator run reports: wall seconds from spawn to exit and its own CPU seconds. */
export interface GeneratorRun { seconds: number; genCpu: number }

/** Runs `fn` (one load generator run) and accounts CPU: broker process, generator, and everything else on the box. */
export async function accounted<T extends GeneratorRun>(pid: number, fn: () => Promise<T>, around?: Around): Promise<[T, Omit<Sample, 'ok'>]> {
  around?.before();
  const b0 = processCpuSeconds(pid);
  const m0 = machineCpu();
  const self0 = process.cpuUsage();
  const from = Number(process.hrtime.bigint() / 1000n);
  const r = await fn();
  const to = Number(process.hrtime.bigint() / 1000n);
  const brokerCpu = processCpuSeconds(pid) - b0;
  around?.after();
  const m1 = machineCpu();
  const self = process.cpuUsage(self0);
  const otherCpu = Math.max(0, (m1.busy - m0.busy) - brokerCpu - r.genCpu - (self.user + self.system) / 1e6);
  return [r, { seconds: r.seconds, brokerCpu, kcatCpu: r.genCpu, otherCpu, window: [from, to] }];
}

/** Resident set size of a process in bytes (VmRSS; 0 when it is gone). */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Open file descriptors of a process (-1 when unreadable). */
export function fdCount(pid: number): number {
  try { return fs.readdirSync(`/proc/${pid}/fd`).length; } catch { return -1; }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const fmtInt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
export const fmt1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
export const fmt2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
export const sizeName = (b: number) => (b >= 1024 && b % 1024 === 0 ? `${b / 1024} KiB` : `${b} B`);
export const acksName = (a: number) => (a === -1 ? 'all' : String(a));
