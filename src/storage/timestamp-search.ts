// ListOffsets by timestamp inside one segment, using its time index to skip older batches.
import { decodeBatchAt } from '../protocol/record-batch';
import { BatchScanner } from './batch-scanner';
import { LogSegment } from './segment';

export interface TimestampOffset { offset: number; timestamp: number }

/**
 * First record (offset >= minOffset) with timestamp >= ts in the segment, or null. The time
 * index gives the last offset known to be older than ts; scanning starts at its batch.
 */
export function findByTimestamp(seg: LogSegment, ts: number, minOffset: number): TimestampOffset | null {
  if (seg.maxTimestamp < ts) return null;
  seg.ensureIndexes();
  const after = seg.timeIndex.lookupBefore(ts);
  const sc = seg.scanner(seg.index.lookup(Math.max(after, minOffset)));
  while (sc.next() === 'ok') {
    if (sc.lastOffset < minOffset || sc.maxTimestamp < ts) continue;
    const found = firstRecordIn(sc, (o, t) => o >= minOffset && t >= ts);
    if (found) return found;
  }
  if (sc.status !== 'end') throw seg.corrupt(`at byte ${sc.pos}: ${sc.detail}`);
  return null;
}

/** The first record holding the segment's max timestamp (null if the segment is empty). */
export function findMaxTimestamp(seg: LogSegment): TimestampOffset | null {
  if (seg.size === 0) return null;
  const max = seg.maxTimestamp;
  const target = seg.offsetOfMaxTimestamp;
  seg.ensureIndexes();
  const sc = seg.scanner(seg.index.lookup(target));
  while (sc.next() === 'ok') {
    if (sc.lastOffset < target) continue;
    return firstRecordIn(sc, (_o, t) => t === max) ?? { offset: target, timestamp: max };
  }
  return { offset: target, timestamp: max };
}

function firstRecordIn(sc: BatchScanner, pred: (offset: number, ts: number) => boolean): TimestampOffset | null {
  const batch = sc.batch();
  const { records } = decodeBatchAt(batch, 0, batch.length);
  for (const r of records) if (pred(r.offset, r.timestamp)) return { offset: r.offset, timestamp: r.timestamp };
  return null;
}
