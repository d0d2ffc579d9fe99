import { expect } from 'chai';
import { getCodec } from '../../../src/protocol/codec';
import { Writer } from '../../../src/protocol/writer';

describe('protocol codecs: tagged fields', () => {
  const fetchResp = getCodec(1, 12, 'response');

  it('decodes known tagged fields by name and leaves defaults when absent', () => {
    const bytes = fetchResp.encode({
      responses: [{ topic: 't', partitions: [{ partitionIndex: 3, currentLeader: { leaderId: 7, leaderEpoch: 9 }, records: null }] }],
    });
    const p = fetchResp.decode(bytes).responses[0].partitions[0];
    expect(p.currentLeader).to.deep.equal({ leaderId: 7, leaderEpoch: 9 });
    expect(p.divergingEpoch).to.deep.equal({ epoch: -1, endOffset: -1 });
    expect(p.snapshotId).to.deep.equal({ endOffset: -1, epoch: -1 });
    expect(p).to.not.have.property('_unknownTags');
  });

  it('does not emit tagged fields whose value equals the default', () => {
    const a = fetchResp.encode({ responses: [{ topic: 't', partitions: [{ records: null }] }] });
    const b = fetchResp.encode({ responses: [{ topic: 't', partitions: [{ records: null, currentLeader: { leaderId: -1, leaderEpoch: -1 } }] }] });
    expect(b.equals(a)).to.equal(true);
  });

  it('preserves unknown tagged fields byte-identically, merged in tag order with known ones', () => {
    const value = {
      throttleTimeMs: 5,
      _unknownTags: [{ tag: 9, data: Buffer.from([1, 2, 3]) }, { tag: 1, data: Buffer.alloc(0) }],
      responses: [{
        topic: 'orders',
        partitions: [{
          partitionIndex: 0, highWatermark: 10, records: Buffer.from('xyz'),
          divergingEpoch: { epoch: 4, endOffset: 40, _unknownTags: [{ tag: 0, data: Buffer.from([0xff]) }] },
          snapshotId: { endOffset: 1, epoch: 2 },
          _unknownTags: [{ tag: 5, data: Buffer.from('five') }, { tag: 300, data: Buffer.alloc(200, 1) }],
        }],
        _unknownTags: [{ tag: 0, data: Buffer.from([42]) }],
      }],
    };
    const bytes = fetchResp.encode(value);
    const decoded = fetchResp.decode(bytes);
    expect(decoded._unknownTags).to.deep.equal([{ tag: 1, data: Buffer.alloc(0) }, { tag: 9, data: Buffer.from([1, 2, 3]) }]);
    const p = decoded.responses[0].partitions[0];
    expect(p._unknownTags).to.deep.equal([{ tag: 5, data: Buffer.from('five') }, { tag: 300, data: Buffer.alloc(200, 1) }]);
    expect(p.divergingEpoch._unknownTags).to.deep.equal([{ tag: 0, data: Buffer.from([0xff]) }]);
    expect(decoded.responses[0]._unknownTags).to.deep.equal([{ tag: 0, data: Buffer.from([42]) }]);
    expect(fetchResp.encode(decoded).equals(bytes)).to.equal(true);
  });

  it('round-trips hand-built bytes mixing known and unknown tags', () => {
    // ApiVersions v3 response: errorCode, apiKeys[], throttleTimeMs,
    // tags {0: supportedFeatures, 3: zkMigrationReady, 7: unknown}
    const head = (w: Writer): Writer => w.int16(0).uvarint(2).int16(18).int16(0).int16(4).uvarint(0).int32(0);
    const w = head(new Writer()).uvarint(3);
    const feat = new Writer().uvarint(2).compactString('kraft.version').int16(0).int16(1).uvarint(0).toBuffer();
    w.uvarint(0).uvarint(feat.length).raw(feat);
    w.uvarint(3).uvarint(1).bool(true);
    w.uvarint(7).uvarint(3).raw(Buffer.from([7, 7, 7]));
    const bytes = w.toBuffer();
    const c = getCodec(18, 3, 'response');
    const d = c.decode(bytes);
    expect(d.apiKeys).to.deep.equal([{ apiKey: 18, minVersion: 0, maxVersion: 4 }]);
    expect(d.supportedFeatures).to.deep.equal([{ name: 'kraft.version', minVersion: 0, maxVersion: 1 }]);
    expect(d.zkMigrationReady).to.equal(true);
    expect(d.finalizedFeaturesEpoch).to.equal(-1);
    expect(d._unknownTags).to.deep.equal([{ tag: 7, data: Buffer.from([7, 7, 7]) }]);
    expect(c.encode(d).toString('hex')).to.equal(bytes.toString('hex'));
    // the same known field with its default value is dropped on re-encode, the unknown one kept
    d.zkMigrationReady = false;
    const expected = head(new Writer()).uvarint(2).uvarint(0).uvarint(feat.length).raw(feat)
      .uvarint(7).uvarint(3).raw(Buffer.from([7, 7, 7])).toBuffer();
    expect(c.encode(d).toString('hex')).to.equal(expected.toString('hex'));
  });

  it('ignores _unknownTags in non-flexible versions', () => {
    const c = getCodec(1, 11, 'response');
    const a = c.encode({ responses: [], _unknownTags: [{ tag: 3, data: Buffer.from([1]) }] });
    expect(a.equals(c.encode({ responses: [] }))).to.equal(true);
  });
});
