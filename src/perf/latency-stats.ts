// Latency bookkeeping on an HDR histogram (hdr-histogram-js): values are recorded in
// microseconds (3 significant digits), reported in milliseconds. The exact minimum, maximum
// and sum are kept next to the histogram, so max and mean are not rounded to a bucket.
import * as hdr from 'hdr-histogram-js';

/** Percentiles in milliseconds, as printed and written to --json. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** The percentiles the summary lists, with their JSON key. */
export const SUMMARY_PERCENTILES: readonly [keyof LatencySummary, number][] = [['p50', 50], ['p95', 95], ['p99', 99], ['p999', 99.9]];

function round3(v: number): number { return Math.round(v * 1000) / 1000; }

export class LatencyStats {
  readonly hist: hdr.Histogram;
  private minUs = Infinity;
  private maxUs = 0;
  private sumUs = 0;

  constructor() {
    this.hist = hdr.build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  }

  get count(): number { return this.hist.totalCount; }

  /** Records `count` samples of `ms` milliseconds (negative values count as 0). */
  record(ms: number, count = 1): void {
    if (count <= 0) return;
    const us = ms > 0 ? Math.round(ms * 1000) : 0;
    if (count === 1) this.hist.recordValue(us); else this.hist.recordValueWithCount(us, count);
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
    this.sumUs += us * count;
  }

  /** Adds every sample of `other` (merging an interval into a total). */
  add(other: LatencyStats): void {
    if (other.count === 0) return;
    this.hist.add(other.hist);
    if (other.minUs < this.minUs) this.minUs = other.minUs;
    if (other.maxUs > this.maxUs) this.maxUs = other.maxUs;
    this.sumUs += other.sumUs;
  }

  reset(): void {
    this.hist.reset();
    this.minUs = Infinity;
    this.maxUs = 0;
    this.sumUs = 0;
  }

  /** Latency (ms) at a percentile in [0, 100]; 0 when empty. */
  percentileMs(p: number): number {
    if (this.count === 0) return 0;
    if (p >= 100) return this.maxUs / 1000;
    // a bucket's highest equivalent value can exceed the exact maximum
    return Math.min(this.hist.getValueAtPercentile(p), this.maxUs) / 1000;
  }

  get maxMs(): number { return this.maxUs / 1000; }
  get meanMs(): number { return this.count === 0 ? 0 : this.sumUs / this.count / 1000; }

  summary(): LatencySummary {
    const n = this.count;
    const s: LatencySummary = {
      count: n, min: n ? round3(this.minUs / 1000) : 0, mean: round3(this.meanMs),
      p50: 0, p95: 0, p99: 0, p999: 0, max: round3(this.maxMs),
    };
    for (const [key, p] of SUMMARY_PERCENTILES) (s as unknown as Record<string, number>)[key] = round3(this.percentileMs(p));
    return s;
  }

  /** [percentile, ms] points for a percentile-distribution chart (0 .. 99.999, then 100). */
  distribution(): [number, number][] {
    if (this.count === 0) return [];
    const ps = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100];
    return ps.map((p) => [p, round3(this.percentileMs(p))]);
  }

  destroy(): void { this.hist.destroy(); }
}
