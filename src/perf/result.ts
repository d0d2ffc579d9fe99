// The result of one perf run: what --json prints (one object) and what the HTML report and
// the terminal summary are made from.
import type { LatencySummary } from './latency-stats';
import type { RunTotals, SeriesPoint, ThroughputSeries, WarmupTotals } from './run-stats';

export type PerfMode = 'produce' | 'consume' | 'e2e';

/** Totals of one side (the producer or the consumer) of a run. */
export interface PhaseResult {
  records: number;
  /** Key + value bytes (as Kafka's perf tools count them); MB = 2^20 bytes. */
  bytes: number;
  errors: number;
  errorsByCode: Record<string, number>;
  durationMs: number;
  recordsPerSec: number;
  mbPerSec: number;
  latencyMs: LatencySummary;
  /** What latencyMs measures. */
  latencyMeasure: string;
  latencyDistribution: [number, number][];
  series: SeriesPoint[];
  throughput: ThroughputSeries;
  /** --warmup-records: the warm-up, not part of the figures above. */
  warmup?: WarmupTotals;
}

export interface PerfResult extends PhaseResult {
  tool: 'samsa perf';
  mode: PerfMode;
  topic: string;
  bootstrap: string;
  startedAt: string;
  /** Records asked for (--num-records / --messages). */
  expected: number;
  /** All expected records were acknowledged / received. */
  complete: boolean;
  /** Why the run ended early, if it did. */
  stoppedBy: string | null;
  config: Record<string, unknown>;
  /** Protocol-level counters (requests, batch bytes on the wire, retries, fetches). */
  wire: Record<string, number>;
  /** e2e runs: the producer's and the consumer's own totals. */
  produce?: PhaseResult;
  consume?: PhaseResult;
}

export function phase(t: RunTotals, latencyMeasure: string): PhaseResult {
  return {
    records: t.records, bytes: t.bytes, errors: t.errors, errorsByCode: t.errorsByCode,
    durationMs: t.durationMs, recordsPerSec: t.recordsPerSec, mbPerSec: t.mbPerSec,
    latencyMs: t.latencyMs, latencyMeasure, latencyDistribution: t.latencyDistribution,
    series: t.series, throughput: t.throughput,
    ...(t.warmup ? { warmup: t.warmup } : {}),
  };
}

export const LATENCY_MEASURES = {
  produce: 'ack: acknowledgement received minus the record\'s send time (its due time under --throughput, else when its batch was built); acks=0: socket write completed',
  fetch: 'fetch: round trip of each Fetch request that returned records, counted once per record it returned',
  poll: 'poll: duration of each group consumer poll that returned records, counted once per record',
  e2e: 'end-to-end: record consumed minus its send time embedded in the value (record timestamp for values under 8 bytes)',
} as const;
