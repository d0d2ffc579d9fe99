// `samsa perf produce|consume|e2e --json` as a load generator in a child process: the run's
// JSON result, wall time from spawn to exit and the tool's CPU (reaped-children accounting).
import { spawn } from 'child_process';
import * as path from 'path';
import { reapedChildrenCpuSeconds } from './sys';
import { REPO } from './targets';

export interface Latency { count: number; min: number; mean: number; p50: number; p95: number; p99: number; p999: number; max: number }
interface Phase { records: number; errors: number; errorsByCode: Record<string, number>; durationMs: number; recordsPerSec: number; mbPerSec: number; latencyMs: Latency; warmup?: { records: number; latencyMs: Latency } }
export interface PerfJson extends Phase {
  mode: string; expected: number; complete: boolean; stoppedBy: string | null;
  config: Record<string, unknown>; wire: Record<string, number>; produce?: Phase; consume?: Phase;
}

export interface PerfRun {
  /** wall seconds from spawn to exit (process start and topic setup included) */
  seconds: number;
  genCpu: number;
  code: number | null;
  stderr: string;
  args: string[];
  result: PerfJson | null;
}

export const SAMSA_BIN = path.join(REPO, 'bin', 'samsa.js');

/** The command line as shown in RESULTS.md. */
export function perfCommand(args: string[]): string {
  return `node bin/samsa.js perf ${args.join(' ')}`;
}

export function runPerf(args: string[], timeoutMs = 300_000): Promise<PerfRun> {
  return new Promise((resolve, reject) => {
    const cpu0 = reapedChildrenCpuSeconds();
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [SAMSA_BIN, 'perf', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr = (stderr + s).slice(-20000); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      let result: PerfJson | null = null;
      try { result = JSON.parse(stdout) as PerfJson; } catch { /* reported through code/stderr */ }
      resolve({ seconds, genCpu: reapedChildrenCpuSeconds() - cpu0, code, stderr, args, result });
    });
  });
}

/** Why a run does not count, or undefined when it does. */
export function perfProblem(r: PerfRun, records: number): string | undefined {
  if (r.result === null) return `samsa perf exited ${r.code} without a result: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  const counted = r.result.records + (r.result.warmup?.records ?? 0);
  if (!r.result.complete || counted !== records) {
    return `samsa perf counted ${counted} of ${records} records (errors ${JSON.stringify(r.result.errorsByCode)}, stopped by ${r.result.stoppedBy ?? '-'})`;
  }
  return undefined;
}
