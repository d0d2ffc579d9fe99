// Counters of one perf run and their time series. Producers and consumers call add(),
// latency() and error() as acknowledgements / records arrive; a 100 ms ticker calls tick(),
// which keeps
//   - a fine throughput series (one point per tick: records/s since the previous tick),
//   - a per-interval series (default 1 s) with records/s, MB/s, errors and latency
//     percentiles of that interval (one HDR histogram per interval, merged into the total),
//   - a reporting window (default 5 s) for the live progress line.
// With a warm-up (--warmup-records, as in kafka-producer-perf-test), the first records are
// counted apart: once add() passes the warm-up count, the counters, series and histograms
// start over (the clock too), and finish() reports the warm-up separately. The boundary is
// one batch wide: a batch is on the side of the boundary where add() is called for it.
import { nowMs } from './clock';
import { LatencyStats, LatencySummary } from './latency-stats';

export const MIB = 1024 * 1024;

export interface SeriesPoint {
  /** End of the interval, ms since the run started. */
  tMs: number;
  durationMs: number;
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  errors: number;
  /** Latency of the records of this interval (null when none). */
  latencyMs: { p50: number; p99: number; max: number; mean: number } | null;
}

export interface WindowReport {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  errors: number;
  latencyMeanMs: number;
  latencyMaxMs: number;
  latencyCount: number;
  /** Records in the whole run so far. */
  totalRecords: number;
}

export interface ThroughputSeries { tMs: number[]; recordsPerSec: number[] }

export interface RunTotals {
  records: number;
  bytes: number;
  errors: number;
  errorsByCode: Record<string, number>;
  durationMs: number;
  recordsPerSec: number;
  mbPerSec: number;
  latencyMs: LatencySummary;
  latencyDistribution: [number, number][];
  series: SeriesPoint[];
  throughput: ThroughputSeries;
  /** The warm-up records, not part of the figures above (absent without a warm-up). */
  warmup?: WarmupTotals;
}

export interface WarmupTotals { records: number; durationMs: number; recordsPerSec: number; latencyMs: LatencySummary }

/** Fine throughput points closer than this to the previous one are merged into it. */
const MIN_FINE_MS = 50;
const round = (v: number, d: number) => { const f = 10 ** d; return Math.round(v * f) / f; };

export class RunStats {
  records = 0;
  bytes = 0;
  errors = 0;
  readonly errorsByCode: Record<string, number> = {};
  readonly series: SeriesPoint[] = [];
  readonly throughput: ThroughputSeries = { tMs: [], recordsPerSec: [] };
  readonly total = new LatencyStats();
  private readonly interval = new LatencyStats();
  private readonly window = new LatencyStats();
  private startMs = 0;
  private endMs = 0;
  private fine = { t: 0, records: 0 };
  private finePrev: { t: number; records: number } | null = null;
  private iv = { t: 0, records: 0, bytes: 0, errors: 0 };
  private win = { t: 0, records: 0, bytes: 0, errors: 0 };

  private readonly warmupStats = new LatencyStats();
  private warmupDone: WarmupTotals | null = null;

  /** warmupRecords: how many records (first add()s) are warm-up; 0 = none. */
  constructor(readonly intervalMs = 1000, readonly warmupRecords = 0) {}

  /** Whether the warm-up records are still being counted. */
  get inWarmup(): boolean { return this.warmupRecords > 0 && this.warmupDone === null; }

  /** Starts the clock (counters recorded before start() still count). */
  start(now: number): void {
    this.startMs = now;
    this.fine = { t: now, records: this.records };
    this.iv = { t: now, records: this.records, bytes: this.bytes, errors: this.errors };
    this.win = { ...this.iv };
  }

  get started(): number { return this.startMs; }

  /** When records were last added (epoch ms; 0 = never). */
  lastAddAt = 0;

  /** `now` only for tests on a fake clock. */
  add(records: number, bytes: number, now?: number): void {
    this.records += records;
    this.bytes += bytes;
    if (records > 0) this.lastAddAt = now ?? nowMs();
    if (this.inWarmup && this.records >= this.warmupRecords) this.endWarmup(now ?? this.lastAddAt);
  }
  latency(ms: number, count = 1): void { (this.inWarmup ? this.warmupStats : this.interval).record(ms, count); }

