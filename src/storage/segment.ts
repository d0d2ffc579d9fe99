// One log segment: `<base>.log` (batches as stored), `<base>.index`, `<base>.timeindex`.
// The active segment keeps its indexes in memory and writes them through; inactive segments
// load theirs on first use. Sync fs calls on fds: the log is owned by one actor.
import * as fs from 'fs';
import * as path from 'path';
import {
  BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, MAGIC_OFFSET, MAX_TIMESTAMP_OFFSET, MIN_BATCH_LENGTH,
} from '../protocol/record-batch';
import { readInt64 } from '../protocol/varint';
import { SamsaError } from '../runtime/samsa-error';
import { fdatasyncFd } from './async-sync';
import { BatchScanner } from './batch-scanner';
import { LogConfig } from './config';
import { storageError } from './index-file';
import { OffsetIndex, OFFSET_INDEX_ENTRY_SIZE } from './offset-index';
import { TimeIndex, TIME_INDEX_ENTRY_SIZE } from './time-index';

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
const RECOVERY_WINDOW = 1024 * 1024;
const INT32_MAX = 0x7fffffff;

export function segmentFileName(baseOffset: number, suffix: string): string {
  return String(baseOffset).padStart(20, '0') + suffix;
}

/** What one segment serves to a read: whole batches, the offset after them, whether it stopped early. */
export interface SegmentRead { data: Buffer; nextOffset: number; full: boolean }

const EMPTY = Buffer.alloc(0);
const headerScratch = Buffer.alloc(BATCH_HEADER_SIZE); // one thread owns a segment: read() is not re-entered

export class LogSegment {
  readonly logPath: string;
  readonly index: OffsetIndex;
  readonly timeIndex: TimeIndex;
  /** Bytes of whole batches in the .log. */
  size = 0;
  /** Bytes appended since the last index entry. */
  bytesSinceLastIndexEntry = 0;
  /** segment.ms reference: when the first batch arrived (ms), -1 while empty. */
  rollBaseMs = -1;
  private fd = -1;
  private logDirty = false;
  private nextOffsetCache = -1;
  /** An index rebuild at open stopped before the end of the file: the segment needs recovery. */
  damaged = false;
  private maxTs = NaN;
  private offsetOfMaxTs = -1;
  /** rebuildIndexes() scanned the whole file: nextOffset, max timestamp and bytesSinceLastIndexEntry are exact. */
  private tailKnown = false;

  private constructor(readonly dir: string, readonly baseOffset: number, private config: LogConfig) {
    this.logPath = path.join(dir, segmentFileName(baseOffset, LOG_SUFFIX));
    this.index = new OffsetIndex(path.join(dir, segmentFileName(baseOffset, INDEX_SUFFIX)), baseOffset, 1);
    this.timeIndex = new TimeIndex(path.join(dir, segmentFileName(baseOffset, TIME_INDEX_SUFFIX)), baseOffset, 1);
    this.applyConfig(config);
  }

  applyConfig(config: LogConfig): void {
    this.config = config;
    this.index.maxEntries = Math.floor(config.segmentIndexBytes / OFFSET_INDEX_ENTRY_SIZE);
    this.timeIndex.maxEntries = Math.floor(config.segmentIndexBytes / TIME_INDEX_ENTRY_SIZE);
  }

  /** A new empty segment; any files with its name are truncated. */
  static create(dir: string, baseOffset: number, config: LogConfig): LogSegment {
    const s = new LogSegment(dir, baseOffset, config);
    try {
      s.fd = fs.openSync(s.logPath, 'w+');
    } catch (err) {
      throw storageError(`creating ${s.logPath}`, err);
    }
    s.logDirty = true;
    s.index.resetEmpty();
    s.timeIndex.resetEmpty();
    s.nextOffsetCache = baseOffset;
    s.maxTs = -1;
    s.offsetOfMaxTs = baseOffset;
    return s;
  }

