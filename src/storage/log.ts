// The log of one partition: a directory of segments (`<topic>-<partition>/`) owned by one actor
// on one worker thread. Sync I/O on fds by design.
import * as fs from 'fs';
import {
  BATCH_LENGTH_OFFSET, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, assignOffsets, batchCrcValid, validateProducedBatches,
} from '../protocol/record-batch';
import { readInt64 } from '../protocol/varint';
import { SamsaError } from '../runtime/samsa-error';
import { fsyncDirAsync } from './async-sync';
import { PartitionCheckpoint, fsyncDir, sameCheckpoint, stageCheckpointAsync, writeCheckpoint } from './checkpoint';
import { LogConfig, checkLogConfig, hasRetention } from './config';
import { CleanerCheckpoint, readCleanerCheckpoint, writeCleanerCheckpoint } from './cleaner/cleaner-checkpoint';
import { CleaningCandidate, DEFAULT_MAX_MAP_ENTRIES, PlannedCleaning, planCleaning } from './cleaner/cleaning-plan';
import { AppliedCleaning, discardCleaned, swapInCleaned } from './cleaner/segment-swap';
import type { CleaningResult } from './cleaner/types';
import { storageError } from './index-file';
import { loadLog } from './log-loader';
import { LogLike } from './recovery';
import { LogSegment } from './segment';
import { findByTimestamp, findMaxTimestamp } from './timestamp-search';

export type { LogConfig } from './config';
export { DEFAULT_LOG_CONFIG } from './config';
export type { AppliedCleaning } from './cleaner/segment-swap';

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  /** -1 unless the log uses LogAppendTime */
  logAppendTime: number;
  logStartOffset: number;
  records: number;
}

export interface ReadResult {
  /** Whole batches; an empty Buffer if none. */
  records: Buffer;
  logStartOffset: number;
  logEndOffset: number;
}

export interface PartitionLogOptions {
  cleanShutdown: boolean;
  now?: () => number;
  logger?: LogLike;
}

const EMPTY = Buffer.alloc(0);
let nextCleaningId = 1;
const noopLogger: LogLike = { info() { /* none */ }, warn() { /* none */ } };

export class PartitionLog {
  private segments: LogSegment[];
  private lso: number;
  private recoveryPoint: number;
  private unflushed = 0;
  private lastFlushMs: number;
  private closed = false;
  private cleanerCheckpoint: CleanerCheckpoint;
  /** The last compactionCandidate() and the segments it saw (applyCleaned checks they are unchanged). */
  private cleaningPlan: PlannedCleaning | null = null;
  /** What partition.checkpoint holds on disk, as far as this log knows (null: unknown or missing). */
  private diskCheckpoint: PartitionCheckpoint | null;

  private constructor(
    readonly dir: string, public config: LogConfig, private readonly now: () => number, private readonly logger: LogLike,
    segments: LogSegment[], logStartOffset: number, recoveryPoint: number, diskCheckpoint: PartitionCheckpoint | null,
  ) {
    this.diskCheckpoint = diskCheckpoint;
    this.cleanerCheckpoint = readCleanerCheckpoint(dir);
    this.segments = segments;
    this.lso = logStartOffset;
    this.recoveryPoint = recoveryPoint;
    this.lastFlushMs = now();
  }

  /** Opens (creating if missing) the partition directory; recovers it unless cleanShutdown. */
  static open(dir: string, config: LogConfig, opts: PartitionLogOptions): PartitionLog {
    checkLogConfig(config);
    const now = opts.now ?? Date.now;
    const logger = opts.logger ?? noopLogger;
    const loaded = loadLog(dir, config, opts.cleanShutdown, now(), logger);
    const log = new PartitionLog(dir, config, now, logger, loaded.segments, loaded.logStartOffset, loaded.recoveryPoint, loaded.checkpoint);
    if (loaded.changed) {
      // Recovery cut a torn or corrupt tail (or deleted segments after it). That must be durable
      // before the partition serves: new appends land where the cut was, and if an OS crash then
      // undid an unsynced ftruncate or unlink, the next recovery could find old bytes behind or
      // overlapping new ones (a resurrected segment's base offset caps the scan of the one
      // before it) and serve records that were once dropped. So: fdatasync every segment from
      // the recovery point, fsync the indexes, and write the checkpoint (temp file, fsync,
      // rename, fsync of the directory, which also makes the unlinks durable). Rare: only
      // partitions with damage pay for it.
      log.flush(true);
    } else if (loaded.recovered) {
      // Recovery found every batch past the recovery point whole and changed no file (the usual
      // case after a process crash: the page cache kept what was written). Nothing on disk is
      // different from before the crash, so nothing needs an fsync now: the checkpoint on disk
      // still holds (recovery point <= log end, same log start offset), and a crash before the
      // next flush recovers from the same point again. The data past the recovery point counts
      // as unflushed, exactly as before the crash: the flush policy (flush.messages counting
      // the recovered records, flush.ms from now, a roll, or close) fsyncs it (the recovered
      // segments and any index rebuilt are marked dirty) and then moves the recovery point.
      log.unflushed = loaded.recoveredRecords;
      if (log.unflushed >= config.flushMessages) log.flush();
      else if (loaded.checkpointStale) log.checkpoint();
    }
    return log;
  }

