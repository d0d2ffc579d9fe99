// When each record of a producer is due. With a target rate R (records/s) record k is due at
// start + k * 1000 / R: that is its send time, whether or not the producer keeps up, so a
// producer that falls behind shows the delay in its latencies (no coordinated omission).
// Unlimited (rate <= 0): every record is due at once; its send time is when its batch is built.
export class Schedule {
  readonly unlimited: boolean;
  /** ms between two records (0 when unlimited). */
  readonly stepMs: number;

  constructor(readonly rate: number, readonly startMs: number, readonly total: number) {
    this.unlimited = !(rate > 0);
    this.stepMs = this.unlimited ? 0 : 1000 / rate;
  }

  /** Send time of record k (epoch ms); startMs when unlimited. */
  timeOf(k: number): number { return this.startMs + k * this.stepMs; }

  /** Number of records due at `now` (0..total). */
  dueAt(now: number): number {
    if (this.unlimited) return this.total;
    if (now < this.startMs) return 0;
    return Math.min(this.total, Math.floor((now - this.startMs) / this.stepMs) + 1);
  }
}
