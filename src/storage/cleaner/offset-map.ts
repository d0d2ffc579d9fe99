// The cleaner's key -> latest offset map over the dirty range [firstDirtyOffset,
// firstUncleanableOffset). Keys are exact (latin1 strings of the key bytes), so there are no hash
// collisions to worry about. When the map would exceed maxMapEntries the build stops before that
// batch: the pass then cleans up to there and the rest stays dirty for the next pass.
import { CONTROL_FLAG_MASK } from '../../protocol/record-batch';
import { recordsOf } from './batch-filter';
import { RecordWalker } from './record-walker';
import { forEachSourceBatch } from './segment-source';
import type { CleaningTask } from './types';

export interface OffsetMapResult {
  map: Map<string, number>;
  /** First offset not covered by the map (the new cleaner checkpoint). */
  endOffset: number;
  bytesRead: number;
  batchesRead: number;
}

export function buildOffsetMap(task: CleaningTask): OffsetMapResult {
  const map = new Map<string, number>();
  const start = task.firstDirtyOffset;
  const stop = task.firstUncleanableOffset;
  const walker = new RecordWalker();
  let endOffset = stop;
  let bytesRead = 0;
  let batchesRead = 0;
  let full = false;
  for (const seg of task.segments) {
    if (full) break;
    if (seg.upperBound <= start || seg.baseOffset >= stop) continue;
    forEachSourceBatch(seg, (b) => {
      if (b.lastOffset < start) return true;
      if (b.baseOffset >= stop) { full = true; return false; }
      if (map.size > 0 && map.size + b.recordCount > task.maxMapEntries) {
        endOffset = Math.max(start, b.baseOffset);
        full = true;
        return false;
      }
      bytesRead += b.batch.length;
      batchesRead++;
      if (b.attributes & CONTROL_FLAG_MASK) return true;
      const { buf, start: rs, end: re } = recordsOf(b.batch);
      walker.reset(buf, rs, re, b.recordCount);
      while (walker.next()) {
        const offset = b.baseOffset + walker.offsetDelta;
        if (offset < start || offset >= stop || walker.keyLength < 0) continue;
        map.set(walker.keyString()!, offset);
      }
      return true;
    });
  }
  return { map, endOffset, bytesRead, batchesRead };
}
