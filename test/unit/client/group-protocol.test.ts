import { expect } from 'chai';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from '../../../src/client/group/consumer-protocol';

describe('client/group consumer protocol bytes', () => {
  it('subscription v0..v3 round trip, fields of later versions only from their version on', () => {
    const s = { topics: ['a', 'b'], userData: Buffer.from('ud'), ownedPartitions: [{ topic: 'a', partition: 1 }, { topic: 'a', partition: 0 }], generationId: 7, rackId: 'r1' };
    for (let v = 0; v <= 3; v++) {
      const buf = encodeSubscription(s, v);
      expect(buf.readInt16BE(0)).to.equal(v);
      const d = decodeSubscription(buf);
      expect(d.version).to.equal(v);
      expect(d.topics).to.deep.equal(['a', 'b']);
      expect(d.userData).to.deep.equal(Buffer.from('ud'));
      expect(d.ownedPartitions).to.deep.equal(v >= 1 ? [{ topic: 'a', partition: 0 }, { topic: 'a', partition: 1 }] : []);
      expect(d.generationId).to.equal(v >= 2 ? 7 : -1);
      expect(d.rackId).to.equal(v >= 3 ? 'r1' : null);
    }
  });

  it('subscription v0 bytes are exactly version, topics, user data', () => {
    const buf = encodeSubscription({ topics: ['t'] }, 0);
    // int16 0 | int32 1 | int16 1 't' | int32 -1 (null user data)
    expect(buf.toString('hex')).to.equal('0000' + '00000001' + '0001' + '74' + 'ffffffff');
  });

  it('a newer subscription version is read as the newest known one (extra bytes ignored)', () => {
    const v3 = encodeSubscription({ topics: ['x'], generationId: 3, rackId: null }, 3);
    const v9 = Buffer.concat([v3, Buffer.from([1, 2, 3, 4])]);
    v9.writeInt16BE(9, 0);
    const d = decodeSubscription(v9);
    expect(d.version).to.equal(9);
    expect(d.topics).to.deep.equal(['x']);
    expect(d.generationId).to.equal(3);
    expect(() => decodeSubscription(Buffer.from([0xff, 0xff]))).to.throw(/negative version/);
    expect(() => decodeSubscription(Buffer.from([0]))).to.throw(/shorter/);
  });

  it('assignment round trip for every version; partitions grouped by topic', () => {
    const partitions = [{ topic: 'b', partition: 2 }, { topic: 'a', partition: 1 }, { topic: 'b', partition: 0 }];
    for (let v = 0; v <= 3; v++) {
      const buf = encodeAssignment({ partitions, userData: null }, v);
      expect(buf.readInt16BE(0)).to.equal(v);
      expect(decodeAssignment(buf)).to.deep.equal({
        partitions: [{ topic: 'b', partition: 0 }, { topic: 'b', partition: 2 }, { topic: 'a', partition: 1 }], userData: null,
      });
    }
  });

  it('assignment v0 bytes; empty bytes are an empty assignment', () => {
    const buf = encodeAssignment({ partitions: [{ topic: 't', partition: 3 }] }, 0);
    expect(buf.toString('hex')).to.equal('0000' + '00000001' + '0001' + '74' + '00000001' + '00000003' + 'ffffffff');
    expect(decodeAssignment(Buffer.alloc(0))).to.deep.equal({ partitions: [], userData: null });
    expect(decodeAssignment(null)).to.deep.equal({ partitions: [], userData: null });
  });
});
