// Opening a partition directory: stray-file cleanup, segments, checkpoint, recovery.
import * as fs from 'fs';
import * as path from 'path';
import { storageError } from './index-file';
import { LogConfig } from './config';
import { CHECKPOINT_FILE, PartitionCheckpoint, readCheckpoint } from './checkpoint';
import { LogSegment, LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX } from './segment';
import { LogLike, recoverSegments } from './recovery';
import { recoverCleanerFiles } from './cleaner/segment-swap';

export interface LoadedLog {
  segments: LogSegment[];
  logStartOffset: number;
  recoveryPoint: number;
  /** True when recovery ran. */
  recovered: boolean;
  /** Recovery cut the log (a torn or corrupt tail) or deleted segments: the caller makes that durable before serving. */
  changed: boolean;
  /** Records recovery scanned and kept (counted as not yet flushed). */
  recoveredRecords: number;
  /** The checkpoint on disk no longer matches the recovery point or log start offset. */
  checkpointStale: boolean;
  /** The checkpoint as read from disk (null: missing or unreadable). */
  checkpoint: PartitionCheckpoint | null;
}

const SEGMENT_FILE = /^(\d{20})(\.log|\.index|\.timeindex)$/;

export function loadLog(dir: string, config: LogConfig, cleanShutdown: boolean, nowMs: number, logger: LogLike): LoadedLog {
  let names: string[];
  try {
    fs.mkdirSync(dir, { recursive: true });
    names = fs.readdirSync(dir);
  } catch (err) {
    throw storageError(`opening log directory ${dir}`, err);
  }
  // an interrupted cleaner swap is completed (.swap) or rolled back (.cleaned) first
  names = recoverCleanerFiles(dir, names, logger);
  const logs = new Set<string>();
  for (const n of names) {
    const m = SEGMENT_FILE.exec(n);
    if (m && m[2] === LOG_SUFFIX) logs.add(m[1]);
  }
  for (const n of names) {
    const m = SEGMENT_FILE.exec(n);
    const orphanIndex = m && (m[2] === INDEX_SUFFIX || m[2] === TIME_INDEX_SUFFIX) && !logs.has(m[1]);
    if (orphanIndex || n.endsWith('.tmp')) {
      try { fs.unlinkSync(path.join(dir, n)); } catch { /* best effort */ }
      if (n !== `${CHECKPOINT_FILE}.tmp`) logger.info({ dir, file: n }, 'removed stray log file');
    }
  }
  const checkpoint = readCheckpoint(dir);
  const bases = [...logs].map(Number).sort((a, b) => a - b);
  const segments = bases.map((b) => LogSegment.open(dir, b, config));
  if (segments.length === 0) {
    const base = checkpoint?.logStartOffset ?? 0;
    segments.push(LogSegment.create(dir, base, config));
    return { segments, logStartOffset: base, recoveryPoint: base, recovered: false, changed: false, recoveredRecords: 0, checkpointStale: false, checkpoint };
  }

  let recovered = false;
  let changed = false;
  let recoveredRecords = 0;
  const recover = (from: number): void => {
    const r = recoverSegments(segments, from, logger, dir);
    recovered = true;
    changed ||= r.truncatedBytes > 0 || r.deletedSegments > 0;
    recoveredRecords += r.records;
  };
  if (!cleanShutdown) recover(checkpoint?.recoveryPoint ?? 0);
  const active = segments[segments.length - 1];
  if (!active.loadAsActive(nowMs)) {
    logger.warn({ dir, segment: active.baseOffset }, 'active segment damaged after a clean shutdown; recovering it');
    recover(segments[segments.length - 1].baseOffset);
    segments[segments.length - 1].loadAsActive(nowMs);
  }
  for (const s of segments) {
    if (s.damaged && s !== segments[segments.length - 1]) {
      logger.warn({ dir, segment: s.baseOffset }, 'inactive segment has damaged batches; reads reaching them will fail');
    }
  }
  const first = segments[0].baseOffset;
  const logEnd = segments[segments.length - 1].nextOffset;
  const lso = Math.min(Math.max(checkpoint?.logStartOffset ?? first, first), logEnd);
  const recoveryPoint = recovered ? Math.min(checkpoint?.recoveryPoint ?? first, logEnd) : logEnd;
  const checkpointStale = checkpoint !== null && (checkpoint.recoveryPoint !== recoveryPoint || checkpoint.logStartOffset !== lso);
  return { segments, logStartOffset: lso, recoveryPoint, recovered, changed, recoveredRecords, checkpointStale, checkpoint };
}
