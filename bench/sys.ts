// Machine facts and CPU accounting from /proc (Linux): per-process CPU seconds (all threads),
// CPU of reaped children (used for kcat), and the whole machine's busy time, so a run can
// report how much of the box other processes took while it was measured.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';

export let ticksPerSecond = 100;
try { ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100; } catch { /* keep 100 */ }

function statFields(path: string): string[] | null {
  try {
    const s = fs.readFileSync(path, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  } catch {
    return null;
  }
}

/** utime + stime of a live process, all threads, in seconds (0 when it is gone). */
export function processCpuSeconds(pid: number): number {
  const f = statFields(`/proc/${pid}/stat`);
  return f === null ? 0 : (Number(f[11]) + Number(f[12])) / ticksPerSecond;
}

/** cutime + cstime of this process: CPU of children it has waited for, in seconds. */
export function reapedChildrenCpuSeconds(): number {
  const f = statFields('/proc/self/stat');
  return f === null ? 0 : (Number(f[13]) + Number(f[14])) / ticksPerSecond;
}

export interface MachineCpu { busy: number; total: number }

/** Aggregate CPU time of the machine in seconds (busy excludes idle and iowait). */
export function machineCpu(): MachineCpu {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line;
  const busy = user + nice + system + irq + softirq + (steal ?? 0);
  return { busy: busy / ticksPerSecond, total: (busy + idle + iowait) / ticksPerSecond };
}

/** Waits (up to maxMs) until the machine was at least `idleShare` idle over a 500 ms window; returns the last idle share seen. */
export async function waitForQuiet(idleShare: number, maxMs: number): Promise<number> {
  const until = Date.now() + maxMs;
  let share = 0;
  do {
    const a = machineCpu();
    await new Promise((r) => setTimeout(r, 500));
    const b = machineCpu();
    share = b.total > a.total ? 1 - (b.busy - a.busy) / (b.total - a.total) : 1;
    if (share >= idleShare) return share;
  } while (Date.now() < until);
  return share;
}

export interface MachineInfo { cpus: number; cpuModel: string; memGiB: number; node: string; kcat: string; os: string; date: string }

export function machineInfo(): MachineInfo {
  let kcat = 'kcat not found';
  try {
    const v = execFileSync('kcat', ['-V'], { encoding: 'utf8' });
    kcat = (v.split('\n').find((l) => l.startsWith('Version')) ?? v.trim()).replace(/ builtin\.features=.*/, ')').replace('))', ')');
  } catch { /* keep */ }
  let nproc = os.cpus().length;
  try { nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()); } catch { /* keep */ }
  return {
    cpus: nproc, cpuModel: os.cpus()[0]?.model ?? 'unknown', memGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    node: process.version, kcat, os: `${os.type()} ${os.release()}`, date: new Date().toISOString(),
  };
}
