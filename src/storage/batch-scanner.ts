// Walks the batch headers of a .log file through one read window (few syscalls), checking the
// structure the CRC does not cover: length, magic, offsets increasing and inside the segment.
import * as fs from 'fs';
import {
  ATTRIBUTES_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, CRC_OFFSET, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD,
  MAGIC_OFFSET, MAX_TIMESTAMP_OFFSET, MIN_BATCH_LENGTH, RECORDS_COUNT_OFFSET,
} from '../protocol/record-batch';
import { crc32c } from '../protocol/crc32c';
import { readInt64 } from '../protocol/varint';
import { storageError } from './index-file';

/** ok: positioned on a batch; end: clean end; partial: torn tail; invalid: structurally bad batch. */
export type ScanStatus = 'ok' | 'end' | 'partial' | 'invalid';

const DEFAULT_WINDOW = 64 * 1024;
let sharedWindow: Buffer | null = null;

export class BatchScanner {
  /** Byte position of the current batch (or of the bad bytes after 'partial'/'invalid'). */
  pos = -1;
  size = 0;
  baseOffset = 0;
  lastOffset = -1;
  maxTimestamp = -1;
  attributes = 0;
  recordCount = 0;
  status: ScanStatus = 'ok';
  detail = '';
  private win: Buffer;
  private winStart = 0;
  private winLen = 0;
  private prevLast: number;
  private readSize: number;

  /**
   * Scans [start, end) of fd. Batches must have baseOffset >= minOffset, increase, and end below
   * maxOffsetExclusive. Uses a shared window unless `windowSize` asks for a private one;
   * `firstRead` (if smaller than the window) limits the first read.
   */
  constructor(
    private readonly fd: number, private readonly start: number, private readonly end: number,
    minOffset: number, private readonly maxOffsetExclusive = Infinity, windowSize = 0, firstRead = 0,
  ) {
    if (windowSize > 0) {
      this.win = Buffer.allocUnsafe(windowSize);
    } else {
      if (sharedWindow === null) sharedWindow = Buffer.allocUnsafe(DEFAULT_WINDOW);
      this.win = sharedWindow;
    }
    this.prevLast = minOffset - 1;
    this.readSize = firstRead > 0 ? Math.min(firstRead, this.win.length) : this.win.length;
  }

  /** Loads [pos, pos+minLen) (and as much after it as fits) into the window. */
  private fill(pos: number, minLen: number): boolean {
    const want = Math.min(Math.max(this.readSize, minLen), this.end - pos);
    this.readSize = this.win.length;
    if (this.win.length < want) this.win = Buffer.allocUnsafe(want);
    let got = 0;
    try {
      while (got < want) {
        const n = fs.readSync(this.fd, this.win, got, want - got, pos + got);
        if (n === 0) break;
        got += n;
      }
    } catch (err) {
      throw storageError('reading log segment', err);
    }
    this.winStart = pos;
    this.winLen = got;
    return got >= minLen;
  }

  private has(pos: number, len: number): boolean {
    return pos >= this.winStart && pos + len <= this.winStart + this.winLen;
  }

  private fail(status: 'partial' | 'invalid', pos: number, detail: string): ScanStatus {
    this.pos = pos;
    this.size = 0;
    this.detail = detail;
    this.status = status;
    return status;
  }

  /** Moves to the next batch. After anything but 'ok' it keeps returning that status. */
  next(): ScanStatus {
    if (this.status !== 'ok') return this.status;
    const p = this.pos < 0 ? this.start : this.pos + this.size;
    if (p >= this.end) { this.pos = p; this.size = 0; this.status = 'end'; return 'end'; }
    if (this.end - p < BATCH_HEADER_SIZE) return this.fail('partial', p, `${this.end - p} bytes left, less than a batch header`);
    if (!this.has(p, BATCH_HEADER_SIZE) && !this.fill(p, BATCH_HEADER_SIZE)) return this.fail('partial', p, 'file shorter than expected');
    const w = this.win;
    const o = p - this.winStart;
    const batchLength = w.readInt32BE(o + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH) return this.fail('invalid', p, `batch length ${batchLength}`);
    const size = LOG_OVERHEAD + batchLength;
    if (size > this.end - p) return this.fail('partial', p, `batch of ${size} bytes with ${this.end - p} left`);
    const magic = w[o + MAGIC_OFFSET];
    if (magic !== 2) return this.fail('invalid', p, `magic ${magic}`);
    const baseOffset = readInt64(w, o);
    const lastOffset = baseOffset + w.readInt32BE(o + LAST_OFFSET_DELTA_OFFSET);
    if (baseOffset <= this.prevLast || lastOffset < baseOffset || lastOffset >= this.maxOffsetExclusive) {
      return this.fail('invalid', p, `batch offsets ${baseOffset}..${lastOffset} out of sequence after ${this.prevLast}`);
    }
    this.pos = p;
    this.size = size;
    this.baseOffset = baseOffset;
    this.lastOffset = lastOffset;
    this.prevLast = lastOffset;
    this.attributes = w.readInt16BE(o + ATTRIBUTES_OFFSET);
    this.maxTimestamp = readInt64(w, o + MAX_TIMESTAMP_OFFSET);
    this.recordCount = w.readInt32BE(o + RECORDS_COUNT_OFFSET);
    return 'ok';
  }

  /** The whole current batch; a view valid until the next call. */
  batch(): Buffer {
    if (!this.has(this.pos, this.size) && !this.fill(this.pos, this.size)) {
      throw storageError('reading log segment', new Error(`short read at ${this.pos}`));
    }
    const o = this.pos - this.winStart;
    return this.win.subarray(o, o + this.size);
  }

  /** Reads the current batch fully and checks its CRC. */
  crcValid(): boolean {
    const b = this.batch();
    return crc32c(b.subarray(ATTRIBUTES_OFFSET)) === b.readUInt32BE(CRC_OFFSET);
  }

  /** A fresh copy of [from, to) if the window holds it, else null. */
  copyOut(from: number, to: number): Buffer | null {
    if (!this.has(from, to - from)) return null;
    const out = Buffer.allocUnsafe(to - from);
    this.win.copy(out, 0, from - this.winStart, to - this.winStart);
    return out;
  }
}