  /** An existing segment; indexes load lazily (missing index files are rebuilt now). */
  static open(dir: string, baseOffset: number, config: LogConfig): LogSegment {
    const s = new LogSegment(dir, baseOffset, config);
    try {
      s.fd = fs.openSync(s.logPath, 'r+');
      s.size = fs.fstatSync(s.fd).size;
    } catch (err) {
      throw storageError(`opening ${s.logPath}`, err);
    }
    if (!s.index.fileExists() || !s.timeIndex.fileExists()) s.rebuildIndexes();
    return s;
  }

  /** A header scanner over this segment's log starting at byte `start`. */
  scanner(start: number, end = this.size, maxOffsetExclusive = Infinity, windowSize = 0, firstRead = 0): BatchScanner {
    return new BatchScanner(this.fd, start, end, this.baseOffset, maxOffsetExclusive, windowSize, firstRead);
  }

  /** Loads the indexes if needed, rebuilding them from the log when missing or corrupt. */
  ensureIndexes(): void {
    if (this.index.loaded && this.timeIndex.loaded) return;
    if (!this.index.load(this.size) || !this.timeIndex.load()) this.rebuildIndexes();
  }

  /** segment.ms reference for a segment found on disk: its first batch's timestamp if sane, else now. */
  initRollBase(nowMs: number): void {
    if (this.size === 0) { this.rollBaseMs = -1; return; }
    const first = this.readHeaderField(MAX_TIMESTAMP_OFFSET);
    this.rollBaseMs = first >= 0 && first <= nowMs ? first : nowMs;
  }

  /**
   * Scans the log and rewrites both indexes. With verifyCrc (recovery) every batch is CRC-checked;
   * the scan stops at the first bad or torn batch. Returns the bytes of whole good batches
   * (the size is left alone: only recover() cuts the file).
   */
  rebuildIndexes(verifyCrc = false, maxOffsetExclusive = Infinity, closingEntry = true, fileSize = this.fileSize()): { validBytes: number; batches: number; records: number; detail: string } {
    const offsets: number[] = [];
    const positions: number[] = [];
    const tss: number[] = [];
    const tsOffsets: number[] = [];
    // a private window only for a file bigger than the shared one (not 1 MiB for every small segment)
    const window = verifyCrc && fileSize > 64 * 1024 ? Math.min(RECOVERY_WINDOW, fileSize) : 0;
    const sc = this.scanner(0, fileSize, Math.min(maxOffsetExclusive, this.baseOffset + INT32_MAX + 1), window);
    let bytesSince = 0;
    let maxTs = -1;
    let offsetOfMax = this.baseOffset;
    let next = this.baseOffset;
    let validBytes = 0;
    let batches = 0;
    let records = 0;
    while (sc.next() === 'ok') {
      if (verifyCrc && !sc.crcValid()) { sc.detail = `CRC mismatch in batch at offset ${sc.baseOffset}`; break; }
      if (sc.maxTimestamp > maxTs) { maxTs = sc.maxTimestamp; offsetOfMax = sc.lastOffset; }
      if (bytesSince > this.config.indexIntervalBytes) {
        offsets.push(sc.lastOffset);
        positions.push(sc.pos);
        if (maxTs >= 0 && (tss.length === 0 || maxTs > tss[tss.length - 1])) { tss.push(maxTs); tsOffsets.push(offsetOfMax); }
        bytesSince = 0;
      }
      bytesSince += sc.size;
      next = sc.lastOffset + 1;
      validBytes = sc.pos + sc.size;
      batches++;
      records += sc.recordCount;
    }
    // closing entry: the segment's max timestamp, so inactive segments know it without a scan.
    // The active segment does not need it (it keeps its max timestamp in memory and writes the
    // entry when it becomes inactive); without it a segment cut short by a crash rebuilds to
    // exactly the index files it had, so recovery finds nothing to write.
    // (If its file already ends with that entry, written by a clean close with no append since, it is kept.)
    const closing = maxTs >= 0 && (tss.length === 0 || maxTs > tss[tss.length - 1]) ? { timestamp: maxTs, offset: offsetOfMax } : undefined;
    if (closingEntry && closing) { tss.push(closing.timestamp); tsOffsets.push(closing.offset); }
    this.index.replace(offsets, positions);
    this.timeIndex.replace(tss, tsOffsets, closingEntry ? undefined : closing);
    this.bytesSinceLastIndexEntry = bytesSince;
    this.nextOffsetCache = next;
    this.maxTs = maxTs;
    this.offsetOfMaxTs = offsetOfMax;
    this.damaged = validBytes < fileSize;
    this.tailKnown = !this.damaged;
    return { validBytes, batches, records, detail: sc.status === 'end' ? '' : sc.detail };
  }

