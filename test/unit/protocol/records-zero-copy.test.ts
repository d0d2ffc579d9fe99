import { expect } from 'chai';
import { ApiKey } from '../../../src/protocol/apis';
import { getCodec } from '../../../src/protocol/codec';
import { decodeRequestBody, decodeRequestHeader, encodeRequestFrame, encodeResponseFrame } from '../../../src/protocol/header';

describe('protocol codecs: records fields', () => {
  for (const version of [3, 9]) {
    it(`Produce v${version} records decode to a slice sharing the input's memory`, () => {
      const records = Buffer.alloc(16 * 1024, 0xab);
      const frame = Buffer.concat(encodeRequestFrame(ApiKey.Produce, version, 1, 'c', {
        transactionalId: null, acks: -1, timeoutMs: 1000,
        topicData: [{ name: 't', partitionData: [{ index: 0, records }, { index: 1, records: null }] }],
      }));
      const { header, bodyOffset } = decodeRequestHeader(frame, 4);
      const req = decodeRequestBody(header, frame, bodyOffset);
      const got: Buffer = req.topicData[0].partitionData[0].records;
      expect(got.equals(records)).to.equal(true);
      expect(got.buffer).to.equal(frame.buffer);
      expect(got.byteOffset).to.be.greaterThan(frame.byteOffset);
      frame[got.byteOffset - frame.byteOffset] = 0x01;
      expect(got[0]).to.equal(0x01);
      expect(req.topicData[0].partitionData[1].records).to.equal(null);
    });
  }

  it('passes large records through encode without copying them', () => {
    const parts = Array.from({ length: 10 }, (_, i) => ({ partitionIndex: i, highWatermark: 100, records: Buffer.alloc(4096, i) }));
    const chunks = encodeResponseFrame(ApiKey.Fetch, 12, 1, { responses: [{ topic: 't', partitions: parts }] });
    for (const p of parts) expect(chunks.includes(p.records), `partition ${p.partitionIndex}`).to.equal(true);
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(chunks[0].readInt32BE(0)).to.equal(total - 4);
  });

  it('accepts a list of Buffers for a records field', () => {
    const c = getCodec(ApiKey.Fetch, 4, 'response');
    const a = Buffer.from('hello ');
    const b = Buffer.from('world');
    const one = c.encode({ responses: [{ topic: 't', partitions: [{ records: Buffer.concat([a, b]) }] }] });
    const many = c.encode({ responses: [{ topic: 't', partitions: [{ records: [a, b] }] }] });
    expect(many.equals(one)).to.equal(true);
  });
});
