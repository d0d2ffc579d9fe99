import { expect } from 'chai';
import { Accumulator, Delivery, estimateRecordSize, BATCH_OVERHEAD } from '../../../src/client/accumulator';

const rec = (n: number) => ({ key: null, value: Buffer.alloc(n) });
const d = (): Delivery<number> => ({ resolve: () => {}, reject: () => {} });

describe('client/accumulator', () => {
  it('keeps records of a partition in one batch until linger expires', () => {
    const acc = new Accumulator<number>({ batchSize: 16384, lingerMs: 10 });
    for (let i = 0; i < 5; i++) expect(acc.append('t', 0, rec(10), d(), 1000 + i)).to.deep.equal([]);
    expect(acc.append('t', 1, rec(10), d(), 1003)).to.deep.equal([]);
    expect(acc.openCount).to.equal(2);
    expect(acc.expired(1009)).to.deep.equal([]);
    expect(acc.nextExpiry(1005)).to.equal(5);
    const out = acc.expired(1010);
    expect(out).to.have.length(1);
    expect(out[0]).to.include({ topic: 't', partition: 0 });
    expect(out[0].records).to.have.length(5);
    expect(acc.expired(1011, 1)).to.deep.equal([]);
    expect(acc.expired(1011, 2).map((b) => b.partition)).to.deep.equal([1]);
    expect(acc.nextExpiry(2000)).to.equal(null);
  });

  it('closes a batch when it reaches batch.size', () => {
    const size = estimateRecordSize(rec(100));
    const acc = new Accumulator<number>({ batchSize: BATCH_OVERHEAD + 3 * size, lingerMs: 1000 });
    expect(acc.append('t', 0, rec(100), d(), 0)).to.have.length(0);
    expect(acc.append('t', 0, rec(100), d(), 0)).to.have.length(0);
    const closed = acc.append('t', 0, rec(100), d(), 0);
    expect(closed).to.have.length(1);
    expect(closed[0].records).to.have.length(3);
    expect(acc.openCount).to.equal(0);
  });

  it('starts a new batch when the next record would not fit', () => {
    const acc = new Accumulator<number>({ batchSize: 300, lingerMs: 1000 });
    expect(acc.append('t', 0, rec(150), d(), 0)).to.have.length(0);
    const closed = acc.append('t', 0, rec(150), d(), 0);
    expect(closed).to.have.length(1);
    expect(closed[0].records).to.have.length(1);
    expect(acc.openCount).to.equal(1);
  });

  it('a record larger than batch.size gets a batch of its own', () => {
    const acc = new Accumulator<number>({ batchSize: 100, lingerMs: 1000 });
    const closed = acc.append('t', 0, rec(500), d(), 0);
    expect(closed).to.have.length(1);
    expect(closed[0].records).to.have.length(1);
  });

  it('drainAll closes everything (flush)', () => {
    const acc = new Accumulator<number>({ batchSize: 16384, lingerMs: 1000 });
    acc.append('a', 0, rec(1), d(), 0);
    acc.append('b', 0, rec(1), d(), 0);
    acc.append('a', 0, rec(1), d(), 0);
    const all = acc.drainAll();
    expect(all.map((b) => `${b.topic}:${b.records.length}`).sort()).to.deep.equal(['a:2', 'b:1']);
    expect(acc.openCount).to.equal(0);
  });

  it('estimates record size including key and headers', () => {
    const base = estimateRecordSize({ key: null, value: null });
    expect(estimateRecordSize({ key: Buffer.alloc(5), value: Buffer.alloc(7) })).to.equal(base + 12);
    expect(estimateRecordSize({ key: null, value: null, headers: [{ key: 'ab', value: Buffer.alloc(3) }] })).to.be.greaterThan(base + 5);
  });
});
