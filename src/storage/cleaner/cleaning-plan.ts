// Deciding whether a compacted partition needs a cleaning pass, and over which range (Kafka's
// LogCleanerManager rules):
//  - firstDirtyOffset: the cleaner checkpoint, reset to the log start offset when it lies outside
//    [logStartOffset, logEndOffset];
//  - firstUncleanableOffset: the active segment's base offset, or the base offset of the first
//    dirty segment holding a record newer than min.compaction.lag.ms, whichever is lower;
//  - dirty ratio = dirty bytes / (clean + dirty bytes) over the inactive segments; a pass runs when
//    there are dirty bytes and the ratio reaches min.cleanable.dirty.ratio, or when the oldest
//    dirty segment's first batch is older than max.compaction.lag.ms;
//  - beyond Kafka: a pass also runs when a tombstone kept by an earlier pass has passed its delete
//    horizon, so deletes do not linger until enough new data arrives.
import { BATCH_HEADER_SIZE } from '../../protocol/record-batch';
import { isCompacted, LogConfig } from '../config';
import type { LogSegment } from '../segment';
import type { CleanerCheckpoint } from './cleaner-checkpoint';
import type { CleaningTask } from './types';

/** Default bound on distinct keys per cleaning pass (Kafka's is set by the dedupe buffer size). */
export const DEFAULT_MAX_MAP_ENTRIES = 1_000_000;

export type CleaningReason = 'dirty-ratio' | 'max-compaction-lag' | 'delete-horizon';

export interface CleaningCandidate {
  task: CleaningTask;
  reason: CleaningReason;
  dirtyRatio: number;
  dirtyBytes: number;
  cleanBytes: number;
}

/** A candidate plus the segment objects it was planned over (kept by the log, not sent to the task). */
export interface PlannedCleaning { candidate: CleaningCandidate; planned: Map<number, LogSegment> }

export interface PlanInput {
  dir: string;
  config: LogConfig;
  segments: readonly LogSegment[];
  logStartOffset: number;
  checkpoint: CleanerCheckpoint;
  now: number;
  id: number;
  maxMapEntries: number;
}

export function planCleaning(input: PlanInput): PlannedCleaning | null {
  const { config, segments, now } = input;
  if (!isCompacted(config) || segments.length < 2) return null;
  const active = segments[segments.length - 1];
  const leo = active.nextOffset;
  let firstDirty = input.checkpoint.firstDirtyOffset;
  if (firstDirty < input.logStartOffset || firstDirty > leo) firstDirty = input.logStartOffset;
  const inactive = segments.length - 1;
  const upper = (i: number): number => segments[i + 1].baseOffset;

  let firstUncleanable = active.baseOffset;
  if (config.minCompactionLagMs > 0) {
    for (let i = 0; i < inactive; i++) {
      if (upper(i) <= firstDirty) continue;
      if (segments[i].maxTimestamp > now - config.minCompactionLagMs) { firstUncleanable = segments[i].baseOffset; break; }
    }
  }
  firstUncleanable = Math.max(firstUncleanable, firstDirty);

  let cleanBytes = 0;
  let dirtyBytes = 0;
  const dirty: LogSegment[] = [];
  for (let i = 0; i < inactive && segments[i].baseOffset < firstUncleanable; i++) {
    if (upper(i) <= firstDirty) cleanBytes += segments[i].size;
    else { dirtyBytes += segments[i].size; dirty.push(segments[i]); }
  }
  const total = cleanBytes + dirtyBytes;
  const dirtyRatio = total > 0 ? dirtyBytes / total : 0;

  let reason: CleaningReason | null = null;
  if (dirtyBytes > 0 && dirtyRatio >= config.minCleanableDirtyRatio) reason = 'dirty-ratio';
  else if (dirtyBytes > 0 && overdue(dirty, now - config.maxCompactionLagMs)) reason = 'max-compaction-lag';
  else if (input.checkpoint.deleteHorizonMs >= 0 && now >= input.checkpoint.deleteHorizonMs && cleanBytes > 0) reason = 'delete-horizon';
  if (reason === null) return null;

  const task: CleaningTask = {
    id: input.id,
    dir: input.dir,
    segments: [],
    firstDirtyOffset: firstDirty,
    firstUncleanableOffset: firstUncleanable,
    now,
    deleteRetentionMs: config.deleteRetentionMs,
    segmentBytes: config.segmentBytes,
    segmentIndexBytes: config.segmentIndexBytes,
    indexIntervalBytes: config.indexIntervalBytes,
    maxMapEntries: input.maxMapEntries,
  };
  const planned = new Map<number, LogSegment>();
  for (let i = 0; i < inactive && segments[i].baseOffset < firstUncleanable; i++) {
    const s = segments[i];
    task.segments.push({ baseOffset: s.baseOffset, upperBound: upper(i), size: s.size, logPath: s.logPath });
    planned.set(s.baseOffset, s);
  }
  return { candidate: { task, reason, dirtyRatio, dirtyBytes, cleanBytes }, planned };
}

/** True when a dirty segment's first batch is older than `cleanUntil` (max.compaction.lag.ms). */
function overdue(dirty: LogSegment[], cleanUntil: number): boolean {
  if (cleanUntil <= 0) return false;
  for (const s of dirty) {
    if (s.size === 0) continue;
    const sc = s.scanner(0, s.size, Infinity, 0, BATCH_HEADER_SIZE);
    if (sc.next() !== 'ok') continue;
    if (sc.maxTimestamp > 0 && sc.maxTimestamp < cleanUntil) return true;
  }
  return false;
}
