// Writes one replacement segment as `<base>.log.cleaned`, `<base>.index.cleaned` and
// `<base>.timeindex.cleaned`, in the same formats and index density as LogSegment's own rebuild
// (an offset-index entry once more than index.interval.bytes were written since the last one, a
// closing time-index entry with the segment's max timestamp). finish() fsyncs all three.
import * as fs from 'fs';
import * as path from 'path';
import { LAST_OFFSET_DELTA_OFFSET, MAX_TIMESTAMP_OFFSET } from '../../protocol/record-batch';
import { readInt64, writeInt64 } from '../../protocol/varint';
import { storageError } from '../index-file';
import { INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, segmentFileName } from '../segment';
import { CLEANED_SUFFIX } from './types';

const CHUNK = 1024 * 1024;

export function cleanedFiles(dir: string, baseOffset: number): string[] {
  return [LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX].map((s) => path.join(dir, segmentFileName(baseOffset, s) + CLEANED_SUFFIX));
}

export class CleanedSegmentWriter {
  readonly files: string[];
  private fd = -1;
  private chunk = Buffer.allocUnsafe(CHUNK);
  private chunkLen = 0;
  /** Bytes written so far (position of the next batch). */
  size = 0;
  private readonly offsets: number[] = [];
  private readonly positions: number[] = [];
  private readonly tss: number[] = [];
  private readonly tsOffsets: number[] = [];
  private bytesSince = 0;
  private maxTs = -1;
  private offsetOfMax: number;

  constructor(dir: string, readonly baseOffset: number, private readonly indexIntervalBytes: number) {
    this.files = cleanedFiles(dir, baseOffset);
    this.offsetOfMax = baseOffset;
    try { this.fd = fs.openSync(this.files[0], 'w', 0o644); } catch (err) { throw storageError(`creating ${this.files[0]}`, err); }
  }

  /** Appends one whole batch (copied: the input may be a reused view). */
  append(batch: Buffer): void {
    const lastOffset = readInt64(batch, 0) + batch.readInt32BE(LAST_OFFSET_DELTA_OFFSET);
    const ts = readInt64(batch, MAX_TIMESTAMP_OFFSET);
    if (ts > this.maxTs) { this.maxTs = ts; this.offsetOfMax = lastOffset; }
    if (this.bytesSince > this.indexIntervalBytes) {
      this.offsets.push(lastOffset);
      this.positions.push(this.size);
      if (this.maxTs >= 0 && (this.tss.length === 0 || this.maxTs > this.tss[this.tss.length - 1])) {
        this.tss.push(this.maxTs);
        this.tsOffsets.push(this.offsetOfMax);
      }
      this.bytesSince = 0;
    }
    this.bytesSince += batch.length;
    this.size += batch.length;
    if (batch.length > this.chunk.length - this.chunkLen) this.drain();
    if (batch.length > this.chunk.length) this.write(batch);
    else this.chunkLen += batch.copy(this.chunk, this.chunkLen);
  }

  private drain(): void {
    if (this.chunkLen > 0) this.write(this.chunk.subarray(0, this.chunkLen));
    this.chunkLen = 0;
  }

  private write(buf: Buffer): void {
    try {
      let done = 0;
      while (done < buf.length) done += fs.writeSync(this.fd, buf, done, buf.length - done);
    } catch (err) {
      throw storageError(`writing ${this.files[0]}`, err);
    }
  }

  /** Flushes, writes both indexes, fsyncs everything and gives the file the source's mtime. */
  finish(mtimeMs: number): number {
    this.drain();
    if (this.maxTs >= 0 && (this.tss.length === 0 || this.maxTs > this.tss[this.tss.length - 1])) {
      this.tss.push(this.maxTs);
      this.tsOffsets.push(this.offsetOfMax);
    }
    const index = Buffer.allocUnsafe(this.offsets.length * 8);
    for (let i = 0; i < this.offsets.length; i++) {
      index.writeInt32BE(this.offsets[i] - this.baseOffset, i * 8);
      index.writeInt32BE(this.positions[i], i * 8 + 4);
    }
    const timeIndex = Buffer.allocUnsafe(this.tss.length * 12);
    for (let i = 0; i < this.tss.length; i++) {
      writeInt64(timeIndex, i * 12, this.tss[i]);
      timeIndex.writeInt32BE(this.tsOffsets[i] - this.baseOffset, i * 12 + 8);
    }
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = -1;
      writeSynced(this.files[1], index);
      writeSynced(this.files[2], timeIndex);
      if (mtimeMs > 0) fs.utimesSync(this.files[0], new Date(), new Date(mtimeMs));
    } catch (err) {
      throw storageError(`finishing ${this.files[0]}`, err);
    }
    return this.size;
  }

  /** Closes and removes whatever was written. */
  abort(): void {
    if (this.fd >= 0) { try { fs.closeSync(this.fd); } catch { /* ignore */ } this.fd = -1; }
    for (const f of this.files) { try { fs.unlinkSync(f); } catch { /* not there */ } }
  }
}

function writeSynced(file: string, data: Buffer): void {
  const fd = fs.openSync(file, 'w', 0o644);
  try {
    if (data.length > 0) fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
