// Sequential reading of one source segment's batches for a cleaning task: a private 1 MiB window,
// structure checks from the batch scanner, and a CRC check on every batch (a corrupt batch fails
// the pass; nothing is swapped).
import * as fs from 'fs';
import { SamsaError } from '../../runtime/samsa-error';
import { BatchScanner } from '../batch-scanner';
import { storageError } from '../index-file';
import type { SourceSegment } from './types';

const WINDOW = 1024 * 1024;

export interface SourceBatch {
  /** The whole batch: a view valid until the callback returns. */
  batch: Buffer;
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  attributes: number;
  /** True for the segment's last batch. */
  last: boolean;
}

/** Calls fn for each batch of the segment (up to its planned size); fn returns false to stop. */
export function forEachSourceBatch(seg: SourceSegment, fn: (b: SourceBatch) => boolean | void): void {
  let fd: number;
  try { fd = fs.openSync(seg.logPath, 'r'); } catch (err) { throw storageError(`opening ${seg.logPath}`, err); }
  try {
    const sc = new BatchScanner(fd, 0, seg.size, seg.baseOffset, seg.upperBound, WINDOW);
    const item: SourceBatch = { batch: Buffer.alloc(0), baseOffset: 0, lastOffset: 0, recordCount: 0, attributes: 0, last: false };
    while (sc.next() === 'ok') {
      if (!sc.crcValid()) throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `${seg.logPath}: CRC mismatch in batch at offset ${sc.baseOffset}`);
      item.batch = sc.batch();
      item.baseOffset = sc.baseOffset;
      item.lastOffset = sc.lastOffset;
      item.recordCount = sc.recordCount;
      item.attributes = sc.attributes;
      item.last = sc.pos + sc.size >= seg.size;
      if (fn(item) === false) return;
    }
    if (sc.status !== 'end') throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `${seg.logPath} at byte ${sc.pos}: ${sc.detail}`);
  } finally {
    fs.closeSync(fd);
  }
}
