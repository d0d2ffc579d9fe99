import { expect } from 'chai';
import {
  decodeGroupValue, decodeKey, decodeOffsetValue, encodeGroupValue, encodeOffsetValue, groupKey, offsetKey, type GroupValue,
} from '../../../../src/actors/group-coordinator/records';
import { Writer } from '../../../../src/protocol/writer';

describe('group coordinator: __consumer_offsets records', () => {
  it('keys: OffsetCommitKey v1 and GroupMetadataKey v2, byte for byte', () => {
    expect(offsetKey('g', 't', 5).toString('hex')).to.equal('0001' + '0001' + '67' + '0001' + '74' + '00000005');
    expect(groupKey('grp').toString('hex')).to.equal('0002' + '0003' + '677270');
    expect(decodeKey(offsetKey('g', 't', 5))).to.deep.equal({ kind: 'offset', version: 1, group: 'g', topic: 't', partition: 5 });
    // Version 0 keys (older brokers) have the same layout.
    const v0 = Buffer.from(offsetKey('g', 't', 5));
    v0.writeInt16BE(0, 0);
    expect(decodeKey(v0)).to.deep.equal({ kind: 'offset', version: 0, group: 'g', topic: 't', partition: 5 });
    expect(decodeKey(groupKey('grp'))).to.deep.equal({ kind: 'group', version: 2, group: 'grp' });
    expect(decodeKey(Buffer.from('000300016b', 'hex'))).to.deep.equal({ kind: 'other', version: 3 });
  });

  it('OffsetCommitValue: v3 without an expire timestamp, v1 with one, byte for byte', () => {
    const v3 = encodeOffsetValue({ offset: 7, leaderEpoch: 2, metadata: 'm', commitTimestamp: 1000, expireTimestamp: -1 });
    expect(v3.toString('hex')).to.equal('0003' + '0000000000000007' + '00000002' + '0001' + '6d' + '00000000000003e8');
    const v1 = encodeOffsetValue({ offset: 7, leaderEpoch: 2, metadata: '', commitTimestamp: 1000, expireTimestamp: 2000 });
    expect(v1.toString('hex')).to.equal('0001' + '0000000000000007' + '0000' + '00000000000003e8' + '00000000000007d0');
    expect(decodeOffsetValue(v3)).to.deep.equal({ offset: 7, leaderEpoch: 2, metadata: 'm', commitTimestamp: 1000, expireTimestamp: -1 });
    expect(decodeOffsetValue(v1)).to.deep.equal({ offset: 7, leaderEpoch: -1, metadata: '', commitTimestamp: 1000, expireTimestamp: 2000 });
  });

  it('OffsetCommitValue: reads v0, v2 and the flexible v4', () => {
    const v0 = new Writer().int16(0).int64(9).string('x').int64(5).toBuffer();
    expect(decodeOffsetValue(v0)).to.deep.equal({ offset: 9, leaderEpoch: -1, metadata: 'x', commitTimestamp: 5, expireTimestamp: -1 });
    const v2 = new Writer().int16(2).int64(9).string('x').int64(5).toBuffer();
    expect(decodeOffsetValue(v2).offset).to.equal(9);
    const v4 = new Writer().int16(4).int64(9).int32(3).compactString('meta').int64(5)
      .uvarint(1).uvarint(7).uvarint(2).raw(Buffer.from([1, 2])) // one unknown tagged field
      .toBuffer();
    expect(decodeOffsetValue(v4)).to.deep.equal({ offset: 9, leaderEpoch: 3, metadata: 'meta', commitTimestamp: 5, expireTimestamp: -1 });
  });

  it('GroupMetadataValue v3 round-trips members, and reads v0 and the flexible v4', () => {
    const value: GroupValue = {
      protocolType: 'consumer', generation: 4, protocol: 'range', leader: 'm1', currentStateTimestamp: 123456,
      members: [
        { memberId: 'm1', groupInstanceId: null, clientId: 'c1', clientHost: '/1.2.3.4', rebalanceTimeout: 30000, sessionTimeout: 10000, subscription: Buffer.from('sub'), assignment: Buffer.from('asg') },
        { memberId: 'm2', groupInstanceId: 'i2', clientId: 'c2', clientHost: '/5.6.7.8', rebalanceTimeout: 60000, sessionTimeout: 45000, subscription: Buffer.alloc(0), assignment: Buffer.alloc(0) },
      ],
    };
    const buf = encodeGroupValue(value);
    expect(buf.readInt16BE(0)).to.equal(3);
    expect(decodeGroupValue(buf)).to.deep.equal(value);
    const empty = encodeGroupValue({ protocolType: '', generation: 0, protocol: null, leader: null, currentStateTimestamp: -1, members: [] });
    expect(empty.toString('hex')).to.equal('0003' + '0000' + '00000000' + 'ffff' + 'ffff' + 'ffffffffffffffff' + '00000000');

    const v0 = new Writer().int16(0).string('consumer').int32(1).nullableString('range').nullableString('a')
      .int32(1).string('a').string('cid').string('host').int32(9000).bytes(Buffer.from('s')).bytes(Buffer.from('x')).toBuffer();
    const d0 = decodeGroupValue(v0);
    expect(d0.members[0]).to.deep.include({ memberId: 'a', groupInstanceId: null, sessionTimeout: 9000, rebalanceTimeout: 9000 });
    expect(d0.currentStateTimestamp).to.equal(-1);

    const v4 = new Writer().int16(4).compactString('consumer').int32(2).compactNullableString('range').compactNullableString(null).int64(77)
      .uvarint(2).compactString('a').compactNullableString('inst').compactString('cid').compactString('host').int32(1).int32(2)
      .compactBytes(Buffer.from('s')).compactBytes(Buffer.from('x')).uvarint(0)
      .uvarint(0).toBuffer();
    const d4 = decodeGroupValue(v4);
    expect(d4).to.deep.include({ protocolType: 'consumer', generation: 2, protocol: 'range', leader: null, currentStateTimestamp: 77 });
    expect(d4.members[0]).to.deep.include({ memberId: 'a', groupInstanceId: 'inst', rebalanceTimeout: 1, sessionTimeout: 2 });
  });

  it('refuses truncated or unknown versions', () => {
    expect(() => decodeOffsetValue(Buffer.from('0003000000', 'hex'))).to.throw();
    expect(() => decodeOffsetValue(Buffer.from('0009', 'hex'))).to.throw();
    expect(() => decodeGroupValue(Buffer.from('00030001', 'hex'))).to.throw();
  });
});
