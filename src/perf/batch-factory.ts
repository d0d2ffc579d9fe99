// Record batches for the perf producer, built without per-record objects or promises.
// Every record has a null key, the shared payload as value and no headers.
//  - uniform(): all records share one timestamp, so the records section (plain or
//    compressed) is the same for every batch of that size. It is built once; pooled batch
//    buffers hold it, and per batch only baseTimestamp/maxTimestamp and the CRC change.
//  - spread(): records with their own send times (rate-limited and end-to-end runs): the
//    records are written into a pooled buffer (per record: length, timestamp delta and
//    offset delta varints, the payload copy, optionally the embedded send time).
// A batch's buffer must not be touched until its request is answered: release() then
// returns it to the pool.
import {
  ATTRIBUTES_OFFSET, BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, MAGIC_OFFSET, MAX_TIMESTAMP_OFFSET, PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET, RECORDS_COUNT_OFFSET,
} from '../protocol/record-batch';
import { crc32c } from '../protocol/crc32c';
import { compress } from '../protocol/compression';
import { sizeOfVarint, sizeOfVarlong, writeInt64, writeVarint, writeVarlong } from '../protocol/varint';
import { canEmbed } from './payload';

export type CodecId = 0 | 1 | 2 | 3 | 4;

export interface BuiltBatch {
  /** The complete batch (header and records). */
  buf: Buffer;
  count: number;
  release(): void;
}

export interface BatchFactoryOptions {
  payload: Buffer;
  codec: CodecId;
  /** batch.size: records are added while the uncompressed batch stays within it (at least one). */
  batchSize: number;
  /** Write each record's send time into the first 8 bytes of its value. */
  embed: boolean;
}

const MAX_RECORDS_PER_BATCH = 100_000;
/** Largest record overhead besides the value: length, attributes, timestamp delta, offset delta, key, value length, headers. */
const MAX_RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 1 + 5 + 1;

function bodySize(valueSize: number, tsDelta: number, offsetDelta: number): number {
  return 1 + sizeOfVarlong(tsDelta) + sizeOfVarint(offsetDelta) + 1 + sizeOfVarint(valueSize) + valueSize + 1;
}

/** How many records of `valueSize` bytes (timestamp delta 0) fit in a batch of batchSize bytes (at least 1). */
export function recordsPerBatch(batchSize: number, valueSize: number): number {
  let used = BATCH_HEADER_SIZE;
  let n = 0;
  while (n < MAX_RECORDS_PER_BATCH) {
    const body = bodySize(valueSize, 0, n);
    const size = sizeOfVarint(body) + body;
    if (n > 0 && used + size > batchSize) break;
    used += size;
    n++;
  }
  return n;
}

function writeRecord(buf: Buffer, pos: number, payload: Buffer, tsDelta: number, offsetDelta: number): number {
  const body = bodySize(payload.length, tsDelta, offsetDelta);
  pos = writeVarint(buf, pos, body);
  buf[pos++] = 0; // attributes
  pos = writeVarlong(buf, pos, tsDelta);
  pos = writeVarint(buf, pos, offsetDelta);
  buf[pos++] = 1; // key length -1 (null)
  pos = writeVarint(buf, pos, payload.length);
  buf.set(payload, pos);
  pos += payload.length;
  buf[pos++] = 0; // no headers
  return pos;
}

