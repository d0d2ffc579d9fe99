import { expect } from 'chai';
import { BatchFactory, recordsPerBatch } from '../../../src/perf/batch-factory';
import { makePayload, readEmbedded } from '../../../src/perf/payload';
import { decodeBatches, validateProducedBatches } from '../../../src/protocol/record-batch';

describe('perf/batch-factory', () => {
  it('fits as many records as batch.size allows, at least one', () => {
    // 100-byte value: 1 + 1 + 1 + 1 + 2 + 100 + 1 = 107-byte body (+1 length byte), offset deltas >= 64 take 2 bytes
    const n = recordsPerBatch(16384, 100);
    expect(n).to.be.within(145, 152);
    const f = new BatchFactory({ payload: makePayload(100), codec: 0, batchSize: 16384, embed: false });
    expect(f.uniform(n, Date.now()).buf.length).to.be.at.most(16384);
    expect(recordsPerBatch(0, 100)).to.equal(1);
    expect(recordsPerBatch(10, 5000)).to.equal(1);
  });

  for (const codec of [0, 1, 2, 3, 4] as const) {
    it(`uniform batches (codec ${codec}) are valid, carry the payload and are re-stamped on reuse`, () => {
      const payload = makePayload(100);
      const f = new BatchFactory({ payload, codec, batchSize: 16384, embed: false });
      const a = f.uniform(f.perBatch, 1_700_000_000_123.7);
      expect(validateProducedBatches(a.buf, 10_000_000)).to.deep.equal({ batches: 1, records: f.perBatch });
      const [d] = decodeBatches(a.buf);
      expect(d.header.attributes & 7).to.equal(codec);
      expect(d.header.baseTimestamp).to.equal(1_700_000_000_123);
      expect(d.records).to.have.length(f.perBatch);
      expect(d.records[5].value!.equals(payload)).to.equal(true);
      expect(d.records[5].key).to.equal(null);
      expect(d.records[f.perBatch - 1].offset).to.equal(f.perBatch - 1);
      const buf = a.buf;
      a.release();
      const b = f.uniform(f.perBatch, 1_700_000_000_999);
      expect(b.buf).to.equal(buf); // the pooled buffer came back
      expect(validateProducedBatches(b.buf, 10_000_000).records).to.equal(f.perBatch);
      expect(decodeBatches(b.buf)[0].header.maxTimestamp).to.equal(1_700_000_000_999);
      const c = f.uniform(3, 5); // a short batch has its own template
      expect(validateProducedBatches(c.buf, 10_000_000).records).to.equal(3);
    });

    it(`spread batches (codec ${codec}) have per-record timestamps and embedded send times`, () => {
      const f = new BatchFactory({ payload: makePayload(64), codec, batchSize: 4096, embed: true });
      const t0 = 1_700_000_000_000.25;
      const b = f.spread(40, t0, 0.5);
      expect(validateProducedBatches(b.buf, 10_000_000).records).to.equal(40);
      const [d] = decodeBatches(b.buf);
      expect(d.records).to.have.length(40);
      for (let i = 0; i < 40; i++) {
        const r = d.records[i];
        expect(r.timestamp).to.equal(Math.floor(t0 + i * 0.5));
        expect(readEmbedded(r.value!, 0, r.value!.length, t0 + 1000)).to.equal(t0 + i * 0.5);
        expect(r.value).to.have.length(64);
      }
      expect(d.header.maxTimestamp).to.equal(Math.floor(t0 + 39 * 0.5));
      b.release();
    });
  }

  it('does not embed send times in values shorter than 8 bytes', () => {
    const payload = Buffer.from('abcd');
    const f = new BatchFactory({ payload, codec: 0, batchSize: 1024, embed: true });
    const [d] = decodeBatches(f.spread(3, 1000, 1).buf);
    expect(d.records.map((r) => r.value!.toString())).to.deep.equal(['abcd', 'abcd', 'abcd']);
    expect(d.records.map((r) => r.timestamp)).to.deep.equal([1000, 1001, 1002]);
  });

  it('makes upper-case letter payloads of the requested size', () => {
    const p = makePayload(1000);
    expect(p).to.have.length(1000);
    expect(/^[A-Z]+$/.test(p.toString('latin1'))).to.equal(true);
    expect(makePayload(0)).to.have.length(0);
  });
});
