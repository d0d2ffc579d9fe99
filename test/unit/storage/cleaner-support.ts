// Shared helpers for the log-cleaner tests: keyed batches, a producer that remembers what it
// wrote, reading a whole log back, and the records a compaction pass must keep.
import { expect } from 'chai';
import { buildBatch, decodeBatches } from '../../../src/protocol/record-batch';
import type { PartitionLog } from '../../../src/storage/log';

export interface Rec { offset: number; key: string | null; value: string | null; timestamp: number }

export function keyedBatch(recs: { key: string | null; value: string | null; timestamp: number }[], compression: 0 | 1 | 2 | 3 | 4 = 0): Buffer {
  return buildBatch(recs.map((r) => ({
    key: r.key === null ? null : Buffer.from(r.key),
    value: r.value === null ? null : Buffer.from(r.value),
    timestamp: r.timestamp,
    headers: [{ key: 'h', value: Buffer.from(`hdr-${r.key}`) }],
  })), { compression, now: recs[0].timestamp });
}

/** Appends keyed records and keeps the full history (value `v<offset>` unless given). */
export class Writer {
  readonly history: Rec[] = [];
  constructor(private readonly log: PartitionLog, private readonly compression: 0 | 1 | 2 | 3 | 4 = 0) {}

  append(items: { key: string | null; value?: string | null; timestamp?: number }[], ts = 1_000): number {
    const base = this.log.logEndOffset;
    const recs = items.map((it, i) => ({
      key: it.key, value: it.value === undefined ? `v${base + i}` : it.value, timestamp: it.timestamp ?? ts,
    }));
    const r = this.log.appendAsLeader(keyedBatch(recs, this.compression), 0);
    expect(r.baseOffset).to.equal(base);
    recs.forEach((x, i) => this.history.push({ offset: base + i, ...x }));
    return base;
  }

  /** `total` updates over `keys` keys in batches of `perBatch`, keys in a fixed pseudo-random order. */
  updates(total: number, keys: number, perBatch: number, ts = 1_000): void {
    let seed = 12345;
    for (let done = 0; done < total; done += perBatch) {
      const items = [];
      for (let i = 0; i < perBatch && done + i < total; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        items.push({ key: `key-${(seed >>> 8) % keys}` });
      }
      this.append(items, ts);
    }
  }
}

/** Every record from the log start to the log end (empty batches contribute nothing). */
export function readAll(log: PartitionLog): { records: Rec[]; batches: { baseOffset: number; lastOffset: number; count: number; attributes: number; baseTimestamp: number }[] } {
  const records: Rec[] = [];
  const batches: { baseOffset: number; lastOffset: number; count: number; attributes: number; baseTimestamp: number }[] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) {
    const r = log.read(next, 8 << 20, true);
    if (r.records.length === 0) break;
    for (const b of decodeBatches(r.records)) {
      const last = b.header.baseOffset + b.header.lastOffsetDelta;
      if (last < next) continue;
      batches.push({ baseOffset: b.header.baseOffset, lastOffset: last, count: b.header.recordCount, attributes: b.header.attributes, baseTimestamp: b.header.baseTimestamp });
      for (const rec of b.records) {
        if (rec.offset < next) continue;
        records.push({ offset: rec.offset, key: rec.key === null ? null : String(rec.key), value: rec.value === null ? null : String(rec.value), timestamp: rec.timestamp });
        expect(rec.headers).to.deep.equal([{ key: 'h', value: Buffer.from(`hdr-${rec.key === null ? null : String(rec.key)}`) }]);
      }
      next = last + 1;
    }
  }
  return { records, batches };
}

/**
 * What one pass keeps of `recs`: everything at or past mapEnd, and below it the latest record of
 * each key (keyless records dropped; tombstones dropped too when `dropTombstones`).
 */
export function compacted(recs: Rec[], mapEnd: number, dropTombstones = false): Rec[] {
  const latest = new Map<string, number>();
  for (const r of recs) if (r.offset < mapEnd && r.key !== null) latest.set(r.key, r.offset);
  return recs.filter((r) => r.offset >= mapEnd
    || (r.key !== null && latest.get(r.key) === r.offset && !(dropTombstones && r.value === null)));
}

/** The last value per key when the log is read front to back. */
export function lastValues(recs: Rec[]): Map<string | null, string | null> {
  const m = new Map<string | null, string | null>();
  for (const r of recs) m.set(r.key, r.value);
  return m;
}

export function brief(recs: Rec[]): string[] {
  return recs.map((r) => `${r.offset}:${r.key}=${r.value}`);
}
