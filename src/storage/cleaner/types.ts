// What crosses between a partition actor and a cleaning task (plain data: it travels to a
// piscina thread by structured clone and back).

/** One inactive segment as the actor saw it when it planned the pass. */
export interface SourceSegment {
  baseOffset: number;
  /** Offset after the segment: the next segment's base offset. */
  upperBound: number;
  /** Bytes of the .log at planning time (the task reads no further). */
  size: number;
  logPath: string;
}

/** A stateless cleaning pass over one partition directory. */
export interface CleaningTask {
  dir: string;
  /** Every inactive segment below firstUncleanableOffset, oldest first. */
  segments: SourceSegment[];
  /** Cleaner checkpoint: records below it were cleaned before. */
  firstDirtyOffset: number;
  /** The map stops here: the active segment's base offset or the min.compaction.lag boundary. */
  firstUncleanableOffset: number;
  /** "Current time" of the pass (delete horizons are set and checked against it). */
  now: number;
  deleteRetentionMs: number;
  segmentBytes: number;
  segmentIndexBytes: number;
  indexIntervalBytes: number;
  /** Largest number of distinct keys in the offset map; the pass stops early when reached. */
  maxMapEntries: number;
  /** Identifies the plan; applyCleaned() accepts only the result of the log's latest plan. */
  id: number;
}

/** One replacement segment written as `<base>.log.cleaned` (+ `.index.cleaned`, `.timeindex.cleaned`). */
export interface CleanedGroup {
  baseOffset: number;
  /** The segments it replaces (base offsets and sizes as read). */
  sources: { baseOffset: number; size: number }[];
  /** Bytes of the cleaned .log. */
  size: number;
}

export interface CleaningStats {
  bytesRead: number;
  bytesWritten: number;
  batchesRead: number;
  recordsRead: number;
  recordsRetained: number;
  tombstonesRemoved: number;
  mapKeys: number;
  durationMs: number;
  /** worker_threads.threadId of the thread that ran the task. */
  threadId: number;
}

export interface CleaningResult {
  id: number;
  dir: string;
  /** New cleaner checkpoint: every record below it has been deduplicated against the map. */
  endOffset: number;
  groups: CleanedGroup[];
  /** Earliest delete horizon of the tombstones still in the cleaned part, -1 if none. */
  nextDeleteHorizonMs: number;
  stats: CleaningStats;
}

export const CLEANED_SUFFIX = '.cleaned';
export const SWAP_SUFFIX = '.swap';
export const DELETED_SUFFIX = '.deleted';
