// Cleaning one stored batch against the key -> latest offset map (Kafka's rules):
//  - a record is kept when its offset is at or past the map's end, or it is the latest offset
//    for its key (a key absent from the map counts as latest); keyless records are dropped;
//  - a tombstone (null value) that is kept gets a delete horizon: the first time the cleaner
//    keeps a batch with tombstones it stores now + delete.retention.ms in the batch's base
//    timestamp and sets attribute bit 6 (KIP-534); once that time has passed, later passes drop
//    the tombstones;
//  - control batches are kept as they are;
//  - a rewritten batch keeps its base offset, last offset delta, producer fields, partition leader
//    epoch, codec, timestamp type and each record's bytes (offsets, timestamps and headers are
//    unchanged); an emptied batch is dropped unless the caller needs it kept (then only its
//    header is written, records count 0, as Kafka's RETAIN_EMPTY does).
import {
  ATTRIBUTES_OFFSET, BASE_TIMESTAMP_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK, CRC_OFFSET, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, MAX_TIMESTAMP_OFFSET, RECORDS_COUNT_OFFSET,
  TIMESTAMP_TYPE_MASK,
} from '../../protocol/record-batch';
import { compress, decompress } from '../../protocol/compression';
import { crc32c } from '../../protocol/crc32c';
import { readInt64, sizeOfVarint, sizeOfVarlong, writeInt64, writeVarint, writeVarlong } from '../../protocol/varint';
import { RecordWalker } from './record-walker';

/** Attribute bit 6: the base timestamp holds the delete horizon (KIP-534). */
export const DELETE_HORIZON_FLAG_MASK = 0x40;

export interface FilterContext {
  map: Map<string, number>;
  /** Records at or past this offset were not in the map: kept as they are. */
  endOffset: number;
  now: number;
  deleteRetentionMs: number;
}

export interface FilterCounters { recordsRead: number; recordsRetained: number; tombstonesRemoved: number }

export interface FilterOutcome {
  /** The batch to write (the input itself when unchanged), or null to drop it. */
  out: Buffer | null;
  changed: boolean;
  /** Delete horizon of the tombstones this batch still holds, -1 if none. */
  horizon: number;
}

const walker = new RecordWalker();
let starts = new Int32Array(256);
let ends = new Int32Array(256);

/** The records region of a batch, decompressed if needed. */
export function recordsOf(batch: Buffer): { buf: Buffer; start: number; end: number } {
  const codec = batch.readInt16BE(ATTRIBUTES_OFFSET) & COMPRESSION_CODEC_MASK;
  if (codec === 0) return { buf: batch, start: BATCH_HEADER_SIZE, end: batch.length };
  const buf = decompress(codec, batch.subarray(BATCH_HEADER_SIZE));
  return { buf, start: 0, end: buf.length };
}

