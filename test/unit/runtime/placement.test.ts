// Placement: every partition has one owner; a topic's partitions spread over handlers; stable.
import { expect } from 'chai';
import { Placement, topicHash } from '../../../src/runtime/placement';

describe('runtime/placement', () => {
  it('refuses fewer than one handler', () => {
    for (const n of [0, -1, 1.5, NaN]) expect(() => new Placement(n)).to.throw(/at least one handler/);
  });

  it('FNV-1a topic hash: known values, unsigned 32-bit', () => {
    expect(topicHash('')).to.equal(0x811c9dc5);
    expect(topicHash('a')).to.equal(0xe40c292c);
    expect(topicHash('foobar')).to.equal(0xbf9cf968);
    for (const t of ['x', 'orders', 'a'.repeat(249), '__consumer_offsets']) {
      const h = topicHash(t);
      expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).to.equal(true);
    }
  });

  it('spreads the partitions of one topic evenly, consecutive partitions on different handlers', () => {
    for (const handlers of [1, 2, 3, 4, 7]) {
      const pl = new Placement(handlers);
      for (const topic of ['orders', 'payments', 't', 'a.b_c-d']) {
        const counts = new Array(handlers).fill(0);
        for (let p = 0; p < handlers * 5; p++) {
          const o = pl.ownerOf(topic, p);
          expect(o).to.be.within(0, handlers - 1);
          counts[o]++;
          if (handlers > 1 && p > 0) expect(o).to.not.equal(pl.ownerOf(topic, p - 1));
        }
        expect(counts).to.deep.equal(new Array(handlers).fill(5));
      }
    }
  });

  it('different topics start on different handlers, so single-partition topics spread too', () => {
    const pl = new Placement(4);
    const used = new Set(Array.from({ length: 64 }, (_, i) => pl.ownerOf(`topic-${i}`, 0)));
    expect(used.size).to.equal(4);
  });

  it('is stable: same answer from another instance, run after run', () => {
    const a = new Placement(5);
    const b = new Placement(5);
    const snapshot = ['orders', 'x', 'metrics.cpu'].map((t) => [0, 1, 2, 3, 10, 999].map((p) => a.ownerOf(t, p)));
    expect(['orders', 'x', 'metrics.cpu'].map((t) => [0, 1, 2, 3, 10, 999].map((p) => b.ownerOf(t, p)))).to.deep.equal(snapshot);
    // pinned values: a change of hash or formula moves partitions between handlers across restarts
    expect([0, 1, 2].map((p) => new Placement(3).ownerOf('metrics.cpu', p))).to.deep.equal([1, 2, 0]);
    expect([0, 1, 2, 3, 4].map((p) => a.ownerOf('orders', p))).to.deep.equal([0, 1, 2, 3, 4]);
  });
});
