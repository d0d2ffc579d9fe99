import { expect } from 'chai';
import {
  BATCH_HEADER_SIZE, assignOffsets, batchCrcValid, buildBatch, decodeBatches, forEachBatch,
  readBatchHeader, validateProducedBatches, RecordInput,
} from '../../../src/protocol/record-batch';
import { crc32c } from '../../../src/protocol/crc32c';
import { ByteCursor, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from '../../../src/protocol/varint';
import { SamsaError, SamsaErrorCode } from '../../../src/runtime/samsa-error';
import { ErrorCode } from '../../../src/protocol/error-codes';

const MAX = 1048588;

function records(n: number, t0 = 1_700_000_000_000): RecordInput[] {
  const out: RecordInput[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      key: i % 3 === 0 ? null : Buffer.from(`key-${i}`),
      value: i % 5 === 4 ? null : Buffer.from(`value-${i}-`.repeat(i % 7 + 1)),
      headers: i % 2 ? [{ key: 'h', value: Buffer.from([i]) }, { key: 'ünï', value: null }] : [],
      timestamp: t0 + i * 10,
    });
  }
  return out;
}

function expectSamsa(fn: () => unknown, code: SamsaErrorCode, kafkaError?: number): void {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err, `expected ${code}`).to.be.instanceOf(SamsaError);
  expect((err as SamsaError).code).to.equal(code);
  if (kafkaError !== undefined) expect((err as SamsaError).kafkaError).to.equal(kafkaError);
}

/** Recomputes the CRC after a deliberate edit so only the intended defect remains. */
function fixCrc(b: Buffer): Buffer {
  b.writeUInt32BE(crc32c(b.subarray(21)), 17);
  return b;
}

describe('protocol/varint', () => {
  it('round-trips varints and varlongs at the edges', () => {
    const values = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 2 ** 31 - 1, -(2 ** 31),
      2 ** 31, -(2 ** 31) - 1, 2 ** 40 + 5, -(2 ** 40) - 7, Number.MAX_SAFE_INTEGER >> 0, 2 ** 52, -(2 ** 52)];
    const buf = Buffer.alloc(16);
    for (const v of values) {
      const end = writeVarlong(buf, 0, v);
      expect(end).to.equal(sizeOfVarlong(v));
      expect(new ByteCursor(buf).readVarlong(), `varlong ${v}`).to.equal(v);
      if (v >= -(2 ** 31) && v < 2 ** 31) {
        const e2 = writeVarint(buf, 0, v);
        expect(e2).to.equal(sizeOfVarint(v));
        expect(new ByteCursor(buf).readVarint(), `varint ${v}`).to.equal(v);
      }
    }
  });

  it('rejects over-long and truncated varints', () => {
    expectSamsa(() => new ByteCursor(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).readVarint(), 'SAMSA_ERR_PROTOCOL');
    expectSamsa(() => new ByteCursor(Buffer.from([0x80, 0x80])).readVarint(), 'SAMSA_ERR_PROTOCOL');
  });
});