/** Filters one whole batch (a view of exactly its bytes). keepEmpty: write a header even if no record survives. */
export function filterBatch(batch: Buffer, ctx: FilterContext, counters: FilterCounters, keepEmpty: boolean): FilterOutcome {
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
  const count = batch.readInt32BE(RECORDS_COUNT_OFFSET);
  const baseOffset = readInt64(batch, 0);
  if (attributes & CONTROL_FLAG_MASK || baseOffset >= ctx.endOffset) {
    counters.recordsRead += count;
    counters.recordsRetained += count;
    return { out: batch, changed: false, horizon: -1 };
  }
  const hasHorizon = (attributes & DELETE_HORIZON_FLAG_MASK) !== 0;
  const baseTimestamp = readInt64(batch, BASE_TIMESTAMP_OFFSET);
  const horizon = hasHorizon ? baseTimestamp : -1;
  const tombstonesExpire = hasHorizon && ctx.now >= horizon;
  const { buf, start, end } = recordsOf(batch);
  if (starts.length < count) { starts = new Int32Array(count * 2); ends = new Int32Array(count * 2); }
  let kept = 0;
  let read = 0;
  let keptTombstones = 0;
  let maxTimestamp = -1;
  const map = ctx.map;
  walker.reset(buf, start, end, count);
  while (walker.next()) {
    read++;
    const offset = baseOffset + walker.offsetDelta;
    let retain: boolean;
    if (offset >= ctx.endOffset) {
      retain = true;
    } else if (walker.keyLength < 0) {
      retain = false;
    } else {
      const latest = map.get(walker.keyString()!);
      retain = latest === undefined || offset >= latest;
      if (retain && walker.valueIsNull && tombstonesExpire) { retain = false; counters.tombstonesRemoved++; }
    }
    if (!retain) continue;
    if (walker.valueIsNull) keptTombstones++;
    const ts = baseTimestamp + walker.timestampDelta;
    if (ts > maxTimestamp) maxTimestamp = ts;
    starts[kept] = walker.start;
    ends[kept] = walker.end;
    kept++;
  }
  counters.recordsRead += read;
  counters.recordsRetained += kept;
  const setHorizon = keptTombstones > 0 && !hasHorizon;
  const newHorizon = keptTombstones === 0 ? -1 : hasHorizon ? horizon : ctx.now + ctx.deleteRetentionMs;
  if (kept === read && !setHorizon) return { out: batch, changed: false, horizon: newHorizon };
  if (kept === 0) return { out: keepEmpty ? emptyBatch(batch) : null, changed: true, horizon: -1 };

  const newBaseTimestamp = setHorizon ? newHorizon : baseTimestamp;
  const shift = baseTimestamp - newBaseTimestamp;
  let size = 0;
  for (let i = 0; i < kept; i++) size += setHorizon ? reencodedSize(buf, starts[i], ends[i], shift) : ends[i] - starts[i];
  let payload: Buffer = Buffer.allocUnsafe(size);
  let p = 0;
  for (let i = 0; i < kept; i++) {
    if (setHorizon) p = reencode(buf, starts[i], ends[i], shift, payload, p);
    else p += buf.copy(payload, p, starts[i], ends[i]);
  }
  const codec = attributes & COMPRESSION_CODEC_MASK;
  if (codec !== 0) payload = compress(codec, payload);
  const out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + payload.length);
  batch.copy(out, 0, 0, BATCH_HEADER_SIZE);
  payload.copy(out, BATCH_HEADER_SIZE);
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  out.writeInt16BE(setHorizon ? attributes | DELETE_HORIZON_FLAG_MASK : attributes, ATTRIBUTES_OFFSET);
  writeInt64(out, BASE_TIMESTAMP_OFFSET, newBaseTimestamp);
  if (!(attributes & TIMESTAMP_TYPE_MASK)) writeInt64(out, MAX_TIMESTAMP_OFFSET, maxTimestamp);
  out.writeInt32BE(kept, RECORDS_COUNT_OFFSET);
  out.writeUInt32BE(crc32c(out.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return { out, changed: true, horizon: newHorizon };
}

/** Header only, no records: keeps the batch's offset range, producer fields and max timestamp. */
function emptyBatch(batch: Buffer): Buffer {
  const out = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
  batch.copy(out, 0, 0, BATCH_HEADER_SIZE);
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET) & ~(COMPRESSION_CODEC_MASK | DELETE_HORIZON_FLAG_MASK);
  const maxTimestamp = readInt64(batch, MAX_TIMESTAMP_OFFSET);
  out.writeInt32BE(BATCH_HEADER_SIZE - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  out.writeInt16BE(attributes, ATTRIBUTES_OFFSET);
  out.writeInt32BE(batch.readInt32BE(LAST_OFFSET_DELTA_OFFSET), LAST_OFFSET_DELTA_OFFSET);
  writeInt64(out, BASE_TIMESTAMP_OFFSET, maxTimestamp);
  out.writeInt32BE(0, RECORDS_COUNT_OFFSET);
  out.writeUInt32BE(crc32c(out.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return out;
}

// A record whose timestamp delta changes (new base timestamp): [length][attributes][new delta][rest].
function reencodedSize(buf: Buffer, start: number, end: number, shift: number): number {
  const w = peek(buf, start, end);
  const body = w.bodySize - (w.tsEnd - w.tsStart) + sizeOfVarlong(w.delta + shift);
  return sizeOfVarint(body) + body;
}

function reencode(buf: Buffer, start: number, end: number, shift: number, out: Buffer, pos: number): number {
  const w = peek(buf, start, end);
  const newDelta = w.delta + shift;
  const body = w.bodySize - (w.tsEnd - w.tsStart) + sizeOfVarlong(newDelta);
  pos = writeVarint(out, pos, body);
  out[pos++] = buf[w.tsStart - 1];
  pos = writeVarlong(out, pos, newDelta);
  return pos + buf.copy(out, pos, w.tsEnd, end);
}

const peekWalker = new RecordWalker();
function peek(buf: Buffer, start: number, end: number): { bodySize: number; tsStart: number; tsEnd: number; delta: number } {
  peekWalker.reset(buf, start, end, 1).next();
  return { bodySize: end - peekWalker.tsStart + 1, tsStart: peekWalker.tsStart, tsEnd: peekWalker.tsEnd, delta: peekWalker.timestampDelta };
}
