// Bounds-checked big-endian reader over a Buffer range. Every read and every length or
// count is checked against the bytes remaining before anything is sliced or allocated;
// violations throw ProtocolError (never RangeError).
import { ProtocolError } from './schema';

export { ProtocolError };

const TWO_32 = 4294967296;

function truncated(need: number, r: Reader): ProtocolError {
  return new ProtocolError(`truncated input: need ${need} byte(s) at offset ${r.pos}, ${r.end - r.pos} left`);
}

export class Reader {
  buf: Buffer;
  pos: number;
  end: number;

  constructor(buf: Buffer, offset = 0, end: number = buf.length) {
    if (!(offset >= 0 && end <= buf.length && offset <= end)) {
      throw new ProtocolError(`bad range [${offset}, ${end}) for a buffer of ${buf.length} bytes`);
    }
    this.buf = buf;
    this.pos = offset;
    this.end = end;
  }

  get remaining(): number { return this.end - this.pos; }

  /** Throws ProtocolError unless n bytes remain. */
  need(n: number): void { if (n > this.end - this.pos || n < 0) throw truncated(n, this); }

  skip(n: number): void { this.need(n); this.pos += n; }

  int8(): number {
    if (this.pos >= this.end) throw truncated(1, this);
    const v = this.buf[this.pos++];
    return (v << 24) >> 24;
  }

  bool(): boolean {
    if (this.pos >= this.end) throw truncated(1, this);
    return this.buf[this.pos++] !== 0;
  }

  int16(): number {
    const p = this.pos;
    if (p + 2 > this.end) throw truncated(2, this);
    this.pos = p + 2;
    const b = this.buf;
    return (((b[p] << 8) | b[p + 1]) << 16) >> 16;
  }

  uint16(): number {
    const p = this.pos;
    if (p + 2 > this.end) throw truncated(2, this);
    this.pos = p + 2;
    return (this.buf[p] << 8) | this.buf[p + 1];
  }

  int32(): number {
    const p = this.pos;
    if (p + 4 > this.end) throw truncated(4, this);
    this.pos = p + 4;
    const b = this.buf;
    return (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
  }

  uint32(): number { return this.int32() >>> 0; }

  /** int64 as a JS number: exact within ±2^53, rounded beyond. */
  int64(): number {
    const p = this.pos;
    if (p + 8 > this.end) throw truncated(8, this);
    this.pos = p + 8;
    const b = this.buf;
    const hi = (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
    const lo = ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0;
    return hi * TWO_32 + lo;
  }

  /** int64 as a bigint (exact). */
  int64n(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  float64(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  /** 16-byte uuid as Kafka's 22-character base64url string. */
  uuid(): string {
    const p = this.pos;
    if (p + 16 > this.end) throw truncated(16, this);
    this.pos = p + 16;
    return this.buf.toString('base64url', p, p + 16);
  }

  /** Unsigned varint of at most 5 bytes (0 .. 2^32-1). */
  uvarint(): number {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    if (p >= end) throw truncated(1, this);
    let x = b[p++];
    if (x < 0x80) { this.pos = p; return x; }
    let v = x & 0x7f;
    let mul = 128;
    for (let i = 1; i < 5; i++) {
      if (p >= end) { this.pos = p; throw truncated(1, this); }
      x = b[p++];
      v += (x & 0x7f) * mul;
      if (x < 0x80) {
        if (i === 4 && x > 0x0f) break;
        this.pos = p;
        return v;
      }
      mul *= 128;
    }
    throw new ProtocolError(`unsigned varint too long or too large at offset ${this.pos}`);
  }

  /** Zigzag varint (int32). */
  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Zigzag varlong (int64) as a JS number (exact within ±2^53). */
  varlong(): number {
    const b = this.buf;
    let p = this.pos;
    let u = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (p >= this.end) { this.pos = p; throw truncated(1, this); }
      const x = b[p++];
      u += (x & 0x7f) * mul;
      if (x < 0x80) {
        this.pos = p;
        return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
      }
      mul *= 128;
    }
    throw new ProtocolError(`varlong too long at offset ${this.pos}`);
  }

  private text(len: number): string {
    const p = this.pos;
    if (len > this.end - p) throw truncated(len, this);
    this.pos = p + len;
    return len === 0 ? '' : this.buf.toString('utf8', p, p + len);
  }

  /** int16-length string; null is an error. */
  string(): string {
    const len = this.int16();
    if (len < 0) throw new ProtocolError(`non-nullable string is null at offset ${this.pos - 2}`);
    return this.text(len);
  }

  nullableString(): string | null {
    const len = this.int16();
    return len < 0 ? null : this.text(len);
  }

  private compactLength(limit: number): number {
    const n = this.uvarint() - 1;
    if (n > limit) throw new ProtocolError(`compact length ${n} too large at offset ${this.pos}`);
    return n;
  }

  compactString(): string {
    const len = this.compactLength(0x7fff);
    if (len < 0) throw new ProtocolError(`non-nullable compact string is null at offset ${this.pos - 1}`);
    return this.text(len);
  }

  compactNullableString(): string | null {
    const len = this.compactLength(0x7fff);
    return len < 0 ? null : this.text(len);
  }

  /** Zero-copy view of the next n bytes. */
  slice(n: number): Buffer {
    const p = this.pos;
    if (n > this.end - p || n < 0) throw truncated(n, this);
    this.pos = p + n;
    return this.buf.subarray(p, p + n);
  }

  /** Copy of the next n bytes. */
  copy(n: number): Buffer {
    return Buffer.from(this.slice(n));
  }

  bytes(): Buffer {
    const len = this.int32();
    if (len < 0) throw new ProtocolError(`non-nullable bytes are null at offset ${this.pos - 4}`);
    return this.copy(len);
  }

  nullableBytes(): Buffer | null {
    const len = this.int32();
    return len < 0 ? null : this.copy(len);
  }

  compactBytes(): Buffer {
    const len = this.compactLength(0x7fffffff);
    if (len < 0) throw new ProtocolError(`non-nullable compact bytes are null at offset ${this.pos - 1}`);
    return this.copy(len);
  }

  compactNullableBytes(): Buffer | null {
    const len = this.compactLength(0x7fffffff);
    return len < 0 ? null : this.copy(len);
  }

  /** int32-length records: a zero-copy slice of the input, or null. */
  records(): Buffer | null {
    const len = this.int32();
    return len < 0 ? null : this.slice(len);
  }

  compactRecords(): Buffer | null {
    const len = this.compactLength(0x7fffffff);
    return len < 0 ? null : this.slice(len);
  }

  /**
   * Element count of an array (int32, or unsigned varint + 1 when compact); -1 for null.
   * Counts that cannot fit in the remaining bytes (at minElemSize bytes each) are rejected
   * before anything is allocated.
   */
  arrayLength(compact: boolean, minElemSize = 1): number {
    const n = compact ? this.uvarint() - 1 : this.int32();
    if (n < 0) return -1;
    if (n * (minElemSize > 0 ? minElemSize : 1) > this.end - this.pos) {
      throw new ProtocolError(`array of ${n} element(s) does not fit in the ${this.end - this.pos} byte(s) left at offset ${this.pos}`);
    }
    return n;
  }
}
