// Terminal output: the live progress line (every --reporting-interval) and the summary that
// ends with a throughput chart.
import { fmtCompact, fmtDuration, fmtFixed, fmtInt, fmtMs } from './format';
import type { LatencySummary } from './latency-stats';
import type { PerfResult, PhaseResult } from './result';
import type { WindowReport } from './run-stats';
import { barChart, resample } from './text-chart';

export const CHART_COLUMNS = 60;
export const CHART_ROWS = 4;

export function progressLine(verb: 'sent' | 'received', w: WindowReport, latencyLabel: string): string {
  const lat = w.latencyCount > 0 ? `, ${fmtMs(w.latencyMeanMs)} ms avg ${latencyLabel}, ${fmtMs(w.latencyMaxMs)} ms max ${latencyLabel}` : '';
  const errs = w.errors > 0 ? `, ${fmtInt(w.errors)} errors` : '';
  return `${fmtInt(w.records)} records ${verb}, ${fmtFixed(w.recordsPerSec, 1)} records/sec (${fmtFixed(w.mbPerSec, 2)} MB/sec)${lat}${errs}; ${fmtInt(w.totalRecords)} in total`;
}

export function e2eProgressLine(p: WindowReport, c: WindowReport): string {
  const lat = c.latencyCount > 0 ? `, end-to-end latency ${fmtMs(c.latencyMeanMs)} ms avg, ${fmtMs(c.latencyMaxMs)} ms max` : '';
  const errs = p.errors + c.errors > 0 ? `, ${fmtInt(p.errors + c.errors)} errors` : '';
  return `${fmtInt(p.totalRecords)} sent (${fmtFixed(p.recordsPerSec, 1)} records/sec), ${fmtInt(c.totalRecords)} received (${fmtFixed(c.recordsPerSec, 1)} records/sec, ${fmtFixed(c.mbPerSec, 2)} MB/sec)${lat}${errs}`;
}

export function latencyLine(label: string, l: LatencySummary): string {
  if (l.count === 0) return `${label}: no samples`;
  return `${label} (ms): avg ${fmtMs(l.mean)}  p50 ${fmtMs(l.p50)}  p95 ${fmtMs(l.p95)}  p99 ${fmtMs(l.p99)}  p99.9 ${fmtMs(l.p999)}  max ${fmtMs(l.max)}`;
}

export function errorsLine(p: PhaseResult): string {
  if (p.errors === 0) return 'errors: none';
  const parts = Object.entries(p.errorsByCode).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmtInt(v)}`);
  return `errors: ${fmtInt(p.errors)} records (${parts.join(', ')})`;
}

export function throughputChart(p: PhaseResult, title: string): string[] {
  const { tMs, recordsPerSec } = p.throughput;
  if (tMs.length === 0) return [];
  const cols = resample(tMs, recordsPerSec, CHART_COLUMNS);
  const max = Math.max(...cols);
  const lines = barChart(cols, CHART_ROWS, max);
  const width = Math.max(...lines.map((l) => l.length));
  const out = [`${title}, 0 → ${fmtDuration(tMs[tMs.length - 1])}:`];
  lines.forEach((l, i) => {
    const label = i === 0 ? fmtCompact(max) : i === lines.length - 1 ? '0' : '';
    out.push(`${label.padStart(6)} │${l.padEnd(width)}│`);
  });
  return out;
}

function phaseLines(verb: string, p: PhaseResult, expected: number): string[] {
  const w = p.warmup;
  const measured = w ? expected - Math.min(w.records, expected) : expected;
  const out = [];
  if (w) {
    out.push(`warm-up: ${fmtInt(w.records)} records ${verb} in ${fmtDuration(w.durationMs)} (${fmtFixed(w.recordsPerSec, 1)} records/sec, ` +
      `latency p99 ${fmtMs(w.latencyMs.p99)} ms, max ${fmtMs(w.latencyMs.max)} ms), not counted below`);
  }
  out.push(`${fmtInt(p.records)} of ${fmtInt(measured)} ${w ? 'measured ' : ''}records ${verb} in ${fmtDuration(p.durationMs)}: ${fmtFixed(p.recordsPerSec, 1)} records/sec (${fmtFixed(p.mbPerSec, 2)} MB/sec)`);
  return out;
}

export function summaryLines(r: PerfResult): string[] {
  const out: string[] = [''];
  if (r.mode === 'e2e' && r.produce && r.consume) {
    out.push(...phaseLines('sent', r.produce, r.expected));
    out.push(latencyLine('ack latency', r.produce.latencyMs));
    out.push(...phaseLines('received', r.consume, r.expected));
    out.push(latencyLine('end-to-end latency', r.latencyMs));
    const errs: PhaseResult = { ...r, errors: r.produce.errors + r.consume.errors, errorsByCode: r.errorsByCode };
    out.push(errorsLine(errs));
    out.push(...throughputChart(r.consume, 'records/sec received'));
  } else {
    const verb = r.mode === 'produce' ? 'sent' : 'received';
    out.push(...phaseLines(verb, r, r.expected));
    out.push(latencyLine(`${r.latencyMeasure.split(':')[0]} latency`, r.latencyMs));
    out.push(errorsLine(r));
    out.push(...throughputChart(r, `records/sec ${verb}`));
  }
  if (r.stoppedBy) out.push(`stopped early: ${r.stoppedBy}`);
  return out;
}
