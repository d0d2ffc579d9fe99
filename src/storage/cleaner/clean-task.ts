// One cleaning pass of one partition, stateless: builds the offset map over the dirty range,
// groups the segments below the map's end by size (as Kafka does, so cleaned segments merge up to
// segment.bytes), and writes each group as one `.cleaned` segment. It only reads the source
// segments and only creates `.cleaned` files: the partition actor swaps them in. Runs on a piscina
// thread (clean-worker.ts) or, in tests, on the caller's thread.
import * as fs from 'fs';
import { threadId } from 'worker_threads';
import { OFFSET_INDEX_ENTRY_SIZE } from '../offset-index';
import { INDEX_SUFFIX, TIME_INDEX_SUFFIX, segmentFileName } from '../segment';
import { TIME_INDEX_ENTRY_SIZE } from '../time-index';
import { FilterContext, FilterCounters, filterBatch } from './batch-filter';
import { CleanedSegmentWriter } from './cleaned-segment-writer';
import { buildOffsetMap } from './offset-map';
import { forEachSourceBatch } from './segment-source';
import type { CleanedGroup, CleaningResult, CleaningTask, SourceSegment } from './types';
import * as path from 'path';

const INT32_MAX = 0x7fffffff;

export function cleanLog(task: CleaningTask): CleaningResult {
  const started = performance.now();
  const built = buildOffsetMap(task);
  const ctx: FilterContext = { map: built.map, endOffset: built.endOffset, now: task.now, deleteRetentionMs: task.deleteRetentionMs };
  const counters: FilterCounters = { recordsRead: 0, recordsRetained: 0, tombstonesRemoved: 0 };
  const toClean = task.segments.filter((s) => s.baseOffset < built.endOffset);
  const groups = groupBySize(task, toClean);
  const done: CleanedGroup[] = [];
  const written: CleanedSegmentWriter[] = [];
  let bytesRead = 0;
  let batchesRead = 0;
  let bytesWritten = 0;
  let nextHorizon = -1;
  try {
    for (const group of groups) {
      const w = new CleanedSegmentWriter(task.dir, group[0].baseOffset, task.indexIntervalBytes);
      written.push(w);
      let changed = group.length > 1;
      for (let g = 0; g < group.length; g++) {
        const lastSeg = g === group.length - 1;
        forEachSourceBatch(group[g], (b) => {
          bytesRead += b.batch.length;
          batchesRead++;
          const r = filterBatch(b.batch, ctx, counters, lastSeg && b.last);
          if (r.changed) changed = true;
          if (r.horizon >= 0 && (nextHorizon < 0 || r.horizon < nextHorizon)) nextHorizon = r.horizon;
          if (r.out !== null) w.append(r.out);
        });
      }
      if (!changed || w.size === 0) {
        // nothing to gain (or nothing at all): leave the segment as it is
        w.abort();
        written.pop();
        continue;
      }
      bytesWritten += w.finish(mtimeOf(group[group.length - 1].logPath));
      done.push({ baseOffset: group[0].baseOffset, sources: group.map((s) => ({ baseOffset: s.baseOffset, size: s.size })), size: w.size });
    }
  } catch (err) {
    for (const w of written) w.abort();
    throw err;
  }
  return {
    id: task.id,
    dir: task.dir,
    endOffset: built.endOffset,
    groups: done,
    nextDeleteHorizonMs: nextHorizon,
    stats: {
      bytesRead: bytesRead + built.bytesRead,
      bytesWritten,
      batchesRead: batchesRead + built.batchesRead,
      recordsRead: counters.recordsRead,
      recordsRetained: counters.recordsRetained,
      tombstonesRemoved: counters.tombstonesRemoved,
      mapKeys: built.map.size,
      durationMs: performance.now() - started,
      threadId,
    },
  };
}

/**
 * Consecutive segments whose combined log bytes fit in segment.bytes, whose index files fit in
 * segment.index.bytes, and whose offsets span at most 2^31 - 1 (relative offsets are int32).
 */
export function groupBySize(task: CleaningTask, segments: SourceSegment[]): SourceSegment[][] {
  const groups: SourceSegment[][] = [];
  let i = 0;
  while (i < segments.length) {
    const group = [segments[i]];
    let logBytes = segments[i].size;
    let indexBytes = indexSize(task.dir, segments[i].baseOffset, INDEX_SUFFIX);
    let timeIndexBytes = indexSize(task.dir, segments[i].baseOffset, TIME_INDEX_SUFFIX);
    i++;
    while (i < segments.length) {
      const s = segments[i];
      const ib = indexSize(task.dir, s.baseOffset, INDEX_SUFFIX);
      const tb = indexSize(task.dir, s.baseOffset, TIME_INDEX_SUFFIX);
      if (logBytes + s.size > task.segmentBytes) break;
      if (indexBytes + ib > task.segmentIndexBytes || timeIndexBytes + tb > task.segmentIndexBytes) break;
      if (s.size > 0 && s.upperBound - 1 - group[0].baseOffset > INT32_MAX) break;
      group.push(s);
      logBytes += s.size;
      indexBytes += ib;
      timeIndexBytes += tb;
      i++;
    }
    groups.push(group);
  }
  return groups;
}

function indexSize(dir: string, base: number, suffix: string): number {
  try {
    return fs.statSync(path.join(dir, segmentFileName(base, suffix))).size;
  } catch {
    // a missing index is rebuilt by the actor; estimate it from nothing
    return suffix === INDEX_SUFFIX ? OFFSET_INDEX_ENTRY_SIZE : TIME_INDEX_ENTRY_SIZE;
  }
}

function mtimeOf(file: string): number {
  try { return fs.statSync(file).mtimeMs; } catch { return 0; }
}
