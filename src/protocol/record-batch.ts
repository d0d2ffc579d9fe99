// Magic-2 record batches: header layout, validation of produced data, in-place offset
// assignment, building and decoding. Older magics are refused (SAMSA_ERR_UNSUPPORTED_MAGIC).
import { SamsaError } from '../runtime/samsa-error';
import { crc32c } from './crc32c';
import { compress, decompress } from './compression';
import { readInt64, writeInt64, sizeOfVarint } from './varint';
import { DecodedRecord, RecordInput, decodeRecords, recordBodySize, validateRecords, writeRecord } from './records';

export type { RecordInput, DecodedRecord, RecordHeader } from './records';

// Field positions inside a batch.
export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORDS_COUNT_OFFSET = 57;
export const BATCH_HEADER_SIZE = 61;
/** Bytes before batchLength starts counting (baseOffset + batchLength). */
export const LOG_OVERHEAD = 12;
/** Smallest legal batchLength (a header without records). */
export const MIN_BATCH_LENGTH = BATCH_HEADER_SIZE - LOG_OVERHEAD;

export const COMPRESSION_CODEC_MASK = 0x07;
export const TIMESTAMP_TYPE_MASK = 0x08;
export const TRANSACTIONAL_FLAG_MASK = 0x10;
export const CONTROL_FLAG_MASK = 0x20;

