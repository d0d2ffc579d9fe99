// What every perf mode shares: the 100 ms ticker feeding the run statistics and the live
// progress line, Ctrl-C handling, and the final output (JSON or summary, HTML report).
import * as fs from 'fs';
import { nowMs } from './clock';
import { writeHtmlReport } from './html-report';
import type { CommonOptions } from './options';
import type { PerfResult } from './result';
import type { RunStats } from './run-stats';
import { summaryLines } from './text-output';

export interface PerfIo { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

export const TICK_MS = 100;

/** Ticks `stats` every 100 ms and calls onReport every reportingIntervalMs; returns a stop function. */
export function startTicker(stats: RunStats[], reportingIntervalMs: number, onReport: (now: number) => void): () => void {
  let lastReport = nowMs();
  const timer = setInterval(() => {
    const now = nowMs();
    for (const s of stats) s.tick(now);
    if (now - lastReport >= reportingIntervalMs - TICK_MS / 2) { lastReport = now; onReport(now); }
  }, TICK_MS);
  return () => clearInterval(timer);
}

/** Calls stop() on the first SIGINT/SIGTERM (a second one ends the process as usual); returns the remover. */
export function onInterrupt(stop: (signal: string) => void): () => void {
  const handler = (signal: NodeJS.Signals) => { remove(); stop(signal); };
  const remove = () => { process.off('SIGINT', handler); process.off('SIGTERM', handler); };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return remove;
}

/** The stream for progress lines: stderr when stdout carries the JSON result. */
export function progressStream(o: CommonOptions, io: PerfIo): NodeJS.WritableStream { return o.json ? io.stderr : io.stdout; }

/** Prints the result (JSON object or summary) and writes the HTML report; returns the exit code. */
export function emitResult(result: PerfResult, o: CommonOptions, io: PerfIo): number {
  if (o.json) io.stdout.write(`${JSON.stringify(result)}\n`);
  else io.stdout.write(`${summaryLines(result).join('\n')}\n`);
  if (o.report) {
    fs.writeFileSync(o.report, writeHtmlReport(result));
    (o.json ? io.stderr : io.stdout).write(`report written to ${o.report}\n`);
  }
  return result.complete && result.errors === 0 ? 0 : 1;
}