  private fileSize(): number {
    try { return fs.fstatSync(this.fd).size; } catch (err) { throw storageError(`stat ${this.logPath}`, err); }
  }

  /**
   * Recovery: CRC-checks every batch, rebuilds the indexes, truncates the file after the last
   * good batch. Returns what was kept and dropped.
   */
  recover(maxOffsetExclusive = Infinity): { batches: number; records: number; truncatedBytes: number; detail: string } {
    const fileSize = this.fileSize();
    // the last segment (no upper bound) will be the active one: no closing time-index entry
    const r = this.rebuildIndexes(true, maxOffsetExclusive, maxOffsetExclusive !== Infinity, fileSize);
    const truncatedBytes = fileSize - r.validBytes;
    if (truncatedBytes > 0) {
      try { fs.ftruncateSync(this.fd, r.validBytes); } catch (err) { throw storageError(`truncating ${this.logPath}`, err); }
    }
    this.size = r.validBytes;
    this.damaged = false;
    this.tailKnown = true;
    // what recovery kept may have been written before the crash without an fsync (it was past
    // the recovery point): the next flush fdatasyncs it even if nothing is appended here
    this.logDirty = true;
    return { batches: r.batches, records: r.records, truncatedBytes, detail: r.detail };
  }

  /**
   * Prepares the active segment after a clean shutdown: loads indexes and scans the tail after
   * the last time-index entry to restore nextOffset / max timestamp. Returns false if the tail is
   * not well-formed (the caller then runs recovery on this segment).
   */
  loadAsActive(nowMs: number): boolean {
    if (this.damaged) return false;
    if (this.tailKnown) { // just rebuilt from a scan of the whole file: nothing to re-read
      this.tailKnown = false;
      this.initRollBase(nowMs);
      return true;
    }
    this.ensureIndexes();
    let start = 0;
    let maxTs = -1;
    let offsetOfMax = this.baseOffset;
    if (this.timeIndex.entries > 0) {
      maxTs = this.timeIndex.lastTimestamp;
      offsetOfMax = this.timeIndex.lastOffset;
      start = this.index.lookup(offsetOfMax);
    }
    const sc = this.scanner(start, this.size, this.baseOffset + INT32_MAX + 1);
    let next = this.baseOffset;
    while (sc.next() === 'ok') {
      if (sc.maxTimestamp > maxTs) { maxTs = sc.maxTimestamp; offsetOfMax = sc.lastOffset; }
      next = sc.lastOffset + 1;
    }
    if (sc.status !== 'end') return false;
    this.nextOffsetCache = next;
    this.maxTs = maxTs;
    this.offsetOfMaxTs = offsetOfMax;
    this.bytesSinceLastIndexEntry = this.index.entries > 0 ? this.size - this.index.lastPosition : this.size;
    this.initRollBase(nowMs);
    return true;
  }

  private readHeaderField(fieldOffset: number): number {
    const b = Buffer.allocUnsafe(8);
    try { fs.readSync(this.fd, b, 0, 8, fieldOffset); } catch (err) { throw storageError(`reading ${this.logPath}`, err); }
    return readInt64(b, 0);
  }

  /** Offset after the last batch. */
  get nextOffset(): number {
    if (this.nextOffsetCache < 0) {
      this.ensureIndexes();
      if (this.nextOffsetCache < 0) {
        const sc = this.scanner(Math.max(0, this.index.lastPosition));
        let next = this.baseOffset;
        while (sc.next() === 'ok') next = sc.lastOffset + 1;
        this.nextOffsetCache = next;
      }
    }
    return this.nextOffsetCache;
  }

