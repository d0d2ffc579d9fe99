import { expect } from 'chai';
import { murmur2, partitionForKey, toPositive, StickyPartitioner } from '../../../src/client/partitioner';

describe('client/partitioner', () => {
  it('murmur2 matches the Java client test vectors (Utils.murmur2)', () => {
    const cases: [Uint8Array, number][] = [
      [Buffer.from('21'), -973932308],
      [Buffer.from('foobar'), -790332482],
      [Buffer.from('a-little-bit-long-string'), -985981536],
      [Buffer.from('a-little-bit-longer-string'), -1486304829],
      [Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
      [Buffer.from([0x61, 0x62, 0x63]), 479470107],
    ];
    for (const [key, want] of cases) expect(murmur2(key), key.toString()).to.equal(want);
  });

  it('agrees with kafkajs\'s Java-compatible murmur2 on many keys, including bytes >= 0x80', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const ref: (k: Buffer) => number = require('kafkajs/src/producer/partitioners/default/murmur2');
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 500; i++) {
      const len = Math.floor(rnd() * 40);
      const key = Buffer.alloc(len);
      for (let j = 0; j < len; j++) key[j] = Math.floor(rnd() * 256);
      expect(murmur2(key), key.toString('hex')).to.equal(ref(key));
    }
  });

  it('partitionForKey = toPositive(murmur2) % n', () => {
    expect(toPositive(-973932308)).to.equal(-973932308 & 0x7fffffff);
    expect(partitionForKey(Buffer.from('21'), 4)).to.equal((-973932308 & 0x7fffffff) % 4);
    expect(partitionForKey(Buffer.from('foobar'), 7)).to.equal((-790332482 & 0x7fffffff) % 7);
    expect(partitionForKey(Buffer.alloc(0), 3)).to.equal(toPositive(murmur2(Buffer.alloc(0))) % 3);
  });

  it('sticky partitioner keeps a partition until its batch closes, then moves', () => {
    const values = [0.1, 0.1, 0.6];
    const sp = new StickyPartitioner(() => values.shift() ?? 0.9);
    const first = sp.partition('t', 4);
    expect(sp.partition('t', 4)).to.equal(first);
    sp.onBatchClosed('t', 4, first);
    const second = sp.partition('t', 4);
    expect(second).to.not.equal(first);
    sp.onBatchClosed('t', 4, (second + 1) % 4); // another partition's batch: no move
    expect(sp.partition('t', 4)).to.equal(second);
    expect(sp.partition('t', 1)).to.equal(0);
  });
});