/** Header fields that do not change between batches of one shape (everything but timestamps and CRC). */
function writeStaticHeader(buf: Buffer, size: number, count: number, codec: CodecId): void {
  writeInt64(buf, 0, 0);
  buf.writeInt32BE(size - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  buf.writeInt32BE(-1, PARTITION_LEADER_EPOCH_OFFSET);
  buf[MAGIC_OFFSET] = 2;
  buf.writeInt16BE(codec, ATTRIBUTES_OFFSET);
  buf.writeInt32BE(count - 1, LAST_OFFSET_DELTA_OFFSET);
  writeInt64(buf, PRODUCER_ID_OFFSET, -1);
  buf.writeInt16BE(-1, PRODUCER_EPOCH_OFFSET);
  buf.writeInt32BE(-1, BASE_SEQUENCE_OFFSET);
  buf.writeInt32BE(count, RECORDS_COUNT_OFFSET);
}

function seal(buf: Buffer, baseTs: number, maxTs: number): void {
  writeInt64(buf, BASE_TIMESTAMP_OFFSET, baseTs);
  writeInt64(buf, MAX_TIMESTAMP_OFFSET, maxTs);
  buf.writeUInt32BE(crc32c(buf.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
}

interface Template { section: Buffer; free: Buffer[] }

export class BatchFactory {
  /** Records in a full batch. */
  readonly perBatch: number;
  private readonly payload: Buffer;
  private readonly codec: CodecId;
  private readonly embed: boolean;
  private readonly templates = new Map<number, Template>();
  private readonly spreadFree: Buffer[] = [];
  private readonly spreadCapacity: number;
  private scratch: Buffer | null = null;

  constructor(o: BatchFactoryOptions) {
    this.payload = o.payload;
    this.codec = o.codec;
    this.embed = o.embed && canEmbed(o.payload.length);
    this.perBatch = recordsPerBatch(o.batchSize, o.payload.length);
    this.spreadCapacity = BATCH_HEADER_SIZE + this.perBatch * (o.payload.length + MAX_RECORD_OVERHEAD);
  }

  /** A batch of `count` records all stamped `tsMs` (epoch ms). */
  uniform(count: number, tsMs: number): BuiltBatch {
    let t = this.templates.get(count);
    if (!t) {
      const raw = Buffer.allocUnsafe(count * (this.payload.length + MAX_RECORD_OVERHEAD));
      let pos = 0;
      for (let i = 0; i < count; i++) pos = writeRecord(raw, pos, this.payload, 0, i);
      const section = this.codec === 0 ? Buffer.from(raw.subarray(0, pos)) : compress(this.codec, raw.subarray(0, pos));
      t = { section, free: [] };
      this.templates.set(count, t);
    }
    let buf = t.free.pop();
    if (!buf) {
      buf = Buffer.allocUnsafe(BATCH_HEADER_SIZE + t.section.length);
      t.section.copy(buf, BATCH_HEADER_SIZE);
      writeStaticHeader(buf, buf.length, count, this.codec);
    }
    const ts = Math.floor(tsMs);
    seal(buf, ts, ts);
    const tpl = t;
    const b = buf;
    return { buf, count, release: () => { tpl.free.push(b); } };
  }

  /** A batch of `count` records sent at t0, t0 + stepMs, ... (epoch ms). */
  spread(count: number, t0: number, stepMs: number): BuiltBatch {
    const capacity = BATCH_HEADER_SIZE + count * (this.payload.length + MAX_RECORD_OVERHEAD);
    const plain = this.codec === 0;
    let buf: Buffer;
    if (plain) {
      buf = (capacity <= this.spreadCapacity ? this.spreadFree.pop() : undefined) ?? Buffer.allocUnsafe(Math.max(capacity, this.spreadCapacity));
    } else {
      if (!this.scratch || this.scratch.length < capacity) this.scratch = Buffer.allocUnsafe(Math.max(capacity, this.spreadCapacity));
      buf = this.scratch;
    }
    const base = Math.floor(t0);
    let pos = BATCH_HEADER_SIZE;
    let ts = base;
    for (let i = 0; i < count; i++) {
      const t = t0 + i * stepMs;
      ts = Math.floor(t);
      pos = writeRecord(buf, pos, this.payload, ts - base, i);
      if (this.embed) buf.writeDoubleBE(t, pos - 1 - this.payload.length);
    }
    let out: Buffer;
    if (plain) {
      out = buf.subarray(0, pos);
    } else {
      const section = compress(this.codec, buf.subarray(BATCH_HEADER_SIZE, pos));
      out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + section.length);
      section.copy(out, BATCH_HEADER_SIZE);
    }
    writeStaticHeader(out, out.length, count, this.codec);
    seal(out, base, ts);
    const owned = buf;
    const pooled = plain && owned.length === this.spreadCapacity;
    return { buf: out, count, release: pooled ? () => { this.spreadFree.push(owned); } : () => undefined };
  }
}
