import { expect } from 'chai';
import { groupPartition, javaStringHashCode } from '../../../../src/actors/group-coordinator/group-partition';

/** Java's String.hashCode computed the slow way: sum of c[i]·31^(n-1-i) over UTF-16 units, mod 2^32, signed. */
function referenceHash(s: string): number {
  let h = BigInt(0);
  for (let i = 0; i < s.length; i++) h = (h * BigInt(31) + BigInt(s.charCodeAt(i))) % (BigInt(1) << BigInt(32));
  return Number(BigInt.asIntN(32, h));
}

describe('group coordinator: groupPartition', () => {
  it('String.hashCode matches known Java values', () => {
    expect(javaStringHashCode('')).to.equal(0);
    expect(javaStringHashCode('a')).to.equal(97);
    expect(javaStringHashCode('Aa')).to.equal(2112);
    expect(javaStringHashCode('BB')).to.equal(2112);
    // 'h'·31⁴ + 'e'·31³ + 'l'·31² + 'l'·31 + 'o' = 104·923521 + 101·29791 + 108·961 + 108·31 + 111
    expect(104 * 923521 + 101 * 29791 + 108 * 961 + 108 * 31 + 111).to.equal(99162322);
    expect(javaStringHashCode('hello')).to.equal(99162322);
    expect(javaStringHashCode('polygenelubricants')).to.equal(-2147483648);
    for (const s of ['my-group', 'console-consumer-52347', 'grüppe-😀', 'x'.repeat(1000), 'GydZG_']) {
      expect(javaStringHashCode(s), s).to.equal(referenceHash(s));
    }
  });

  it('is Utils.abs(hashCode) % partitions, where Integer.MIN_VALUE maps to 0', () => {
    expect(groupPartition('hello', 50)).to.equal(99162322 % 50);
    expect(groupPartition('polygenelubricants', 50)).to.equal(0);
    expect(groupPartition('GydZG_', 7)).to.equal(0);
    // A negative hash: abs, not masking the sign bit (which would give 36 here).
    expect(referenceHash('my-group')).to.equal(-1906497762);
    expect(groupPartition('my-group', 50)).to.equal(1906497762 % 50);
    expect(groupPartition('my-group', 50)).to.not.equal((-1906497762 & 0x7fffffff) % 50);
    expect(groupPartition('', 50)).to.equal(0);
    expect(groupPartition('anything', 1)).to.equal(0);
    expect(() => groupPartition('g', 0)).to.throw(RangeError);
  });
});

describe('group coordinator: groupConfigFrom', () => {
  it('maps the broker keys, retention from minutes to ms', async () => {
    const { buildServerConfig } = await import('../../../../src/config/server-config');
    const { groupConfigFrom } = await import('../../../../src/actors/group-coordinator/group-config');
    const { config } = buildServerConfig({ 'offsets.retention.minutes': '2', 'group.max.size': '7' });
    expect(groupConfigFrom(config)).to.deep.equal({
      minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 1800000, initialRebalanceDelayMs: 3000, maxSize: 7,
      offsetsRetentionMs: 120000, offsetsRetentionCheckIntervalMs: 600000, offsetMetadataMaxBytes: 4096,
    });
  });
});
