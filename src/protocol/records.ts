// Records inside a magic-2 batch:
//   length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
//   keyLength varint (-1 = null), key, valueLength varint, value,
//   headerCount varint, then per header: keyLength varint, key (utf-8), valueLength varint (-1 = null), value.
import { SamsaError } from '../runtime/samsa-error';
import {
  ByteCursor, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong,
} from './varint';

export interface RecordHeader { key: string; value: Buffer | null }

export interface RecordInput {
  key: Buffer | null;
  value: Buffer | null;
  headers?: RecordHeader[];
  /** ms since epoch; defaults to the batch's `now` when building. */
  timestamp?: number;
}

export interface DecodedRecord extends RecordInput {
  offset: number;
  timestamp: number;
  headers: RecordHeader[];
}

/** Size of a record's body (everything after its length varint). */
export function recordBodySize(rec: RecordInput, timestampDelta: number, offsetDelta: number): number {
  let size = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta);
  const key = rec.key;
  size += key === null ? 1 : sizeOfVarint(key.length) + key.length;
  const value = rec.value;
  size += value === null ? 1 : sizeOfVarint(value.length) + value.length;
  const headers = rec.headers;
  if (headers === undefined || headers.length === 0) return size + 1;
  size += sizeOfVarint(headers.length);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const kl = Buffer.byteLength(h.key, 'utf8');
    size += sizeOfVarint(kl) + kl;
    size += h.value === null ? 1 : sizeOfVarint(h.value.length) + h.value.length;
  }
  return size;
}

/** Total bytes of a record including its length prefix, given its body size. */
export function recordSizeWithLength(bodySize: number): number {
  return sizeOfVarint(bodySize) + bodySize;
}

/** Writes one record (with its length prefix) at pos; returns the position after it. */
export function writeRecord(
  buf: Buffer, pos: number, rec: RecordInput, timestampDelta: number, offsetDelta: number, bodySize: number,
): number {
  pos = writeVarint(buf, pos, bodySize);
  buf[pos++] = 0; // record attributes: unused
  pos = writeVarlong(buf, pos, timestampDelta);
  pos = writeVarint(buf, pos, offsetDelta);
  const key = rec.key;
  if (key === null) {
    buf[pos++] = 1; // zigzag(-1)
  } else {
    pos = writeVarint(buf, pos, key.length);
    pos += key.copy(buf, pos);
  }
  const value = rec.value;
  if (value === null) {
    buf[pos++] = 1;
  } else {
    pos = writeVarint(buf, pos, value.length);
    pos += value.copy(buf, pos);
  }
  const headers = rec.headers;
  if (headers === undefined || headers.length === 0) {
    buf[pos++] = 0;
    return pos;
  }
  pos = writeVarint(buf, pos, headers.length);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const kl = Buffer.byteLength(h.key, 'utf8');
    pos = writeVarint(buf, pos, kl);
    pos += buf.write(h.key, pos, kl, 'utf8');
    if (h.value === null) {
      buf[pos++] = 1;
    } else {
      pos = writeVarint(buf, pos, h.value.length);
      pos += h.value.copy(buf, pos);
    }
  }
  return pos;
}

function invalid(detail: string): never {
  throw new SamsaError('SAMSA_ERR_INVALID_RECORD', detail);
}

/** Reads a varint length (-1 = null) and skips/returns the bytes. */
function readBytes(c: ByteCursor, what: string): Buffer | null {
  const len = c.readVarint();
  if (len === -1) return null;
  if (len < 0) invalid(`negative ${what} length ${len}`);
  if (len > c.end - c.pos) invalid(`${what} runs past the record`);
  const b = c.buf.subarray(c.pos, c.pos + len);
  c.pos += len;
  return b;
}

function skipBytes(c: ByteCursor, what: string, nullable: boolean): void {
  const len = c.readVarint();
  if (len === -1 && nullable) return;
  if (len < 0) invalid(`negative ${what} length ${len}`);
  if (len > c.end - c.pos) invalid(`${what} runs past the record`);
  c.pos += len;
}

