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

// validateRecords reads with these instead of ByteCursor: a plain loop over the bytes with the
// one-byte case of every varint inline is ~2× faster on 100 B records (the produce hot path).
let rp = 0; // read position of the slow varint readers below

/** Unsigned varint at `rp` (at most 5 bytes, all before `end`); advances `rp`. */
function uvarintAt(buf: Uint8Array, end: number): number {
  let p = rp;
  let result = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (p >= end) invalid('varint past end');
    const b = buf[p++];
    result |= (b & 0x7f) << shift;
    if (b < 0x80) { rp = p; return result >>> 0; }
  }
  return invalid('varint longer than 5 bytes');
}

/** Skips a varlong at `rp` (at most 10 bytes, all before `end`). */
function skipVarlongAt(buf: Uint8Array, end: number): void {
  let p = rp;
  for (let i = 0; i < 10; i++) {
    if (p >= end) invalid('varlong past end');
    if (buf[p++] < 0x80) { rp = p; return; }
  }
  invalid('varlong longer than 10 bytes');
}

/** Zigzag varint at `pos`, its one- and two-byte forms inline; the position after it is left in `rp`. */
function varintAt(buf: Uint8Array, pos: number, end: number): number {
  let u: number;
  if (pos < end) {
    const b0 = buf[pos];
    if (b0 < 0x80) { rp = pos + 1; return (b0 >>> 1) ^ -(b0 & 1); }
    if (pos + 1 < end) {
      const b1 = buf[pos + 1];
      if (b1 < 0x80) { u = (b0 & 0x7f) | (b1 << 7); rp = pos + 2; return (u >>> 1) ^ -(u & 1); }
    }
  }
  rp = pos;
  u = uvarintAt(buf, end);
  return (u >>> 1) ^ -(u & 1);
}

/** Skips a length-prefixed field (key, value, header key or value) at `pos`; returns the position after it. */
function skipField(buf: Uint8Array, pos: number, end: number, what: string, nullable: boolean): number {
  const len = varintAt(buf, pos, end);
  pos = rp;
  if (len === -1 && nullable) return pos;
  if (len < 0) invalid(`negative ${what} length ${len}`);
  if (len > end - pos) invalid(`${what} runs past the record`);
  return pos + len;
}

/**
 * Checks that [start, end) holds exactly `count` well-formed records with offset deltas
 * 0..count-1. Throws SamsaError SAMSA_ERR_INVALID_RECORD otherwise. Allocates nothing.
 */
export function validateRecords(buf: Buffer, start: number, end: number, count: number, requireKeys = false): void {
  let pos = start;
  for (let i = 0; i < count; i++) {
    if (pos >= end) invalid(`batch declares ${count} records but holds ${i}`);
    const bodySize = varintAt(buf, pos, end);
    const bodyStart = rp;
    if (bodySize < 0 || bodySize > end - bodyStart) invalid(`record ${i} length ${bodySize} runs past the batch`);
    const bodyEnd = bodyStart + bodySize;
    // attributes (int8), then timestampDelta (varlong)
    if (bodyStart >= bodyEnd) invalid('read past end');
    pos = bodyStart + 1;
    if (pos < bodyEnd && buf[pos] < 0x80) pos++; else { rp = pos; skipVarlongAt(buf, bodyEnd); pos = rp; }
    const offsetDelta = varintAt(buf, pos, bodyEnd);
    if (offsetDelta !== i) invalid(`record ${i} has offset delta ${offsetDelta}`);
    pos = rp;
    let len = varintAt(buf, pos, bodyEnd); // key
    pos = rp;
    if (len !== -1) {
      if (len < 0) invalid(`negative key length ${len}`);
      if (len > bodyEnd - pos) invalid('key runs past the record');
      pos += len;
    } else if (requireKeys) invalid('Compacted topic cannot accept message without key');
    len = varintAt(buf, pos, bodyEnd); // value
    pos = rp;
    if (len !== -1) {
      if (len < 0) invalid(`negative value length ${len}`);
      if (len > bodyEnd - pos) invalid('value runs past the record');
      pos += len;
    }
    const headerCount = varintAt(buf, pos, bodyEnd);
    pos = rp;
    if (headerCount < 0) invalid(`negative header count ${headerCount}`);
    for (let h = 0; h < headerCount; h++) {
      pos = skipField(buf, pos, bodyEnd, 'header key', false);
      pos = skipField(buf, pos, bodyEnd, 'header value', true);
    }
    if (pos !== bodyEnd) invalid(`record ${i} declares ${bodySize} bytes but its fields take ${pos - bodyStart}`);
  }
  if (pos !== end) invalid(`${end - pos} bytes after the last of ${count} records`);
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
