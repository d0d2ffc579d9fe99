// Counting fetched records without decoding them into objects: walks the magic-2 batches of a
// Fetch response's records bytes (CRC checked, decompressed when needed) and, per record,
// reads only the offset delta, timestamp delta and key/value lengths. Control batches and
// records before the fetch position are skipped.
import { SamsaError } from '../runtime/samsa-error';
import { decompress } from '../protocol/compression';
import {
  ATTRIBUTES_OFFSET, BASE_TIMESTAMP_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, batchCrcValid, COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, MAGIC_OFFSET, RECORDS_COUNT_OFFSET,
} from '../protocol/record-batch';
import { ByteCursor, readInt64 } from '../protocol/varint';

export interface WalkResult {
  /** Records counted (at most `limit`). */
  records: number;
  /** Key + value bytes of the counted records. */
  bytes: number;
  /** Offset after the last record counted, or after the last complete batch when none was left out. */
  nextOffset: number;
}

/** Called per counted record: its timestamp and where its value lies in `buf`. */
export type RecordVisitor = (timestamp: number, buf: Buffer, valuePos: number, valueLen: number) => void;

/** Offset after the last complete batch in `buf` (or `position` when there is none). */
export function nextOffsetAfter(buf: Buffer, position: number): number {
  let pos = 0;
  let next = position;
  while (buf.length - pos >= BATCH_HEADER_SIZE) {
    const size = LOG_OVERHEAD + buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
    if (size < BATCH_HEADER_SIZE || size > buf.length - pos) break;
    const last = readInt64(buf, pos) + buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET) + 1;
    if (last > next) next = last;
    pos += size;
  }
  return next;
}

export function walkRecords(buf: Buffer, position: number, limit: number, visit?: RecordVisitor): WalkResult {
  let records = 0;
  let bytes = 0;
  let next = position;
  let pos = 0;
  while (buf.length - pos >= BATCH_HEADER_SIZE && records < limit) {
    const size = LOG_OVERHEAD + buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
    if (size < BATCH_HEADER_SIZE || size > buf.length - pos) break; // partial trailing batch
    const magic = buf[pos + MAGIC_OFFSET];
    if (magic !== 2) throw new SamsaError('SAMSA_ERR_UNSUPPORTED_MAGIC', `magic ${magic} batch at offset ${readInt64(buf, pos)}`);
    if (!batchCrcValid(buf, pos, size)) throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `CRC mismatch in batch at offset ${readInt64(buf, pos)}`);
    const baseOffset = readInt64(buf, pos);
    const batchEnd = baseOffset + buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET) + 1;
    const attributes = buf.readInt16BE(pos + ATTRIBUTES_OFFSET);
    if (batchEnd <= position || attributes & CONTROL_FLAG_MASK) {
      if (batchEnd > next) next = batchEnd;
      pos += size;
      continue;
    }
    const count = buf.readInt32BE(pos + RECORDS_COUNT_OFFSET);
    const baseTs = readInt64(buf, pos + BASE_TIMESTAMP_OFFSET);
    const codec = attributes & COMPRESSION_CODEC_MASK;
    let data = buf;
    let start = pos + BATCH_HEADER_SIZE;
    let end = pos + size;
    if (codec !== 0) {
      data = decompress(codec, buf.subarray(start, end));
      start = 0;
      end = data.length;
    }
    const c = new ByteCursor(data, start, end);
    let stoppedEarly = false;
    for (let i = 0; i < count; i++) {
      const len = c.readVarint();
      const recEnd = c.pos + len;
      if (len < 0 || recEnd > end) throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `record ${i} of batch at offset ${baseOffset} overruns the batch`);
      c.pos++; // attributes
      const tsDelta = c.readVarlong();
      const offset = baseOffset + c.readVarint();
      if (offset < position) { c.pos = recEnd; continue; }
      if (records >= limit) { next = offset; stoppedEarly = true; break; }
      const keyLen = c.readVarint();
      if (keyLen > 0) c.pos += keyLen;
      const valueLen = c.readVarint();
      records++;
      bytes += (keyLen > 0 ? keyLen : 0) + (valueLen > 0 ? valueLen : 0);
      if (visit) visit(baseTs + tsDelta, data, c.pos, valueLen);
      next = offset + 1;
      c.pos = recEnd;
    }
    if (stoppedEarly) return { records, bytes, nextOffset: next };
    if (batchEnd > next) next = batchEnd;
    pos += size;
  }
  return { records, bytes, nextOffset: next };
}