export interface BatchHeader {
  baseOffset: number;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export function readBatchHeader(buf: Buffer, offset = 0): BatchHeader {
  if (buf.length - offset < BATCH_HEADER_SIZE) {
    throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `batch header needs ${BATCH_HEADER_SIZE} bytes, ${buf.length - offset} available`);
  }
  return {
    baseOffset: readInt64(buf, offset),
    batchLength: buf.readInt32BE(offset + BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: buf.readInt32BE(offset + PARTITION_LEADER_EPOCH_OFFSET),
    magic: buf.readInt8(offset + MAGIC_OFFSET),
    crc: buf.readUInt32BE(offset + CRC_OFFSET),
    attributes: buf.readInt16BE(offset + ATTRIBUTES_OFFSET),
    lastOffsetDelta: buf.readInt32BE(offset + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: readInt64(buf, offset + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: readInt64(buf, offset + MAX_TIMESTAMP_OFFSET),
    producerId: readInt64(buf, offset + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(offset + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(offset + BASE_SEQUENCE_OFFSET),
    recordCount: buf.readInt32BE(offset + RECORDS_COUNT_OFFSET),
  };
}

/** True when the stored CRC matches CRC-32C over attributes..end of the batch at [offset, offset+size). */
export function batchCrcValid(buf: Buffer, offset: number, size: number): boolean {
  return crc32c(buf.subarray(offset + ATTRIBUTES_OFFSET, offset + size)) === buf.readUInt32BE(offset + CRC_OFFSET);
}

/** Last offset of the batch at `offset` (baseOffset + lastOffsetDelta). */
export function batchLastOffset(buf: Buffer, offset = 0): number {
  return readInt64(buf, offset) + buf.readInt32BE(offset + LAST_OFFSET_DELTA_OFFSET);
}

/**
 * Calls fn(offset, size) for each complete batch in buf (size = 12 + batchLength).
 * Stops quietly at a partial trailing batch; throws SAMSA_ERR_CORRUPT_BATCH on an impossible length.
 */
export function forEachBatch(buf: Buffer, fn: (offset: number, size: number) => void): void {
  let pos = 0;
  while (buf.length - pos >= LOG_OVERHEAD) {
    const batchLength = buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH) throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `batch length ${batchLength} at byte ${pos}`);
    const size = LOG_OVERHEAD + batchLength;
    if (size > buf.length - pos) return;
    fn(pos, size);
    pos += size;
  }
}

function corrupt(detail: string): never { throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', detail); }
function invalid(detail: string): never { throw new SamsaError('SAMSA_ERR_INVALID_RECORD', detail); }

/**
 * Validates a producer's records buffer completely (before anything is written).
 * Throws SamsaError: UNSUPPORTED_MAGIC (magic 0/1), CORRUPT_BATCH (bad length, truncation,
 * other magic, CRC mismatch, unknown codec, undecodable compression), MESSAGE_TOO_LARGE,
 * INVALID_RECORD (count/offset-delta mismatch, control batch, malformed records).
 */
export function validateProducedBatches(buf: Buffer, maxMessageBytes: number, requireKeys = false): { batches: number; records: number } {
  let pos = 0;
  let batches = 0;
  let records = 0;
  const len = buf.length;
  while (pos < len) {
    const rem = len - pos;
    if (rem < MAGIC_OFFSET + 1) corrupt(`truncated batch at byte ${pos} (${rem} bytes)`);
    const magic = buf.readInt8(pos + MAGIC_OFFSET);
    if (magic === 0 || magic === 1) throw new SamsaError('SAMSA_ERR_UNSUPPORTED_MAGIC', `magic ${magic}`);
    if (magic !== 2) corrupt(`unknown magic ${magic}`);
    if (rem < BATCH_HEADER_SIZE) corrupt(`truncated batch header at byte ${pos} (${rem} bytes)`);
    const batchLength = buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH) corrupt(`batch length ${batchLength} below minimum ${MIN_BATCH_LENGTH}`);
    const size = LOG_OVERHEAD + batchLength;
    if (size > maxMessageBytes) {
      throw new SamsaError('SAMSA_ERR_MESSAGE_TOO_LARGE', `batch of ${size} bytes exceeds max.message.bytes ${maxMessageBytes}`);
    }
    if (size > rem) corrupt(`batch of ${size} bytes truncated to ${rem}`);
    if (!batchCrcValid(buf, pos, size)) corrupt(`CRC mismatch in batch at byte ${pos}`);
    const attributes = buf.readInt16BE(pos + ATTRIBUTES_OFFSET);
    const codec = attributes & COMPRESSION_CODEC_MASK;
    if (codec > 4) corrupt(`unknown compression codec ${codec}`);
    if (attributes & CONTROL_FLAG_MASK) invalid('clients may not write control batches');
    const count = buf.readInt32BE(pos + RECORDS_COUNT_OFFSET);
    const lastOffsetDelta = buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET);
    if (count <= 0) invalid(`record count ${count}`);
    if (count !== lastOffsetDelta + 1) invalid(`record count ${count} does not match lastOffsetDelta ${lastOffsetDelta}`);
    if (codec === 0) {
      validateRecords(buf, pos + BATCH_HEADER_SIZE, pos + size, count, requireKeys);
    } else {
      const data = decompress(codec, buf.subarray(pos + BATCH_HEADER_SIZE, pos + size));
      validateRecords(data, 0, data.length, count, requireKeys);
    }
    batches++;
    records += count;
    pos += size;
  }
  return { batches, records };
}

/**
 * Rewrites, in place, the batch at batchOffset: baseOffset, partitionLeaderEpoch (neither is
 * covered by the CRC) and, when logAppendTime is given, the timestamp type and maxTimestamp
 * (then the CRC is recomputed).
 */
export function assignOffsets(
  buf: Buffer, batchOffset: number, baseOffset: number,
  opts: { logAppendTime?: number; partitionLeaderEpoch?: number },
): void {
  writeInt64(buf, batchOffset, baseOffset);
  if (opts.partitionLeaderEpoch !== undefined) buf.writeInt32BE(opts.partitionLeaderEpoch, batchOffset + PARTITION_LEADER_EPOCH_OFFSET);
  if (opts.logAppendTime !== undefined) {
    const attributes = buf.readInt16BE(batchOffset + ATTRIBUTES_OFFSET);
    buf.writeInt16BE(attributes | TIMESTAMP_TYPE_MASK, batchOffset + ATTRIBUTES_OFFSET);
    writeInt64(buf, batchOffset + MAX_TIMESTAMP_OFFSET, opts.logAppendTime);
    const size = LOG_OVERHEAD + buf.readInt32BE(batchOffset + BATCH_LENGTH_OFFSET);
    buf.writeUInt32BE(crc32c(buf.subarray(batchOffset + ATTRIBUTES_OFFSET, batchOffset + size)), batchOffset + CRC_OFFSET);
  }
}

export interface BuildBatchOptions {
  baseOffset?: number;
  compression?: 0 | 1 | 2 | 3 | 4;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  transactional?: boolean;
  partitionLeaderEpoch?: number;
  /** Timestamp for records without one (default Date.now()). */
  now?: number;
}

let sizeScratch = new Int32Array(1024);

/** Builds one magic-2 batch. Uncompressed batches are written straight into one Buffer. */
export function buildBatch(records: RecordInput[], opts: BuildBatchOptions = {}): Buffer {
  const n = records.length;
  if (n === 0) invalid('a batch needs at least one record');
  const now = opts.now ?? Date.now();
  const baseTimestamp = records[0].timestamp ?? now;
  let maxTimestamp = baseTimestamp;
  if (sizeScratch.length < n) sizeScratch = new Int32Array(Math.max(n, sizeScratch.length * 2));
  const sizes = sizeScratch;
  let recordsSize = 0;
  for (let i = 0; i < n; i++) {
    const ts = records[i].timestamp ?? now;
    if (ts > maxTimestamp) maxTimestamp = ts;
    const body = recordBodySize(records[i], ts - baseTimestamp, i);
    sizes[i] = body;
    recordsSize += sizeOfVarint(body) + body;
  }
  const codec = opts.compression ?? 0;
  let buf: Buffer;
  if (codec === 0) {
    buf = Buffer.allocUnsafe(BATCH_HEADER_SIZE + recordsSize);
    let pos = BATCH_HEADER_SIZE;
    for (let i = 0; i < n; i++) {
      const r = records[i];
      pos = writeRecord(buf, pos, r, (r.timestamp ?? now) - baseTimestamp, i, sizes[i]);
    }
  } else {
    const raw = Buffer.allocUnsafe(recordsSize);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const r = records[i];
      pos = writeRecord(raw, pos, r, (r.timestamp ?? now) - baseTimestamp, i, sizes[i]);
    }
    const compressed = compress(codec, raw);
    buf = Buffer.allocUnsafe(BATCH_HEADER_SIZE + compressed.length);
    compressed.copy(buf, BATCH_HEADER_SIZE);
  }
  writeInt64(buf, BASE_OFFSET_OFFSET, opts.baseOffset ?? 0);
  buf.writeInt32BE(buf.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  buf.writeInt32BE(opts.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH_OFFSET);
  buf[MAGIC_OFFSET] = 2;
  buf.writeInt16BE(codec | (opts.transactional ? TRANSACTIONAL_FLAG_MASK : 0), ATTRIBUTES_OFFSET);
  buf.writeInt32BE(n - 1, LAST_OFFSET_DELTA_OFFSET);
  writeInt64(buf, BASE_TIMESTAMP_OFFSET, baseTimestamp);
  writeInt64(buf, MAX_TIMESTAMP_OFFSET, maxTimestamp);
  writeInt64(buf, PRODUCER_ID_OFFSET, opts.producerId ?? -1);
  buf.writeInt16BE(opts.producerEpoch ?? -1, PRODUCER_EPOCH_OFFSET);
  buf.writeInt32BE(opts.baseSequence ?? -1, BASE_SEQUENCE_OFFSET);
  buf.writeInt32BE(n, RECORDS_COUNT_OFFSET);
  buf.writeUInt32BE(crc32c(buf.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return buf;
}

/** Decodes the records of the complete batch at [offset, offset+size); checks magic and CRC. */
export function decodeBatchAt(buf: Buffer, offset: number, size: number): { header: BatchHeader; records: DecodedRecord[] } {
  const header = readBatchHeader(buf, offset);
  if (header.magic === 0 || header.magic === 1) throw new SamsaError('SAMSA_ERR_UNSUPPORTED_MAGIC', `magic ${header.magic}`);
  if (header.magic !== 2) corrupt(`unknown magic ${header.magic}`);
  if (!batchCrcValid(buf, offset, size)) corrupt(`CRC mismatch in batch at offset ${header.baseOffset}`);
  const codec = header.attributes & COMPRESSION_CODEC_MASK;
  const logAppendTime = header.attributes & TIMESTAMP_TYPE_MASK ? header.maxTimestamp : -1;
  let data = buf;
  let start = offset + BATCH_HEADER_SIZE;
  let end = offset + size;
  if (codec !== 0) {
    data = decompress(codec, buf.subarray(start, end));
    start = 0;
    end = data.length;
  }
  const records = decodeRecords(data, start, end, header.recordCount, header.baseOffset, header.baseTimestamp, logAppendTime);
  return { header, records };
}

/**
 * Decodes every complete batch in buf (decompressing as needed); a partial trailing batch is
 * ignored. Record keys/values are views into buf (or into the decompressed data).
 */
export function decodeBatches(buf: Buffer): { header: BatchHeader; records: DecodedRecord[] }[] {
  const out: { header: BatchHeader; records: DecodedRecord[] }[] = [];
  forEachBatch(buf, (offset, size) => { out.push(decodeBatchAt(buf, offset, size)); });
  return out;
}
