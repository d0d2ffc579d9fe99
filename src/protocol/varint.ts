// Variable-length integers as used inside Kafka record batches (protobuf-style base-128,
// zigzag for signed values). int64 values are JS numbers: exact within the safe-integer range.
import { SamsaError } from '../runtime/samsa-error';

const TWO_32 = 4294967296;

/** Bytes needed for an unsigned varint (0 ≤ v < 2^32). */
export function sizeOfUnsignedVarint(v: number): number {
  v >>>= 0;
  if (v < 0x80) return 1;
  if (v < 0x4000) return 2;
  if (v < 0x200000) return 3;
  if (v < 0x10000000) return 4;
  return 5;
}

/** Bytes needed for a zigzag int32 varint. */
export function sizeOfVarint(v: number): number {
  return sizeOfUnsignedVarint((v << 1) ^ (v >> 31));
}

/** Bytes needed for a zigzag int64 varint (JS number). */
export function sizeOfVarlong(v: number): number {
  if (v >= -0x80000000 && v <= 0x7fffffff) return sizeOfVarint(v);
  let z = v >= 0 ? v * 2 : -v * 2 - 1;
  let n = 1;
  while (z >= 128) { z = Math.floor(z / 128); n++; }
  return n;
}

/** Writes an unsigned varint at pos; returns the position after it. */
export function writeUnsignedVarint(buf: Buffer, pos: number, v: number): number {
  let u = v >>> 0;
  while (u >= 0x80) {
    buf[pos++] = (u & 0x7f) | 0x80;
    u >>>= 7;
  }
  buf[pos++] = u;
  return pos;
}

/** Writes a zigzag int32 varint at pos; returns the position after it. */
export function writeVarint(buf: Buffer, pos: number, v: number): number {
  return writeUnsignedVarint(buf, pos, (v << 1) ^ (v >> 31));
}

/** Writes a zigzag int64 varint (JS number) at pos; returns the position after it. */
export function writeVarlong(buf: Buffer, pos: number, v: number): number {
  if (v >= -0x80000000 && v <= 0x7fffffff) return writeVarint(buf, pos, v);
  let z = v >= 0 ? v * 2 : -v * 2 - 1;
  while (z >= 128) {
    buf[pos++] = (z % 128) | 0x80;
    z = Math.floor(z / 128);
  }
  buf[pos++] = z;
  return pos;
}

function malformed(what: string): never {
  throw new SamsaError('SAMSA_ERR_PROTOCOL', what);
}

/**
 * A read position over [pos, end) of a buffer. Reads throw SamsaError SAMSA_ERR_PROTOCOL
 * when they would run past `end` or a varint is longer than its type allows.
 */
export class ByteCursor {
  constructor(public buf: Buffer, public pos = 0, public end = buf.length) {}

  get remaining(): number { return this.end - this.pos; }

  readInt8(): number {
    if (this.pos >= this.end) malformed('read past end');
    const b = this.buf[this.pos++];
    return b > 127 ? b - 256 : b;
  }

  readUnsignedVarint(): number {
    const buf = this.buf;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) malformed('varint past end');
      const b = buf[this.pos++];
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
      shift += 7;
    }
    return malformed('varint longer than 5 bytes');
  }

  readVarint(): number {
    const u = this.readUnsignedVarint();
    return (u >>> 1) ^ -(u & 1);
  }

  readVarlong(): number {
    const buf = this.buf;
    // fast path: fits in 4 bytes (28 bits)
    let result = 0;
    let shift = 0;
    let i = 0;
    for (; i < 4; i++) {
      if (this.pos >= this.end) malformed('varlong past end');
      const b = buf[this.pos++];
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return (result >>> 1) ^ -(result & 1);
      shift += 7;
    }
    let value = result >>> 0;
    let mul = 2 ** shift;
    for (; i < 10; i++) {
      if (this.pos >= this.end) malformed('varlong past end');
      const b = buf[this.pos++];
      value += (b & 0x7f) * mul;
      if (b < 0x80) {
        // zigzag decode on a (possibly > 2^53, then approximate) non-negative number
        const low = value % 2;
        return low === 0 ? value / 2 : -(value + 1) / 2;
      }
      mul *= 128;
    }
    return malformed('varlong longer than 10 bytes');
  }
}

/** Reads a big-endian int64 at pos as a JS number (exact within the safe-integer range). */
export function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_32 + buf.readUInt32BE(pos + 4);
}

/** Writes a JS number as a big-endian int64 at pos. */
export function writeInt64(buf: Buffer, pos: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi, pos);
  buf.writeUInt32BE(v - hi * TWO_32, pos + 4);
}
