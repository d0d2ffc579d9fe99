// Per-partition record batching for the producer: a batch closes when it reaches
// batch.size, when the next record would not fit, or when linger.ms has passed since its
// first record. Pure logic; the producer owns timers and sending.
import type { RecordInput } from '../protocol/record-batch';

export interface Delivery<M> { resolve: (m: M) => void; reject: (e: Error) => void }

export interface Batch<M> {
  topic: string;
  partition: number;
  records: RecordInput[];
  deliveries: Delivery<M>[];
  /** Estimated encoded size in bytes (batch header + records). */
  sizeBytes: number;
  /** Sum of key and value lengths (for the producer's buffer.memory accounting). */
  payloadBytes: number;
  createdAt: number;
  /** Send attempts so far. */
  attempts: number;
}

/** Fixed part of a magic-2 record batch. */
export const BATCH_OVERHEAD = 61;

/** Upper-bound estimate of one record's encoded size inside a batch. */
export function estimateRecordSize(r: RecordInput): number {
  let size = 21 + (r.key ? r.key.length : 0) + (r.value ? r.value.length : 0);
  if (r.headers) for (const h of r.headers) size += 10 + Buffer.byteLength(h.key) + (h.value ? h.value.length : 0);
  return size;
}

export class Accumulator<M> {
  private readonly open = new Map<string, Batch<M>>();

  constructor(private readonly opts: { batchSize: number; lingerMs: number }) {}

  /** Number of open (not yet closed) batches. */
  get openCount(): number { return this.open.size; }

  /**
   * Adds a record to its partition's open batch. Returns the batches this closed: the
   * previous batch when the record did not fit, and the record's own batch when it is full.
   */
  append(topic: string, partition: number, record: RecordInput, delivery: Delivery<M>, now: number): Batch<M>[] {
    const key = `${partition}:${topic}`;
    const size = estimateRecordSize(record);
    const closed: Batch<M>[] = [];
    let b = this.open.get(key);
    if (b && b.sizeBytes + size > this.opts.batchSize) {
      closed.push(b);
      this.open.delete(key);
      b = undefined;
    }
    if (!b) {
      b = { topic, partition, records: [], deliveries: [], sizeBytes: BATCH_OVERHEAD, payloadBytes: 0, createdAt: now, attempts: 0 };
      this.open.set(key, b);
    }
    b.records.push(record);
    b.deliveries.push(delivery);
    b.sizeBytes += size;
    b.payloadBytes += (record.key ? record.key.length : 0) + (record.value ? record.value.length : 0);
    if (b.sizeBytes >= this.opts.batchSize) {
      closed.push(b);
      this.open.delete(key);
    }
    return closed;
  }

  /**
   * Closes and returns batches whose linger time has passed, plus those within `slackMs`
   * of it (so batches started moments apart leave in one request).
   */
  expired(now: number, slackMs = 0): Batch<M>[] {
    const out: Batch<M>[] = [];
    for (const [key, b] of this.open) {
      if (now - b.createdAt >= this.opts.lingerMs - slackMs) { out.push(b); this.open.delete(key); }
    }
    return out;
  }

  /** Time until the oldest open batch's linger expires (null when none is open). */
  nextExpiry(now: number): number | null {
    let min: number | null = null;
    for (const b of this.open.values()) {
      const left = Math.max(0, b.createdAt + this.opts.lingerMs - now);
      if (min === null || left < min) min = left;
    }
    return min;
  }

  /** Closes and returns every open batch (flush). */
  drainAll(): Batch<M>[] {
    const out = [...this.open.values()];
    this.open.clear();
    return out;
  }
}