  /** Largest batch maxTimestamp in the segment, -1 if none. */
  get maxTimestamp(): number {
    if (Number.isNaN(this.maxTs)) this.computeMaxTimestamp();
    return this.maxTs;
  }

  /** Last offset of the (first) batch holding maxTimestamp. */
  get offsetOfMaxTimestamp(): number {
    if (Number.isNaN(this.maxTs)) this.computeMaxTimestamp();
    return this.offsetOfMaxTs;
  }

  private computeMaxTimestamp(): void {
    this.ensureIndexes();
    if (!Number.isNaN(this.maxTs)) return;
    if (this.timeIndex.entries > 0) {
      this.maxTs = this.timeIndex.lastTimestamp;
      this.offsetOfMaxTs = this.timeIndex.lastOffset;
      return;
    }
    let maxTs = -1;
    let off = this.baseOffset;
    const sc = this.scanner(0);
    while (sc.next() === 'ok') if (sc.maxTimestamp > maxTs) { maxTs = sc.maxTimestamp; off = sc.lastOffset; }
    this.maxTs = maxTs;
    this.offsetOfMaxTs = off;
  }

  get isEmpty(): boolean { return this.size === 0; }

  /** Appends whole batches (offsets already assigned) with one write, then indexes them. */
  append(buf: Buffer, nowMs: number): void {
    let written = 0;
    try {
      while (written < buf.length) written += fs.writeSync(this.fd, buf, written, buf.length - written, this.size + written);
    } catch (err) {
      throw storageError(`appending to ${this.logPath}`, err);
    }
    this.logDirty = true;
    if (this.size === 0) this.rollBaseMs = nowMs;
    const interval = this.config.indexIntervalBytes;
    let pos = 0;
    let lastOffset = this.nextOffset - 1;
    while (pos < buf.length) {
      const size = LOG_OVERHEAD + buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
      lastOffset = readInt64(buf, pos) + buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET);
      const maxTs = readInt64(buf, pos + MAX_TIMESTAMP_OFFSET);
      if (maxTs > this.maxTs) { this.maxTs = maxTs; this.offsetOfMaxTs = lastOffset; }
      if (this.bytesSinceLastIndexEntry > interval) {
        this.index.append(lastOffset, this.size + pos);
        if (this.maxTs >= 0) this.timeIndex.maybeAppend(this.maxTs, this.offsetOfMaxTs);
        this.bytesSinceLastIndexEntry = 0;
      }
      this.bytesSinceLastIndexEntry += size;
      pos += size;
    }
    this.size += buf.length;
    this.nextOffsetCache = lastOffset + 1;
  }

  /** Whether appending `bytes` ending at `lastOffset` needs a new segment first. */
  shouldRoll(bytes: number, lastOffset: number, nowMs: number): boolean {
    if (this.size === 0) return false;
    return this.size + bytes > this.config.segmentBytes
      || nowMs - this.rollBaseMs > this.config.segmentMs
      || this.index.isFull || this.timeIndex.isFull
      || lastOffset - this.baseOffset > INT32_MAX;
  }

  /** Writes the closing time-index entry (the segment's max timestamp). */
  onBecomeInactive(): void {
    const ts = this.maxTimestamp;
    if (ts >= 0) this.timeIndex.maybeAppend(ts, this.offsetOfMaxTs);
  }

  /** Closes the index fds (an inactive, flushed segment: they reopen if ever written again). */
  closeIndexFiles(): void {
    this.index.close();
    this.timeIndex.close();
  }

  /**
   * Whole batches to serve for `target`: from the batch containing it, up to `budget` bytes (at
   * least one batch if minOne). Null if no batch here reaches `target`. `full`: stopped before
   * the segment's end. Usually one positional read straight into the Buffer that is served
   * (from the index entry's position, so it starts with up to index.interval.bytes the answer
   * skips); anything that read does not settle goes through the header scanner.
   */
  read(target: number, budget: number, minOne: boolean, maxOffsetExclusive: number): SegmentRead | null {
    this.ensureIndexes();
    const from = this.index.lookup(target);
    const hint = this.config.indexIntervalBytes + Math.max(0, budget) + BATCH_HEADER_SIZE;
    const direct = this.readDirect(from, hint, target, budget, minOne, maxOffsetExclusive);
    if (direct !== undefined) return direct;
    const sc = this.scanner(from, this.size, maxOffsetExclusive, 0, hint);
    let st = sc.next();
    while (st === 'ok' && sc.lastOffset < target) st = sc.next();
    if (st === 'end') return null;
    if (st !== 'ok') throw this.corrupt(`at byte ${sc.pos}: ${sc.detail}`);
    const start = sc.pos;
    if (sc.size > budget && !minOne) return { data: EMPTY, nextOffset: target, full: true };
    const want = Math.max(sc.size, Math.min(budget, this.size - start));
    const data = sc.copyOut(start, start + want) ?? this.readRange(start, start + want);
    return this.wholeBatches(data, start, sc.baseOffset, maxOffsetExclusive);
  }

  /**
   * The fast path of read(). The index entry's batch (at `from`) often ends before `target` (a
   * consumer asks for the offset after the last batch it got, and large batches each get an
   * entry), so its header is read first; then one read from the first batch that may hold
   * `target`, the batches before it skipped in memory, a view of the rest served. undefined
   * when that does not settle the answer (a batch or the budget reaches past the read, or
   * anything looks wrong: the scanner path then reports it exactly as before).
   */
  private readDirect(from: number, hint: number, target: number, budget: number, minOne: boolean, maxOffsetExclusive: number): SegmentRead | null | undefined {
    let prevLast = this.baseOffset - 1;
    if (this.size - from < BATCH_HEADER_SIZE || !this.readFully(headerScratch, BATCH_HEADER_SIZE, from)) return undefined;
    const first = this.checkedHeader(headerScratch, 0, from, prevLast, maxOffsetExclusive);
    if (first < 0) return undefined;
    const firstLast = readInt64(headerScratch, 0) + headerScratch.readInt32BE(LAST_OFFSET_DELTA_OFFSET);
    if (firstLast < target) { // skip the entry's batch without reading it
      from += first;
      prevLast = firstLast;
      if (from === this.size) return null;
    }
    const len = Math.min(hint, this.size - from);
    if (len < BATCH_HEADER_SIZE) return undefined;
    const buf = Buffer.allocUnsafe(len);
    if (!this.readFully(buf, len, from)) return undefined;
    for (let p = 0; ;) {
      if (len - p < BATCH_HEADER_SIZE) return p === len && from + len === this.size ? null : undefined;
      const size = this.checkedHeader(buf, p, from + p, prevLast, maxOffsetExclusive);
      if (size < 0) return undefined;
      const base = readInt64(buf, p);
      const last = base + buf.readInt32BE(p + LAST_OFFSET_DELTA_OFFSET);
      if (last < target) { prevLast = last; p += size; continue; }
      if (size > budget && !minOne) return { data: EMPTY, nextOffset: target, full: true };
      const want = Math.max(size, Math.min(budget, this.size - (from + p)));
      if (want > len - p) return undefined;
      return this.wholeBatches(buf.subarray(p, p + want), from + p, base, maxOffsetExclusive);
    }
  }

  /** The size of the well-formed batch header at buf[p] (file position `at`), -1 if it is not one the scanner would accept. */
  private checkedHeader(buf: Buffer, p: number, at: number, prevLast: number, maxOffsetExclusive: number): number {
    const batchLength = buf.readInt32BE(p + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH || buf[p + MAGIC_OFFSET] !== 2) return -1;
    const size = LOG_OVERHEAD + batchLength;
    const base = readInt64(buf, p);
    const last = base + buf.readInt32BE(p + LAST_OFFSET_DELTA_OFFSET);
    if (base <= prevLast || last < base || last >= maxOffsetExclusive || size > this.size - at) return -1;
    return size;
  }

  /** Reads `len` bytes at `position` into buf; false on a short read or an error (the caller falls back). */
  private readFully(buf: Buffer, len: number, position: number): boolean {
    let got = 0;
    try {
      while (got < len) {
        const n = fs.readSync(this.fd, buf, got, len - got, position + got);
        if (n === 0) return false;
        got += n;
      }
    } catch {
      return false;
    }
    return true;
  }

  /** `data` read from byte `start` (its first batch at `firstBase`), cut after its last whole, well-formed batch. */
  private wholeBatches(data: Buffer, start: number, firstBase: number, maxOffsetExclusive: number): SegmentRead {
    const want = data.length;
    let p = 0;
    let prevLast = firstBase - 1;
    while (want - p >= BATCH_HEADER_SIZE) {
      const size = LOG_OVERHEAD + data.readInt32BE(p + BATCH_LENGTH_OFFSET);
      if (size < BATCH_HEADER_SIZE || size > want - p || data[p + MAGIC_OFFSET] !== 2) break;
      const base = readInt64(data, p);
      const last = base + data.readInt32BE(p + LAST_OFFSET_DELTA_OFFSET);
      if (base <= prevLast || last < base || last >= maxOffsetExclusive) break;
      prevLast = last;
      p += size;
    }
    return { data: p === want ? data : data.subarray(0, p), nextOffset: prevLast + 1, full: start + p < this.size };
  }

  /** Reads [start, end) of the log into a new Buffer. */
  readRange(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    let got = 0;
    try {
      while (got < out.length) {
        const n = fs.readSync(this.fd, out, got, out.length - got, start + got);
        if (n === 0) throw new Error(`short read at ${start + got}`);
        got += n;
      }
    } catch (err) {
      throw storageError(`reading ${this.logPath}`, err);
    }
    return out;
  }

  /**
   * Drops every batch from the one containing `offset` on. Returns the new next offset.
   */
  truncateTo(offset: number): number {
    this.ensureIndexes();
    const sc = this.scanner(this.index.lookup(offset));
    let cut = this.size;
    while (sc.next() === 'ok') if (sc.lastOffset >= offset) { cut = sc.pos; break; }
    if (sc.status !== 'ok' && sc.status !== 'end') cut = sc.pos;
    if (cut < this.size) {
      try { fs.ftruncateSync(this.fd, cut); } catch (err) { throw storageError(`truncating ${this.logPath}`, err); }
      this.logDirty = true;
      this.size = cut;
      this.rebuildIndexes();
      this.initRollBase(Date.now());
    }
    return this.nextOffset;
  }

  corrupt(detail: string): SamsaError {
    return new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `${this.logPath} ${detail}`);
  }

  lastModifiedMs(): number {
    try { return fs.fstatSync(this.fd).mtimeMs; } catch { return Date.now(); }
  }

  /** fsync of the log (if written since the last flush, or when forced) and the index files. */
  flush(force = false): void {
    if (this.logDirty || force) {
      try { fs.fdatasyncSync(this.fd); } catch (err) { throw storageError(`fsync ${this.logPath}`, err); }
      this.logDirty = false;
    }
    this.index.flush();
    this.timeIndex.flush();
  }

  /** The log or an index was written since its last fsync. */
  get hasUnsyncedWrites(): boolean { return this.logDirty || this.index.isDirty || this.timeIndex.isDirty; }

  /** flush() without force, asynchronously: the log's fdatasync and the indexes' fsyncs run at once. */
  async flushAsync(): Promise<void> {
    const jobs: Promise<void>[] = [this.index.flushAsync(), this.timeIndex.flushAsync()];
    if (this.logDirty) jobs.push(fdatasyncFd(this.fd, this.logPath).then(() => { this.logDirty = false; }));
    const results = await Promise.allSettled(jobs);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  }

  /** fdatasync of the log only (fsyncOnAppend). */
  syncData(): void {
    try { fs.fdatasyncSync(this.fd); } catch (err) { throw storageError(`fsync ${this.logPath}`, err); }
  }

  close(): void {
    this.index.close();
    this.timeIndex.close();
    if (this.fd >= 0) {
      try { fs.closeSync(this.fd); } catch { /* ignore */ }
      this.fd = -1;
    }
  }

  delete(): void {
    this.close();
    this.index.delete();
    this.timeIndex.delete();
    try { fs.unlinkSync(this.logPath); } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw storageError(`deleting ${this.logPath}`, err);
    }
  }
}