  get logStartOffset(): number { return this.lso; }
  get logEndOffset(): number { return this.active.nextOffset; }
  get sizeBytes(): number { let n = 0; for (const s of this.segments) n += s.size; return n; }
  get segmentCount(): number { return this.segments.length; }
  /** Offsets below this are fsynced. */
  get recoveryPointOffset(): number { return this.recoveryPoint; }
  private get active(): LogSegment { return this.segments[this.segments.length - 1]; }
  get isOpen(): boolean { return !this.closed; }
  /** Cleaner checkpoint: records below it were compacted by an earlier pass. */
  get firstDirtyOffset(): number { return this.cleanerCheckpoint.firstDirtyOffset; }

  private ensureOpen(): void {
    if (this.closed) throw new SamsaError('SAMSA_ERR_STORAGE', `log ${this.dir} is closed`);
  }

  /**
   * Validates the producer's batches (nothing is written on error), assigns offsets in place
   * (the buffer is modified), rolls if needed, writes with one write, indexes, flushes per policy.
   */
  appendAsLeader(records: Buffer, leaderEpoch: number): AppendResult {
    this.ensureOpen();
    const { batches, records: count } = validateProducedBatches(records, this.config.maxMessageBytes, this.config.cleanupPolicy.includes('compact'));
    if (batches === 0) return { baseOffset: -1, lastOffset: -1, logAppendTime: -1, logStartOffset: this.lso, records: 0 };
    if (records.length > this.config.segmentBytes) {
      throw new SamsaError('SAMSA_ERR_RECORD_LIST_TOO_LARGE', `${records.length} bytes exceed segment.bytes ${this.config.segmentBytes}`);
    }
    const now = this.now();
    const logAppendTime = this.config.messageTimestampType === 'LogAppendTime' ? now : -1;
    const opts = { partitionLeaderEpoch: leaderEpoch, logAppendTime: logAppendTime >= 0 ? logAppendTime : undefined };
    const baseOffset = this.logEndOffset;
    let next = baseOffset;
    for (let pos = 0; pos < records.length;) {
      const size = LOG_OVERHEAD + records.readInt32BE(pos + BATCH_LENGTH_OFFSET);
      assignOffsets(records, pos, next, opts);
      next += records.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET) + 1;
      pos += size;
    }
    if (this.active.shouldRoll(records.length, next - 1, now)) this.roll(now);
    const active = this.active;
    active.append(records, now);
    this.unflushed += count;
    if (this.config.fsyncOnAppend) active.syncData();
    if (this.unflushed >= this.config.flushMessages) this.flush();
    return { baseOffset, lastOffset: next - 1, logAppendTime, logStartOffset: this.lso, records: count };
  }

  /** Index of the segment holding `offset` (largest baseOffset <= offset), 0 if below all. */
  private floorSegment(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid].baseOffset <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  private upperBound(i: number): number {
    return i + 1 < this.segments.length ? this.segments[i + 1].baseOffset : this.logEndOffset;
  }

  /**
   * Whole batches from the one containing fetchOffset, up to maxBytes (at least one batch if
   * minOneBatch), continuing into later segments. Batches failing their CRC are never served.
   */
  read(fetchOffset: number, maxBytes: number, minOneBatch: boolean): ReadResult {
    this.ensureOpen();
    const leo = this.logEndOffset;
    if (fetchOffset < this.lso || fetchOffset > leo) {
      throw new SamsaError('SAMSA_ERR_OFFSET_OUT_OF_RANGE', `offset ${fetchOffset} outside [${this.lso}, ${leo}] of ${this.dir}`);
    }
    const result: ReadResult = { records: EMPTY, logStartOffset: this.lso, logEndOffset: leo };
    if (fetchOffset === leo) return result;
    const parts: Buffer[] = [];
    let total = 0;
    let target = fetchOffset;
    for (let i = this.floorSegment(target); i < this.segments.length; i++) {
      const seg = this.segments[i];
      const r = seg.read(target, maxBytes - total, minOneBatch && total === 0, this.upperBound(i));
      if (r === null) continue;
      if (r.data.length > 0) {
        parts.push(r.data);
        total += r.data.length;
        target = r.nextOffset;
      }
      if (r.full || target >= leo) break;
    }
    if (total === 0) return result;
    result.records = this.verified(parts.length === 1 ? parts[0] : Buffer.concat(parts, total));
    return result;
  }

  /** Cuts buf before the first batch failing its CRC; throws if that is the first batch. */
  private verified(buf: Buffer): Buffer {
    for (let pos = 0; pos < buf.length;) {
      const size = LOG_OVERHEAD + buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
      if (!batchCrcValid(buf, pos, size)) {
        const offset = readInt64(buf, pos);
        this.logger.warn({ dir: this.dir, offset, size }, 'stored record batch failed its CRC; not serving it');
        if (pos === 0) throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `stored batch at offset ${offset} in ${this.dir} failed its CRC`);
        return buf.subarray(0, pos);
      }
      pos += size;
    }
    return buf;
  }

  /**
   * ListOffsets: -2 earliest, -1 latest, -3 the record with the largest timestamp, otherwise
   * the first offset whose timestamp is >= ts (null if none).
   */
  offsetForTimestamp(ts: number): { offset: number; timestamp: number } | null {
    this.ensureOpen();
    if (ts === -2 || ts === -4) return { offset: this.lso, timestamp: -1 };
    if (ts === -1) return { offset: this.logEndOffset, timestamp: -1 };
    if (ts === -3) {
      if (this.logEndOffset === this.lso) return null;
      let best: LogSegment | null = null;
      for (let i = 0; i < this.segments.length; i++) {
        const s = this.segments[i];
        if (s.size > 0 && this.upperBound(i) > this.lso && (best === null || s.maxTimestamp > best.maxTimestamp)) best = s;
      }
      return best === null ? null : findMaxTimestamp(best);
    }
    if (ts < 0) return null;
    for (let i = 0; i < this.segments.length; i++) {
      if (this.upperBound(i) <= this.lso) continue;
      const found = findByTimestamp(this.segments[i], ts, this.lso);
      if (found) return found;
    }
    return null;
  }

  /** DeleteRecords: raises the log start offset, deleting segments wholly below it. */
  deleteRecordsBefore(offset: number): number {
    this.ensureOpen();
    const leo = this.logEndOffset;
    if (offset < 0 || offset > leo) {
      throw new SamsaError('SAMSA_ERR_OFFSET_OUT_OF_RANGE', `offset ${offset} outside [${this.lso}, ${leo}] of ${this.dir}`);
    }
    if (offset <= this.lso) return this.lso;
    this.lso = offset;
    if (offset === leo && this.active.size > 0) this.roll(this.now());
    this.deleteSegmentsBelow(offset);
    this.checkpoint();
    return this.lso;
  }

  private deleteSegmentsBelow(offset: number): number {
    let n = 0;
    while (this.segments.length > 1 && this.segments[1].baseOffset <= offset) {
      this.segments.shift()!.delete();
      n++;
    }
    return n;
  }

  /** Rolls the active segment if it is non-empty and older than segment.ms. */
  maybeRoll(now: number): void {
    this.ensureOpen();
    const a = this.active;
    if (a.size > 0 && now - a.rollBaseMs > this.config.segmentMs) this.roll(now);
  }

  /**
   * Starts a new active segment at the log end offset; the old one is closed off and fsynced
   * (with any segment after the recovery point before it, e.g. recovered ones), and its index
   * fds are closed.
   */
  roll(now: number = this.now()): void {
    const old = this.active;
    if (old.size === 0) return;
    old.onBecomeInactive();
    for (let i = this.floorSegment(this.recoveryPoint); i < this.segments.length; i++) this.segments[i].flush();
    old.closeIndexFiles();
    const seg = LogSegment.create(this.dir, old.nextOffset, this.config);
    this.segments.push(seg);
    try { fsyncDir(this.dir); } catch (err) { throw storageError(`fsync ${this.dir}`, err); }
    this.recoveryPoint = seg.baseOffset;
    this.unflushed = 0;
    this.lastFlushMs = now;
    this.checkpoint();
  }

  /**
   * Deletes old segments (never the active one): a prefix whose newest timestamp is older than
   * retention.ms, then oldest segments while the log exceeds retention.bytes. Returns the count.
   */
  applyRetention(now: number): number {
    this.ensureOpen();
    let deleted = 0;
    const { retentionMs, retentionBytes } = this.config;
    // cleanup.policy=compact alone keeps everything the cleaner keeps
    const retains = hasRetention(this.config);
    if (retains && retentionMs >= 0) {
      while (this.segments.length > 1) {
        const s = this.segments[0];
        const newest = s.maxTimestamp >= 0 ? s.maxTimestamp : s.lastModifiedMs();
        if (now - newest <= retentionMs) break;
        this.segments.shift()!.delete();
        deleted++;
      }
    }
    if (retains && retentionBytes >= 0) {
      let excess = this.sizeBytes - retentionBytes;
      while (this.segments.length > 1 && excess - this.segments[0].size >= 0) {
        excess -= this.segments[0].size;
        this.segments.shift()!.delete();
        deleted++;
      }
    }
    if (deleted > 0) {
      this.lso = Math.max(this.lso, this.segments[0].baseOffset);
      this.checkpoint();
      this.logger.info({ dir: this.dir, deleted, logStartOffset: this.lso }, 'retention deleted log segments');
    }
    return deleted;
  }

  /**
   * A cleaning pass this compacted log needs now (dirty ratio, max.compaction.lag.ms or an expired
   * tombstone), or null. The task is plain data for a cleaning thread; the segments it names are
   * remembered so that applyCleaned() swaps only over segments that did not change meanwhile.
   */
  compactionCandidate(now: number = this.now(), maxMapEntries = DEFAULT_MAX_MAP_ENTRIES): CleaningCandidate | null {
    this.ensureOpen();
    const plan = planCleaning({
      dir: this.dir, config: this.config, segments: this.segments, logStartOffset: this.lso,
      checkpoint: this.cleanerCheckpoint, now, id: nextCleaningId++, maxMapEntries,
    });
    if (plan !== null) this.cleaningPlan = plan;
    return plan?.candidate ?? null;
  }

  /**
   * Swaps in the cleaned segments of a finished pass (each group only if the segments it replaces
   * are still there, unchanged) and advances the cleaner checkpoint. Output of a pass that no
   * longer matches this log (closed, truncated, superseded) is deleted.
   */
  applyCleaned(result: CleaningResult): AppliedCleaning {
    const plan = this.cleaningPlan;
    if (this.closed || plan === null || plan.candidate.task.id !== result.id || result.dir !== this.dir) {
      discardCleaned(result);
      return { swapped: 0, discarded: result.groups.length };
    }
    this.cleaningPlan = null;
    const applied = swapInCleaned(this.dir, this.segments, result, plan.planned, this.config);
    this.cleanerCheckpoint = { firstDirtyOffset: result.endOffset, deleteHorizonMs: result.nextDeleteHorizonMs };
    writeCleanerCheckpoint(this.dir, this.cleanerCheckpoint);
    return applied;
  }

  /** Flushes when flush.messages or flush.ms says so. */
  maybeFlush(now: number): void {
    this.ensureOpen();
    if (this.recoveryPoint >= this.logEndOffset && this.unflushed === 0) return;
    if (this.unflushed >= this.config.flushMessages || now - this.lastFlushMs >= this.config.flushMs) this.flush();
  }

  /** fsyncs everything at or above the recovery point, then checkpoints the new recovery point. */
  flush(force = false): void {
    const leo = this.logEndOffset;
    if (!force && this.recoveryPoint >= leo && this.unflushed === 0) return;
    for (let i = this.floorSegment(this.recoveryPoint); i < this.segments.length; i++) this.segments[i].flush(force);
    this.recoveryPoint = leo;
    this.unflushed = 0;
    this.lastFlushMs = this.now();
    this.checkpoint();
  }

  private checkpoint(): void {
    const cp = { recoveryPoint: this.recoveryPoint, logStartOffset: this.lso };
    this.diskCheckpoint = null; // unknown if the write fails half way
    writeCheckpoint(this.dir, cp);
    this.diskCheckpoint = cp;
  }

  updateConfig(config: LogConfig): void {
    checkLogConfig(config);
    this.config = config;
    for (const s of this.segments) s.applyConfig(config);
  }

  /** Removes every batch from the one containing `offset` on (replication). */
  truncateTo(offset: number): void {
    this.ensureOpen();
    if (offset < 0) throw new SamsaError('SAMSA_ERR_OFFSET_OUT_OF_RANGE', `truncate to ${offset}`);
    if (offset >= this.logEndOffset) return;
    if (offset <= this.segments[0].baseOffset || offset < this.lso) {
      for (const s of this.segments) s.delete();
      this.segments = [LogSegment.create(this.dir, offset, this.config)];
      this.lso = offset;
    } else {
      while (this.segments.length > 1 && this.active.baseOffset >= offset) this.segments.pop()!.delete();
      this.active.truncateTo(offset);
      this.active.loadAsActive(this.now());
    }
    this.recoveryPoint = Math.min(this.recoveryPoint, this.logEndOffset);
    this.checkpoint();
    this.cleaningPlan = null;
    if (this.cleanerCheckpoint.firstDirtyOffset > offset) {
      this.cleanerCheckpoint = { firstDirtyOffset: offset, deleteHorizonMs: this.cleanerCheckpoint.deleteHorizonMs };
      writeCleanerCheckpoint(this.dir, this.cleanerCheckpoint);
    }
  }

  /**
   * What a close must make durable: the segments with writes not yet fsynced (after writing the
   * active segment's closing time-index entry) and the checkpoint, unless partition.checkpoint
   * already holds it. A log with nothing unflushed needs no fsync at all. Every file created,
   * renamed or deleted since the last directory fsync belongs to a segment that is still dirty
   * (new segments and rebuilt indexes) or was followed by a checkpoint write (roll, retention,
   * DeleteRecords, truncation), so the directory is fsynced whenever a segment was.
   */
  private closeWork(): { dirty: LogSegment[]; checkpoint: PartitionCheckpoint | null } {
    this.active.onBecomeInactive();
    const dirty = this.segments.filter((s) => s.hasUnsyncedWrites);
    const cp = { recoveryPoint: this.logEndOffset, logStartOffset: this.lso };
    return { dirty, checkpoint: sameCheckpoint(this.diskCheckpoint, cp) ? null : cp };
  }

  /** Flushes what is unflushed, writes the checkpoint if it changed, and closes every file. */
  close(): void {
    if (this.closed) return;
    const work = this.closeWork();
    for (const s of work.dirty) s.flush();
    this.recoveryPoint = this.logEndOffset;
    this.unflushed = 0;
    if (work.checkpoint !== null) this.checkpoint();
    else if (work.dirty.length > 0) {
      try { fsyncDir(this.dir); } catch (err) { throw storageError(`fsync ${this.dir}`, err); }
    }
    for (const s of this.segments) s.close();
    this.closed = true;
  }

  /**
   * close() for the shutdown path: the same fsyncs and checkpoint, on the libuv thread pool, so
   * that many partitions closing at once overlap their fsyncs. The log refuses appends and reads
   * from the call on. Resolves once everything is durable and every file is closed; on failure
   * the files are closed too and the error is thrown (the caller must not then claim a clean
   * shutdown).
   */
  async closeAsync(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      const work = this.closeWork();
      // the new checkpoint's temp file is written and fsynced alongside the segments; it is
      // renamed into place only once they are durable
      const staged: Promise<() => Promise<void>>[] = work.checkpoint !== null ? [stageCheckpointAsync(this.dir, work.checkpoint)] : [];
      const synced = await Promise.allSettled([...work.dirty.map((s) => s.flushAsync()), ...staged]);
      for (const r of synced) if (r.status === 'rejected') throw r.reason;
      this.recoveryPoint = this.logEndOffset;
      this.unflushed = 0;
      if (work.checkpoint !== null) {
        this.diskCheckpoint = null;
        await (await staged[0])();
        this.diskCheckpoint = work.checkpoint;
      } else if (work.dirty.length > 0) {
        await fsyncDirAsync(this.dir);
      }
    } finally {
      for (const s of this.segments) s.close();
    }
  }

  /** Closes the log and removes its directory. */
  deleteFiles(): void {
    if (!this.closed) {
      for (const s of this.segments) s.close();
      this.closed = true;
    }
    try { fs.rmSync(this.dir, { recursive: true, force: true }); } catch (err) { throw storageError(`deleting ${this.dir}`, err); }
  }
}