  /** The warm-up count was reached: keep its totals apart and start the measured run now. */
  private endWarmup(now: number): void {
    const durationMs = Math.max(0, now - this.startMs);
    this.warmupDone = {
      records: this.records, durationMs: round(durationMs, 1),
      recordsPerSec: durationMs > 0 ? round(this.records * 1000 / durationMs, 1) : 0,
      latencyMs: this.warmupStats.summary(),
    };
    this.records = 0;
    this.bytes = 0;
    this.series.length = 0;
    this.throughput.tMs.length = 0;
    this.throughput.recordsPerSec.length = 0;
    this.finePrev = null;
    this.interval.reset();
    this.window.reset();
    this.total.reset();
    this.start(now);
  }
  error(codeName: string, records: number): void {
    this.errors += records;
    this.errorsByCode[codeName] = (this.errorsByCode[codeName] ?? 0) + records;
  }

  /** Called every ~100 ms: a fine throughput point, and the interval point when due. */
  tick(now: number): void {
    const dt = now - this.fine.t;
    if (dt > 0) {
      if (dt < MIN_FINE_MS && this.finePrev) {
        // a sliver (the end of the run): fold it into the previous point instead of a spike
        this.throughput.tMs.pop();
        this.throughput.recordsPerSec.pop();
        this.fine = this.finePrev;
        this.finePrev = null;
        this.tick(now);
        return;
      }
      this.finePrev = this.fine;
      this.throughput.tMs.push(round(now - this.startMs, 1));
      this.throughput.recordsPerSec.push(round((this.records - this.fine.records) * 1000 / dt, 1));
      this.fine = { t: now, records: this.records };
    }
    if (now - this.iv.t >= this.intervalMs) this.closeInterval(now);
  }

  private closeInterval(now: number): void {
    const dt = now - this.iv.t;
    if (dt <= 0) return;
    const records = this.records - this.iv.records;
    const bytes = this.bytes - this.iv.bytes;
    const l = this.interval;
    this.series.push({
      tMs: round(now - this.startMs, 1),
      durationMs: round(dt, 1),
      records,
      recordsPerSec: round(records * 1000 / dt, 1),
      mbPerSec: round(bytes / MIB * 1000 / dt, 3),
      errors: this.errors - this.iv.errors,
      latencyMs: l.count === 0 ? null : {
        p50: round(l.percentileMs(50), 3), p99: round(l.percentileMs(99), 3), max: round(l.maxMs, 3), mean: round(l.meanMs, 3),
      },
    });
    this.total.add(l);
    this.window.add(l);
    l.reset();
    this.iv = { t: now, records: this.records, bytes: this.bytes, errors: this.errors };
  }

  /** The live-progress window since the previous call (closes the current interval first). */
  takeWindow(now: number): WindowReport {
    this.closeInterval(now);
    const dt = Math.max(1, now - this.win.t);
    const records = this.records - this.win.records;
    const w: WindowReport = {
      records,
      recordsPerSec: records * 1000 / dt,
      mbPerSec: (this.bytes - this.win.bytes) / MIB * 1000 / dt,
      errors: this.errors - this.win.errors,
      latencyMeanMs: this.window.meanMs,
      latencyMaxMs: this.window.maxMs,
      latencyCount: this.window.count,
      totalRecords: this.records,
    };
    this.window.reset();
    this.win = { t: now, records: this.records, bytes: this.bytes, errors: this.errors };
    return w;
  }

  /** Closes the run at `now` (the last partial interval included) and returns the totals. */
  finish(now: number): RunTotals {
    // a run that ended inside its warm-up: everything it had is warm-up, the measured part is empty
    if (this.inWarmup) this.endWarmup(now);
    this.tick(now);
    this.closeInterval(now);
    this.endMs = now;
    const durationMs = Math.max(0, this.endMs - this.startMs);
    const secs = durationMs / 1000;
    return {
      records: this.records,
      bytes: this.bytes,
      errors: this.errors,
      errorsByCode: { ...this.errorsByCode },
      durationMs: round(durationMs, 1),
      recordsPerSec: secs > 0 ? round(this.records / secs, 1) : 0,
      mbPerSec: secs > 0 ? round(this.bytes / MIB / secs, 3) : 0,
      latencyMs: this.total.summary(),
      latencyDistribution: this.total.distribution(),
      series: this.series,
      throughput: this.throughput,
      ...(this.warmupRecords > 0 ? {
        warmup: this.warmupDone!,
      } : {}),
    };
  }
}
