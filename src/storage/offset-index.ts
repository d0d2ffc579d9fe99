// Sparse offset index of one segment (`.index`): 8-byte big-endian entries
// [int32 offset relative to the segment's base offset][int32 byte position in the .log].
// An entry (o, p) means the batch starting at p has last offset o; entries are strictly
// increasing in both. All entries are kept in memory once loaded; appends also write through.
import { IndexFile } from './index-file';

export const OFFSET_INDEX_ENTRY_SIZE = 8;
// Entry arrays start empty (small segments have no entries) and grow on the first append.
const NONE = new Int32Array(0);
// one actor thread writes at a time (sync I/O), so one scratch entry per thread
const scratch = Buffer.allocUnsafe(OFFSET_INDEX_ENTRY_SIZE);

export class OffsetIndex {
  private rel = NONE;
  private pos = NONE;
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

  /** Starts empty, truncating any file on disk. */
  resetEmpty(): void {
    this.n = 0;
    this.file.rewrite(Buffer.alloc(0));
    this.loadedFlag = true;
  }

  /**
   * Reads the file and checks it: whole entries, strictly increasing offsets and positions,
   * positions inside the log. Returns false (leaving the index empty) when missing or corrupt.
   */
  load(logSize: number): boolean {
    const buf = this.file.readAll();
    this.n = 0;
    if (buf === null || buf.length % OFFSET_INDEX_ENTRY_SIZE !== 0) return false;
    const count = buf.length / OFFSET_INDEX_ENTRY_SIZE;
    this.ensureCapacity(count);
    let prevRel = -1;
    let prevPos = -1;
    for (let i = 0; i < count; i++) {
      const r = buf.readInt32BE(i * 8);
      const p = buf.readInt32BE(i * 8 + 4);
      if (r <= prevRel || p <= prevPos || p >= logSize) { this.n = 0; return false; }
      this.rel[i] = r;
      this.pos[i] = p;
      prevRel = r;
      prevPos = p;
    }
    this.n = count;
    this.loadedFlag = true;
    return true;
  }

  private ensureCapacity(count: number): void {
    if (count <= this.rel.length) return;
    let cap = Math.max(this.rel.length, 4);
    while (cap < count) cap *= 2;
    const rel = new Int32Array(cap);
    const pos = new Int32Array(cap);
    rel.set(this.rel.subarray(0, this.n));
    pos.set(this.pos.subarray(0, this.n));
    this.rel = rel;
    this.pos = pos;
  }

  /** Adds an entry in memory and writes it through to the file. */
  append(offset: number, position: number): void {
    const r = offset - this.baseOffset;
    if (this.n > 0 && (r <= this.rel[this.n - 1] || position <= this.pos[this.n - 1])) return;
    this.ensureCapacity(this.n + 1);
    this.rel[this.n] = r;
    this.pos[this.n] = position;
    scratch.writeInt32BE(r, 0);
    scratch.writeInt32BE(position, 4);
    this.file.writeAt(scratch, OFFSET_INDEX_ENTRY_SIZE, this.n * OFFSET_INDEX_ENTRY_SIZE);
    this.n++;
  }

  /** Byte position to start scanning for `offset`: the largest entry with offset <= target, else 0. */
  lookup(offset: number): number {
    const i = this.floorIndex(offset - this.baseOffset);
    return i < 0 ? 0 : this.pos[i];
  }

  private floorIndex(rel: number): number {
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rel[mid] <= rel) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  get lastPosition(): number { return this.n === 0 ? -1 : this.pos[this.n - 1]; }
  get lastOffset(): number { return this.n === 0 ? -1 : this.baseOffset + this.rel[this.n - 1]; }

  /** Drops entries whose batch starts at or after `position` (after a log truncation). */
  truncateToPosition(position: number): void {
    let k = this.n;
    while (k > 0 && this.pos[k - 1] >= position) k--;
    if (k === this.n) return;
    this.n = k;
    this.file.truncate(k * OFFSET_INDEX_ENTRY_SIZE);
  }

  /** Replaces everything with the given entries (rebuild) and rewrites the file. */
  replace(offsets: number[], positions: number[]): void {
    const count = offsets.length;
    this.n = 0;
    this.ensureCapacity(count);
    const buf = Buffer.allocUnsafe(count * OFFSET_INDEX_ENTRY_SIZE);
    for (let i = 0; i < count; i++) {
      const r = offsets[i] - this.baseOffset;
      this.rel[i] = r;
      this.pos[i] = positions[i];
      buf.writeInt32BE(r, i * 8);
      buf.writeInt32BE(positions[i], i * 8 + 4);
    }
    this.n = count;
    this.file.rewriteIfChanged(buf);
    this.loadedFlag = true;
  }

  flush(): void { this.file.flush(); }
  flushAsync(): Promise<void> { return this.file.flushAsync(); }
  get isDirty(): boolean { return this.file.isDirty; }
  close(): void { this.file.close(); }
  delete(): void { this.file.delete(); this.n = 0; }
  /** Frees the in-memory entries of an inactive segment; they are re-read on the next lookup. */
  unload(): void { this.file.close(); this.rel = NONE; this.pos = NONE; this.n = 0; this.loadedFlag = false; }
}
