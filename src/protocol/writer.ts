// Growable big-endian writer producing a list of Buffer chunks. Small writes go into a
// scratch buffer; raw Buffers of RAW_CHUNK_MIN bytes or more are appended as separate
// chunks without copying (record batches flow through untouched).
import { ProtocolError } from './schema';

export { ProtocolError };

/** raw() buffers at least this large are kept as their own chunk instead of being copied. */
export const RAW_CHUNK_MIN = 1024;
const MAX_SCRATCH = 64 * 1024;
const TWO_32 = 4294967296;
const UUID_RE = /^[A-Za-z0-9_-]{22}$/;
const EMPTY = Buffer.alloc(0);
const MIN_INT64 = -(BigInt(1) << BigInt(63));
const MAX_INT64 = (BigInt(1) << BigInt(63)) - BigInt(1);

function outOfRange(type: string, v: unknown): ProtocolError {
  return new ProtocolError(`${type} value out of range: ${String(v)}`);
}

export class Writer {
  private chunks: Buffer[] = [];
  private buf: Buffer;
  private pos = 0;
  private start = 0;
  private flushed = 0;

  constructor(initialSize = 512) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialSize));
  }

  /** Total bytes written so far. */
  get length(): number { return this.flushed + this.pos - this.start; }

  private flush(): void {
    if (this.pos > this.start) {
      this.chunks.push(this.buf.subarray(this.start, this.pos));
      this.flushed += this.pos - this.start;
      this.start = this.pos;
    }
  }

  private grow(n: number): void {
    this.flush();
    const size = Math.max(n, Math.min(this.buf.length * 2, MAX_SCRATCH));
    this.buf = Buffer.allocUnsafe(size);
    this.pos = 0;
    this.start = 0;
  }

  /** Makes room for n more bytes in the scratch buffer and returns the write position. */
  private room(n: number): number {
    if (this.pos + n > this.buf.length) this.grow(n);
    const p = this.pos;
    this.pos = p + n;
    return p;
  }

  int8(v: number): this {
    if (v !== (v << 24) >> 24) throw outOfRange('int8', v);
    const p = this.room(1);
    this.buf[p] = v;
    return this;
  }

  bool(v: boolean): this { const p = this.room(1); this.buf[p] = v ? 1 : 0; return this; }

  int16(v: number): this {
    if (v !== (v << 16) >> 16) throw outOfRange('int16', v);
    const p = this.room(2);
    const b = this.buf;
    b[p] = v >>> 8;
    b[p + 1] = v;
    return this;
  }

  uint16(v: number): this {
    if (v !== (v & 0xffff)) throw outOfRange('uint16', v);
    const p = this.room(2);
    const b = this.buf;
    b[p] = v >>> 8;
    b[p + 1] = v;
    return this;
  }

  int32(v: number): this {
    if (v !== (v | 0)) throw outOfRange('int32', v);
    const p = this.room(4);
    const b = this.buf;
    b[p] = v >>> 24;
    b[p + 1] = v >>> 16;
    b[p + 2] = v >>> 8;
    b[p + 3] = v;
    return this;
  }

  uint32(v: number): this {
    if (v !== v >>> 0) throw outOfRange('uint32', v);
    const p = this.room(4);
    const b = this.buf;
    b[p] = v >>> 24;
    b[p + 1] = v >>> 16;
    b[p + 2] = v >>> 8;
    b[p + 3] = v;
    return this;
  }

  float64(v: number): this {
    if (typeof v !== 'number') throw outOfRange('float64', v);
    const p = this.room(8);
    this.buf.writeDoubleBE(v, p);
    return this;
  }

  /** int64 from a JS number (must be an integer; exact within ±2^53) or a bigint. */
  int64(v: number | bigint): this {
    if (typeof v === 'bigint') {
      if (v < MIN_INT64 || v > MAX_INT64) throw outOfRange('int64', v);
      const p = this.room(8);
      this.buf.writeBigInt64BE(v, p);
      return this;
    }
    let hi: number;
    let lo: number;
    if (v === (v | 0)) {
      hi = v < 0 ? -1 : 0;
      lo = v >>> 0;
    } else {
      if (!Number.isInteger(v) || v < -9223372036854775808 || v >= 9223372036854775808) throw outOfRange('int64', v);
      hi = Math.floor(v / TWO_32);
      lo = v - hi * TWO_32;
    }
    const p = this.room(8);
    const b = this.buf;
    b[p] = hi >>> 24;
    b[p + 1] = hi >>> 16;
    b[p + 2] = hi >>> 8;
    b[p + 3] = hi;
    b[p + 4] = lo >>> 24;
    b[p + 5] = lo >>> 16;
    b[p + 6] = lo >>> 8;
    b[p + 7] = lo;
    return this;
  }

  /** Unsigned varint (0 .. 2^32-1). */
  uvarint(v: number): this {
    if (v < 0x80 && v >= 0 && (v | 0) === v) { const p = this.room(1); this.buf[p] = v; return this; }
    if (!(v >= 0 && v <= 0xffffffff) || !Number.isInteger(v)) throw new ProtocolError(`unsigned varint out of range: ${v}`);
    const b = this.buf;
    let p = this.pos;
    if (p + 5 > b.length) { this.grow(5); return this.uvarint(v); }
    while (v >= 0x80) {
      b[p++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    b[p++] = v;
    this.pos = p;
    return this;
  }

  /** Zigzag varint (int32). */
  varint(v: number): this {
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw new ProtocolError(`varint out of range: ${v}`);
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Zigzag varlong (int64) from a JS number (exact within ±2^53). */
  varlong(v: number): this {
    if (!Number.isInteger(v)) throw new ProtocolError(`varlong must be an integer: ${v}`);
    let u = v >= 0 ? v * 2 : -v * 2 - 1;
    const p0 = this.room(10);
    const b = this.buf;
    let p = p0;
    while (u >= 0x80) {
      b[p++] = (u % 128) | 0x80;
      u = Math.floor(u / 128);
    }
    b[p++] = u;
    this.pos = p;
    return this;
  }

  /** uuid from Kafka's 22-character base64url form (or 16 raw bytes). */
  uuid(v: string | Buffer): this {
    if (typeof v !== 'string') {
      if (!Buffer.isBuffer(v) || v.length !== 16) throw new ProtocolError('uuid must be a 22-char base64url string or 16 bytes');
      return this.raw(v);
    }
    if (!UUID_RE.test(v)) throw new ProtocolError(`bad uuid '${v}'`);
    const p = this.room(16);
    this.buf.write(v, p, 16, 'base64url');
    return this;
  }

  private utf8(s: string, len: number): void {
    if (len === 0) return;
    const p = this.room(len);
    if (len === s.length && len < 32) {
      const b = this.buf;
      for (let i = 0; i < len; i++) b[p + i] = s.charCodeAt(i);
    } else {
      this.buf.write(s, p, len, 'utf8');
    }
  }

  private static strLen(s: string): number {
    if (typeof s !== 'string') throw new ProtocolError(`expected a string, got ${typeof s}`);
    const n = s.length;
    if (n < 32) {
      let ascii = true;
      for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 0x7f) { ascii = false; break; }
      if (ascii) return n;
    }
    return Buffer.byteLength(s, 'utf8');
  }

  /** int16-length string; null only via nullableString. */
  string(s: string): this {
    if (s === null || s === undefined) throw new ProtocolError('non-nullable string is null');
    const len = Writer.strLen(s);
    if (len > 0x7fff) throw new ProtocolError(`string too long (${len} bytes)`);
    this.int16(len);
    this.utf8(s, len);
    return this;
  }

  nullableString(s: string | null): this { return s === null ? this.int16(-1) : this.string(s); }

  compactString(s: string): this {
    if (s === null || s === undefined) throw new ProtocolError('non-nullable string is null');
    const len = Writer.strLen(s);
    if (len > 0x7fff) throw new ProtocolError(`string too long (${len} bytes)`);
    this.uvarint(len + 1);
    this.utf8(s, len);
    return this;
  }

  compactNullableString(s: string | null): this { return s === null ? this.uvarint(0) : this.compactString(s); }

  /** Appends bytes verbatim; buffers of RAW_CHUNK_MIN bytes or more become their own chunk (not copied). */
  raw(b: Buffer): this {
    const n = b.length;
    if (n >= RAW_CHUNK_MIN) {
      this.flush();
      this.chunks.push(b);
      this.flushed += n;
    } else if (n > 0) {
      const p = this.room(n);
      b.copy(this.buf, p);
    }
    return this;
  }

  private static blobLength(b: Buffer | readonly Buffer[]): number {
    if (Buffer.isBuffer(b)) return b.length;
    if (!Array.isArray(b)) throw new ProtocolError('expected a Buffer');
    let n = 0;
    for (const c of b) n += c.length;
    return n;
  }

  private blob(b: Buffer | readonly Buffer[]): void {
    if (Buffer.isBuffer(b)) this.raw(b);
    else for (const c of b) this.raw(c);
  }

  /** int32-length bytes. Also accepts a list of Buffers, written back to back. */
  bytes(b: Buffer | readonly Buffer[]): this {
    if (b === null || b === undefined) throw new ProtocolError('non-nullable bytes are null');
    this.int32(Writer.blobLength(b));
    this.blob(b);
    return this;
  }

  nullableBytes(b: Buffer | readonly Buffer[] | null): this { return b === null ? this.int32(-1) : this.bytes(b); }

  compactBytes(b: Buffer | readonly Buffer[]): this {
    if (b === null || b === undefined) throw new ProtocolError('non-nullable bytes are null');
    this.uvarint(Writer.blobLength(b) + 1);
    this.blob(b);
    return this;
  }

  compactNullableBytes(b: Buffer | readonly Buffer[] | null): this { return b === null ? this.uvarint(0) : this.compactBytes(b); }

  /** Array length prefix: int32 (or unsigned varint n+1 when compact); null → -1 / 0. */
  arrayLength(n: number | null, compact: boolean): this {
    if (compact) return this.uvarint(n === null ? 0 : n + 1);
    return this.int32(n === null ? -1 : n);
  }

  /** Appends everything another writer produced (its large chunks stay uncopied). */
  append(other: Writer): this {
    for (const c of other.finish()) this.raw(c);
    return this;
  }

  /** The written bytes as chunks (the writer must not be used afterwards). */
  finish(): Buffer[] {
    this.flush();
    return this.chunks;
  }

  /** The written bytes as one Buffer (copies only when there are several chunks). */
  toBuffer(): Buffer {
    const chunks = this.finish();
    if (chunks.length === 1) return chunks[0];
    if (chunks.length === 0) return EMPTY;
    return Buffer.concat(chunks, this.flushed);
  }
}