/**
 * Checks that [start, end) holds exactly `count` well-formed records with offset deltas
 * 0..count-1. Throws SamsaError SAMSA_ERR_INVALID_RECORD otherwise. Allocates nothing.
 */
export function validateRecords(buf: Buffer, start: number, end: number, count: number, requireKeys = false): void {
  const c = new ByteCursor(buf, start, end);
  try {
    for (let i = 0; i < count; i++) {
      if (c.pos >= end) invalid(`batch declares ${count} records but holds ${i}`);
      const bodySize = c.readVarint();
      const bodyStart = c.pos;
      if (bodySize < 0 || bodySize > end - bodyStart) invalid(`record ${i} length ${bodySize} runs past the batch`);
      const bodyEnd = bodyStart + bodySize;
      const outerEnd = c.end;
      c.end = bodyEnd;
      c.readInt8();
      c.readVarlong();
      const offsetDelta = c.readVarint();
      if (offsetDelta !== i) invalid(`record ${i} has offset delta ${offsetDelta}`);
      if (requireKeys) {
        const keyAt = c.pos;
        if (c.readVarint() === -1) invalid('Compacted topic cannot accept message without key');
        c.pos = keyAt;
      }
      skipBytes(c, 'key', true);
      skipBytes(c, 'value', true);
      const headerCount = c.readVarint();
      if (headerCount < 0) invalid(`negative header count ${headerCount}`);
      for (let h = 0; h < headerCount; h++) {
        skipBytes(c, 'header key', false);
        skipBytes(c, 'header value', true);
      }
      if (c.pos !== bodyEnd) invalid(`record ${i} declares ${bodySize} bytes but its fields take ${c.pos - bodyStart}`);
      c.end = outerEnd;
    }
  } catch (err) {
    if (err instanceof SamsaError && err.code === 'SAMSA_ERR_PROTOCOL') invalid(err.message);
    throw err;
  }
  if (c.pos !== end) invalid(`${end - c.pos} bytes after the last of ${count} records`);
}

/**
 * Decodes `count` records from [start, end). Keys, values and header values are views into buf.
 * `logAppendTime` >= 0 overrides every record's timestamp (LogAppendTime batches).
 * Throws SamsaError SAMSA_ERR_INVALID_RECORD on malformed data.
 */
export function decodeRecords(
  buf: Buffer, start: number, end: number, count: number,
  baseOffset: number, baseTimestamp: number, logAppendTime: number,
): DecodedRecord[] {
  const out: DecodedRecord[] = [];
  const c = new ByteCursor(buf, start, end);
  try {
    for (let i = 0; i < count && c.pos < end; i++) {
      const bodySize = c.readVarint();
      const bodyStart = c.pos;
      if (bodySize < 0 || bodySize > end - bodyStart) invalid(`record length ${bodySize} runs past the batch`);
      const bodyEnd = bodyStart + bodySize;
      c.end = bodyEnd;
      c.readInt8();
      const timestampDelta = c.readVarlong();
      const offsetDelta = c.readVarint();
      const key = readBytes(c, 'key');
      const value = readBytes(c, 'value');
      const headerCount = c.readVarint();
      if (headerCount < 0) invalid(`negative header count ${headerCount}`);
      const headers: RecordHeader[] = [];
      for (let h = 0; h < headerCount; h++) {
        const hk = readBytes(c, 'header key');
        if (hk === null) invalid('null header key');
        headers.push({ key: hk.toString('utf8'), value: readBytes(c, 'header value') });
      }
      if (c.pos !== bodyEnd) invalid(`record declares ${bodySize} bytes but its fields take ${c.pos - bodyStart}`);
      c.end = end;
      out.push({
        offset: baseOffset + offsetDelta,
        timestamp: logAppendTime >= 0 ? logAppendTime : baseTimestamp + timestampDelta,
        key, value, headers,
      });
    }
  } catch (err) {
    if (err instanceof SamsaError && err.code === 'SAMSA_ERR_PROTOCOL') invalid(err.message);
    throw err;
  }
  return out;
}
