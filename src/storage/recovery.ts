// Recovery after an unclean shutdown: every segment from the one holding the recovery point on
// is scanned batch by batch with CRC checks; at the first torn, short or corrupt batch that
// segment is cut there and every later segment is deleted. Scanned segments get fresh indexes.
import { LogSegment } from './segment';

export interface LogLike { info: Function; warn: Function; debug?: Function }

export interface RecoveryResult {
  segmentsScanned: number;
  batches: number;
  /** Records in the batches kept in the scanned segments. */
  records: number;
  truncatedBytes: number;
  deletedSegments: number;
}

/** Recovers `segments` (sorted, mutated in place: deleted segments are removed). */
export function recoverSegments(segments: LogSegment[], recoveryPoint: number, logger: LogLike, dir: string): RecoveryResult {
  let start = 0;
  for (let i = 0; i < segments.length; i++) if (segments[i].baseOffset <= recoveryPoint) start = i;
  const result: RecoveryResult = { segmentsScanned: 0, batches: 0, records: 0, truncatedBytes: 0, deletedSegments: 0 };
  for (let i = start; i < segments.length; i++) {
    const seg = segments[i];
    const upper = i + 1 < segments.length ? segments[i + 1].baseOffset : Infinity;
    const r = seg.recover(upper);
    result.segmentsScanned++;
    result.batches += r.batches;
    result.records += r.records;
    if (r.truncatedBytes === 0 && r.detail === '') continue;
    result.truncatedBytes += r.truncatedBytes;
    const later = segments.splice(i + 1);
    for (const s of later) {
      result.truncatedBytes += s.size;
      s.delete();
    }
    result.deletedSegments = later.length;
    // an emptied segment that is not the first is dropped: the previous one becomes active again
    if (seg.isEmpty && i > 0) {
      segments.splice(i, 1);
      seg.delete();
      result.deletedSegments++;
    }
    logger.warn({
      dir, segment: seg.baseOffset, truncatedAtByte: seg.size, truncatedBytes: result.truncatedBytes,
      deletedSegments: result.deletedSegments, batchesKept: r.batches, reason: r.detail,
    }, 'log recovery truncated the log at the first damaged batch');
    break;
  }
  // per partition at debug: a broker recovering 10,000 partitions would print 10,000 lines (a
  // truncation is a warning above)
  logger.debug?.({ dir, recoveryPoint, ...result }, 'log recovery finished');
  return result;
}