describe('protocol/record-batch', () => {
  it('builds a batch whose header matches the magic-2 layout', () => {
    const b = buildBatch(records(5), { baseOffset: 42, producerId: 7, producerEpoch: 3, baseSequence: 11, transactional: true });
    const h = readBatchHeader(b);
    expect(h.baseOffset).to.equal(42);
    expect(h.batchLength).to.equal(b.length - 12);
    expect(h.magic).to.equal(2);
    expect(h.attributes & 0x10).to.equal(0x10);
    expect(h.lastOffsetDelta).to.equal(4);
    expect(h.recordCount).to.equal(5);
    expect(h.baseTimestamp).to.equal(1_700_000_000_000);
    expect(h.maxTimestamp).to.equal(1_700_000_000_040);
    expect(h.producerId).to.equal(7);
    expect(h.producerEpoch).to.equal(3);
    expect(h.baseSequence).to.equal(11);
    expect(h.partitionLeaderEpoch).to.equal(-1);
    expect(h.crc).to.equal(crc32c(b.subarray(21)));
    expect(BATCH_HEADER_SIZE).to.equal(61);
  });

  for (const codec of [0, 1, 2, 3, 4] as const) {
    it(`decodes what it builds (codec ${codec})`, () => {
      const input = records(50);
      const b = buildBatch(input, { baseOffset: 1000, compression: codec });
      expect(validateProducedBatches(b, MAX)).to.deep.equal({ batches: 1, records: 50 });
      const [{ header, records: out }] = decodeBatches(b);
      expect(header.attributes & 7).to.equal(codec);
      expect(out).to.have.length(50);
      out.forEach((r, i) => {
        expect(r.offset).to.equal(1000 + i);
        expect(r.timestamp).to.equal(input[i].timestamp);
        expect(r.key === null ? null : r.key.toString()).to.equal(input[i].key === null ? null : input[i].key!.toString());
        expect(r.value === null ? null : r.value.toString()).to.equal(input[i].value === null ? null : input[i].value!.toString());
        expect(r.headers.map((h) => [h.key, h.value && h.value.toString('hex')]))
          .to.deep.equal((input[i].headers ?? []).map((h) => [h.key, h.value && h.value.toString('hex')]));
      });
    });
  }

  it('uses now for records without timestamps and handles large timestamp deltas', () => {
    const b = buildBatch([{ key: null, value: Buffer.from('a') }, { key: null, value: null, timestamp: 2 ** 45 }], { now: 5 });
    const [{ header, records: out }] = decodeBatches(b);
    expect(out.map((r) => r.timestamp)).to.deep.equal([5, 2 ** 45]);
    expect(header.maxTimestamp).to.equal(2 ** 45);
  });

  it('decodes several batches and ignores a partial trailing batch', () => {
    const a = buildBatch(records(3), { baseOffset: 0 });
    const b = buildBatch(records(4), { baseOffset: 3, compression: 4 });
    const c = buildBatch(records(2), { baseOffset: 7 });
    const all = Buffer.concat([a, b, c.subarray(0, c.length - 5)]);
    const sizes: number[] = [];
    forEachBatch(all, (_o, s) => sizes.push(s));
    expect(sizes).to.deep.equal([a.length, b.length]);
    const decoded = decodeBatches(all);
    expect(decoded.map((d) => d.records.map((r) => r.offset))).to.deep.equal([[0, 1, 2], [3, 4, 5, 6]]);
    expect(decodeBatches(Buffer.concat([a, Buffer.alloc(7)]))).to.have.length(1);
  });

  it('detects CRC corruption', () => {
    const b = buildBatch(records(10));
    b[b.length - 3] ^= 0x10;
    expect(batchCrcValid(b, 0, b.length)).to.equal(false);
    expectSamsa(() => validateProducedBatches(b, MAX), 'SAMSA_ERR_CORRUPT_BATCH', ErrorCode.CORRUPT_MESSAGE);
    expectSamsa(() => decodeBatches(b), 'SAMSA_ERR_CORRUPT_BATCH');
  });

  it('assignOffsets sets offsets and epoch; LogAppendTime keeps the CRC valid', () => {
    const a = buildBatch(records(3));
    const b = buildBatch(records(2), { compression: 3 });
    const buf = Buffer.concat([a, b]);
    assignOffsets(buf, 0, 100, { partitionLeaderEpoch: 9 });
    assignOffsets(buf, a.length, 103, { partitionLeaderEpoch: 9, logAppendTime: 1_800_000_000_000 });
    expect(validateProducedBatches(buf, MAX)).to.deep.equal({ batches: 2, records: 5 });
    const [d1, d2] = decodeBatches(buf);
    expect(d1.header.partitionLeaderEpoch).to.equal(9);
    expect(d1.records.map((r) => r.offset)).to.deep.equal([100, 101, 102]);
    expect(d1.header.attributes & 0x08).to.equal(0);
    expect(d2.header.attributes & 0x08).to.equal(0x08);
    expect(d2.header.attributes & 7).to.equal(3);
    expect(d2.header.maxTimestamp).to.equal(1_800_000_000_000);
    expect(d2.records.map((r) => [r.offset, r.timestamp])).to.deep.equal([[103, 1_800_000_000_000], [104, 1_800_000_000_000]]);
    expect(batchCrcValid(buf, a.length, b.length)).to.equal(true);
  });

  describe('validateProducedBatches rejects', () => {
    it('an empty buffer as zero batches', () => {
      expect(validateProducedBatches(Buffer.alloc(0), MAX)).to.deep.equal({ batches: 0, records: 0 });
    });

    it('magic 0 and 1 with UNSUPPORTED_MAGIC, other magics as corrupt', () => {
      for (const magic of [0, 1]) {
        const b = buildBatch(records(2));
        b[16] = magic;
        expectSamsa(() => validateProducedBatches(b, MAX), 'SAMSA_ERR_UNSUPPORTED_MAGIC', ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
      }
      const b = buildBatch(records(2));
      b[16] = 3;
      expectSamsa(() => validateProducedBatches(b, MAX), 'SAMSA_ERR_CORRUPT_BATCH');
    });

    it('truncated batches and headers', () => {
      const b = buildBatch(records(4));
      expectSamsa(() => validateProducedBatches(b.subarray(0, b.length - 1), MAX), 'SAMSA_ERR_CORRUPT_BATCH');
      expectSamsa(() => validateProducedBatches(b.subarray(0, 40), MAX), 'SAMSA_ERR_CORRUPT_BATCH');
      expectSamsa(() => validateProducedBatches(b.subarray(0, 10), MAX), 'SAMSA_ERR_CORRUPT_BATCH');
      expectSamsa(() => validateProducedBatches(Buffer.concat([b, b.subarray(0, 70)]), MAX), 'SAMSA_ERR_CORRUPT_BATCH');
    });

    it('insane batch lengths', () => {
      const b = buildBatch(records(4));
      b.writeInt32BE(20, 8);
      expectSamsa(() => validateProducedBatches(b, MAX), 'SAMSA_ERR_CORRUPT_BATCH');
      b.writeInt32BE(-5, 8);
      expectSamsa(() => validateProducedBatches(b, MAX), 'SAMSA_ERR_CORRUPT_BATCH');
    });

    it('batches above max.message.bytes', () => {
      const b = buildBatch(records(40));
      expectSamsa(() => validateProducedBatches(b, b.length - 1), 'SAMSA_ERR_MESSAGE_TOO_LARGE', ErrorCode.MESSAGE_TOO_LARGE);
      expect(validateProducedBatches(b, b.length).records).to.equal(40);
    });

    it('count mismatches and empty batches', () => {
      const b = buildBatch(records(4));
      b.writeInt32BE(5, 57);
      expectSamsa(() => validateProducedBatches(fixCrc(b), MAX), 'SAMSA_ERR_INVALID_RECORD', ErrorCode.INVALID_RECORD);
      const c = buildBatch(records(4));
      c.writeInt32BE(2, 23);
      expectSamsa(() => validateProducedBatches(fixCrc(c), MAX), 'SAMSA_ERR_INVALID_RECORD');
      const d = buildBatch(records(1)).subarray(0, 61);
      d.writeInt32BE(49, 8);
      d.writeInt32BE(0, 57);
      d.writeInt32BE(-1, 23);
      expectSamsa(() => validateProducedBatches(fixCrc(d), MAX), 'SAMSA_ERR_INVALID_RECORD');
    });

    it('records that do not parse exactly to the batch end', () => {
      // extra trailing byte inside the batch
      const b = buildBatch(records(3));
      const longer = Buffer.concat([b, Buffer.from([0])]);
      longer.writeInt32BE(longer.length - 12, 8);
      expectSamsa(() => validateProducedBatches(fixCrc(longer), MAX), 'SAMSA_ERR_INVALID_RECORD');
      // last record cut short (batch length shrunk consistently)
      const shorter = Buffer.from(b.subarray(0, b.length - 2));
      shorter.writeInt32BE(shorter.length - 12, 8);
      expectSamsa(() => validateProducedBatches(fixCrc(shorter), MAX), 'SAMSA_ERR_INVALID_RECORD');
      // a record length that lies
      const lying = buildBatch([{ key: null, value: Buffer.from('abc') }]);
      lying[61] += 2; // zigzag length + 1
      expectSamsa(() => validateProducedBatches(fixCrc(lying), MAX), 'SAMSA_ERR_INVALID_RECORD');
      // a wrong offset delta
      const delta = buildBatch([{ key: null, value: Buffer.from('a') }, { key: null, value: Buffer.from('b') }]);
      delta[61 + 1 + 1 + 1] = 4; // second byte after length/attr/tsDelta: offsetDelta of record 0 → 2
      expectSamsa(() => validateProducedBatches(fixCrc(delta), MAX), 'SAMSA_ERR_INVALID_RECORD');
    });

    it('malformed records inside a compressed batch', () => {
      const b = buildBatch(records(3), { compression: 1 });
      b.writeInt32BE(4, 57);
      b.writeInt32BE(3, 23);
      expectSamsa(() => validateProducedBatches(fixCrc(b), MAX), 'SAMSA_ERR_INVALID_RECORD');
    });

    it('unknown codecs and undecodable compressed data as CORRUPT_MESSAGE', () => {
      const b = buildBatch(records(3));
      b.writeInt16BE(5, 21);
      expectSamsa(() => validateProducedBatches(fixCrc(b), MAX), 'SAMSA_ERR_CORRUPT_BATCH', ErrorCode.CORRUPT_MESSAGE);
      const c = buildBatch(records(3));
      c.writeInt16BE(4, 21); // claims zstd, holds plain records
      expectSamsa(() => validateProducedBatches(fixCrc(c), MAX), 'SAMSA_ERR_CORRUPT_BATCH', ErrorCode.CORRUPT_MESSAGE);
    });

    it('control batches from clients', () => {
      const b = buildBatch(records(1));
      b.writeInt16BE(0x20, 21);
      expectSamsa(() => validateProducedBatches(fixCrc(b), MAX), 'SAMSA_ERR_INVALID_RECORD');
    });

    it('a bad second batch even when the first is fine', () => {
      const a = buildBatch(records(2));
      const b = buildBatch(records(2));
      b[b.length - 1] ^= 1;
      expectSamsa(() => validateProducedBatches(Buffer.concat([a, b]), MAX), 'SAMSA_ERR_CORRUPT_BATCH');
    });
  });

  it('rejects empty record lists when building', () => {
    expectSamsa(() => buildBatch([]), 'SAMSA_ERR_INVALID_RECORD');
  });
});
