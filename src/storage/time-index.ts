// Sparse time index of one segment (`.timeindex`): 12-byte big-endian entries
// [int64 timestamp][int32 offset relative to the segment's base offset]. An entry (t, o)
// means: t is the largest timestamp among all records with offset <= o in this segment.
// Entries are appended only when the timestamp grows, so both columns increase.
import { IndexFile } from './index-file';
import { readInt64, writeInt64 } from '../protocol/varint';

export const TIME_INDEX_ENTRY_SIZE = 12;
// Entry arrays start empty and grow on the first entry: most segments of a broker with many
// small partitions have none or one, and every segment has a time index.
const NO_TS = new Float64Array(0);
const NO_REL = new Int32Array(0);
// one actor thread writes at a time (sync I/O), so one scratch entry per thread
const scratch = Buffer.allocUnsafe(TIME_INDEX_ENTRY_SIZE);

export class TimeIndex {
  private ts = NO_TS;
  private rel = NO_REL;
  private n = 0;
  private loadedFlag = false;
  private readonly file: IndexFile;

  constructor(path: string, readonly baseOffset: number, public maxEntries: number) {
    this.file = new IndexFile(path);
  }

  get path(): string { return this.file.path; }
  get loaded(): boolean { return this.loadedFlag; }
  get entries(): number { return this.n; }
  get isFull(): boolean { return this.n >= this.maxEntries; }
  fileExists(): boolean { return this.file.exists(); }

  resetEmpty(): void {
    this.n = 0;
    this.file.rewrite(Buffer.alloc(0));
    this.loadedFlag = true;
  }

  /** Reads and checks the file (whole entries, increasing timestamps and offsets); false = rebuild. */
  load(): boolean {
    const buf = this.file.readAll();
    this.n = 0;
    if (buf === null || buf.length % TIME_INDEX_ENTRY_SIZE !== 0) return false;
    const count = buf.length / TIME_INDEX_ENTRY_SIZE;
    this.ensureCapacity(count);
    let prevTs = -Infinity;
    let prevRel = -1;
    for (let i = 0; i < count; i++) {
      const t = readInt64(buf, i * 12);
      const r = buf.readInt32BE(i * 12 + 8);
      if (t <= prevTs || r < prevRel || r < 0) { this.n = 0; return false; }
      this.ts[i] = t;
      this.rel[i] = r;
      prevTs = t;
      prevRel = r;
    }
    this.n = count;
    this.loadedFlag = true;
    return true;
  }

  private ensureCapacity(count: number): void {
    if (count <= this.ts.length) return;
    let cap = Math.max(this.ts.length, 4);
    while (cap < count) cap *= 2;
    const ts = new Float64Array(cap);
    const rel = new Int32Array(cap);
    ts.set(this.ts.subarray(0, this.n));
    rel.set(this.rel.subarray(0, this.n));
    this.ts = ts;
    this.rel = rel;
  }

  /** Appends (timestamp, offset) if timestamp is above the last entry's; writes through. */
  maybeAppend(timestamp: number, offset: number): void {
    if (this.n > 0 && timestamp <= this.ts[this.n - 1]) return;
    const r = offset - this.baseOffset;
    if (this.n > 0 && r < this.rel[this.n - 1]) return;
    this.ensureCapacity(this.n + 1);
    this.ts[this.n] = timestamp;
    this.rel[this.n] = r;
    writeInt64(scratch, 0, timestamp);
    scratch.writeInt32BE(r, 8);
    this.file.writeAt(scratch, TIME_INDEX_ENTRY_SIZE, this.n * TIME_INDEX_ENTRY_SIZE);
    this.n++;
  }

  /**
   * Offset after which to look for the first record with timestamp >= target: the offset of the
   * largest entry with timestamp < target (every record up to it is older), or -1 if none.
   */
  lookupBefore(target: number): number {
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] < target) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found < 0 ? -1 : this.baseOffset + this.rel[found];
  }

  get lastTimestamp(): number { return this.n === 0 ? -1 : this.ts[this.n - 1]; }
  get lastOffset(): number { return this.n === 0 ? -1 : this.baseOffset + this.rel[this.n - 1]; }

  /** Drops entries for offsets >= offset. */
  truncateToOffset(offset: number): void {
    const r = offset - this.baseOffset;
    let k = this.n;
    while (k > 0 && this.rel[k - 1] >= r) k--;
    if (k === this.n) return;
    this.n = k;
    this.file.truncate(k * TIME_INDEX_ENTRY_SIZE);
  }

  /**
   * Replaces every entry (rebuild) and rewrites the file if it differs. `optional`: one more
   * entry (an active segment's closing entry) that is kept when the file already ends with it
   * and never written otherwise.
   */
  replace(timestamps: number[], offsets: number[], optional?: { timestamp: number; offset: number }): void {
    const count = timestamps.length;
    const extra = optional !== undefined && (count === 0 || optional.timestamp > timestamps[count - 1]) ? 1 : 0;
    this.n = 0;
    this.ensureCapacity(count + extra);
    const buf = Buffer.allocUnsafe((count + extra) * TIME_INDEX_ENTRY_SIZE);
    for (let i = 0; i < count + extra; i++) {
      const t = i < count ? timestamps[i] : optional!.timestamp;
      const r = (i < count ? offsets[i] : optional!.offset) - this.baseOffset;
      this.ts[i] = t;
      this.rel[i] = r;
      writeInt64(buf, i * 12, t);
      buf.writeInt32BE(r, i * 12 + 8);
    }
    const without = buf.subarray(0, count * TIME_INDEX_ENTRY_SIZE);
    this.n = extra === 1 && this.file.rewriteIfChanged(without, buf) === 'alternative' ? count + 1 : count;
    if (extra === 0) this.file.rewriteIfChanged(buf);
    this.loadedFlag = true;
  }

  flush(): void { this.file.flush(); }
  flushAsync(): Promise<void> { return this.file.flushAsync(); }
  get isDirty(): boolean { return this.file.isDirty; }
  close(): void { this.file.close(); }
  delete(): void { this.file.delete(); this.n = 0; }
  unload(): void { this.file.close(); this.ts = NO_TS; this.rel = NO_REL; this.n = 0; this.loadedFlag = false; }
}
