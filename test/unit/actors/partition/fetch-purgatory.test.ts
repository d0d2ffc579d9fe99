// FetchPurgatory on real partition logs: immediate answers, parking, wake-ups by append,
// by wake(origin, fid), by deadline and by completeAll; errors answer at once.
import { expect } from 'chai';
import { FetchPurgatory, type FetchEnvelope } from '../../../../src/actors/partition/fetch-purgatory';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { batch, offsetsOf, valuesOf } from '../helpers';
import { PartitionRig, Replies, recordsOf } from './rig';

const MB = 1 << 20;

function env(fid: number, parts: FetchEnvelope['parts'], over: Partial<FetchEnvelope> = {}): FetchEnvelope {
  return { fid, maxWaitMs: 60000, minBytes: 1, maxBytes: 50 * MB, parts, ...over };
}

describe('actors/partition: FetchPurgatory', () => {
  let rig: PartitionRig;
  let purgatory: FetchPurgatory;
  beforeEach(() => {
    rig = new PartitionRig();
    purgatory = new FetchPurgatory(rig.lookup);
  });
  afterEach(() => {
    purgatory.completeAll();
    rig.cleanup();
  });

  it('answers at once when minBytes is already there', () => {
    const a = rig.open('t', 0);
    a.produce(batch(3, 'a'));
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 1, MB, -1]]), r.fn);
    expect(r.got).to.have.length(1);
    const [code, hw, lso, len] = r.got[0].env.parts[0];
    expect([code, hw, lso]).to.deep.equal([0, 3, 0]);
    expect(len).to.equal(r.got[0].payload!.length);
    // whole batches: the batch holding offset 1 comes back from its start
    expect(offsetsOf(recordsOf(r.got[0], 0))).to.deep.equal([0, 1, 2]);
    expect(purgatory.size).to.equal(0);
  });

  it('answers at once when maxWaitMs is 0, even with nothing to return', () => {
    rig.open('t', 0);
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 0, MB, -1]], { maxWaitMs: 0 }), r.fn);
    expect(r.got).to.have.length(1);
    expect(r.got[0].env.parts[0]).to.deep.equal([0, 0, 0, 0]);
  });

  it('parks a fetch at the log end until an append to a watched partition wakes it', () => {
    const a = rig.open('t', 0);
    const other = rig.open('u', 0);
    a.produce(batch(2, 'old'));
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 2, MB, -1]]), r.fn);
    expect(r.got).to.have.length(0);
    expect(purgatory.size).to.equal(1);
    other.produce(batch(1, 'elsewhere'));
    expect(r.got).to.have.length(0);
    a.produce(batch(2, 'new'));
    expect(r.got).to.have.length(1);
    expect(valuesOf(recordsOf(r.got[0], 0))).to.deep.equal(['new:0', 'new:1']);
    expect(offsetsOf(recordsOf(r.got[0], 0))).to.deep.equal([2, 3]);
    expect(r.got[0].env.parts[0].slice(0, 3)).to.deep.equal([0, 4, 0]);
    expect(purgatory.size).to.equal(0);
    expect(a.watchers.size).to.equal(0);
    a.produce(batch(1, 'later'));
    expect(r.got).to.have.length(1);
  });

  it('waits for minBytes across several appends and partitions', () => {
    const a = rig.open('t', 0);
    const b = rig.open('t', 1);
    const one = batch(1, 'x').length;
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 0, MB, -1], ['t', 1, 0, MB, -1]], { minBytes: 2 * one + 1 }), r.fn);
    a.produce(batch(1, 'x'));
    b.produce(batch(1, 'y'));
    expect(r.got).to.have.length(0);
    b.produce(batch(1, 'z'));
    expect(r.got).to.have.length(1);
    expect(valuesOf(recordsOf(r.got[0], 0))).to.deep.equal(['x:0']);
    expect(valuesOf(recordsOf(r.got[0], 1))).to.deep.equal(['y:0', 'z:0']);
  });

  it('wake(origin, fid) answers that parked fetch at once with what is there', () => {
    rig.open('t', 0);
    const r = new Replies();
    purgatory.fetch(3, env(42, [['t', 0, 0, MB, -1]]), r.fn);
    purgatory.wake(3, 41);
    purgatory.wake(2, 42);
    expect(r.got).to.have.length(0);
    purgatory.wake(3, 42);
    expect(r.got).to.have.length(1);
    expect(r.got[0].env.parts[0]).to.deep.equal([0, 0, 0, 0]);
    purgatory.wake(3, 42);
    expect(r.got).to.have.length(1);
  });

  it('fids of different origins do not collide', () => {
    const a = rig.open('t', 0);
    const r0 = new Replies();
    const r1 = new Replies();
    purgatory.fetch(0, env(7, [['t', 0, 0, MB, -1]]), r0.fn);
    purgatory.fetch(1, env(7, [['t', 0, 0, MB, -1]], { minBytes: 1 << 30 }), r1.fn);
    expect(purgatory.size).to.equal(2);
    purgatory.wake(1, 7);
    expect([r0.got.length, r1.got.length]).to.deep.equal([0, 1]);
    a.produce(batch(1, 'v'));
    expect([r0.got.length, r1.got.length]).to.deep.equal([1, 1]);
    expect(valuesOf(recordsOf(r0.got[0], 0))).to.deep.equal(['v:0']);
  });

  it('the deadline answers empty, once', async () => {
    const a = rig.open('t', 0);
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 0, MB, -1]], { maxWaitMs: 20 }), r.fn);
    expect(r.got).to.have.length(0);
    const c = await r.nth(0);
    expect(c.env.parts[0]).to.deep.equal([0, 0, 0, 0]);
    expect(purgatory.size).to.equal(0);
    expect(a.watchers.size).to.equal(0);
    a.produce(batch(1, 'after'));
    purgatory.wake(0, 1);
    expect(r.got).to.have.length(1);
  });

  it('an append before the deadline answers first and the deadline never fires a second reply', async () => {
    const a = rig.open('t', 0);
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 0, MB, -1]], { maxWaitMs: 30 }), r.fn);
    a.produce(batch(1, 'quick'));
    expect(r.got).to.have.length(1);
    // a second, later parked fetch on the same partition: its deadline comes after the first's would have
    const r2 = new Replies();
    purgatory.fetch(0, env(2, [['t', 0, 1, MB, -1]], { maxWaitMs: 60 }), r2.fn);
    await r2.nth(0);
    expect(r.got).to.have.length(1);
  });

  it('completeAll answers every parked fetch', () => {
    rig.open('t', 0);
    const rs = [new Replies(), new Replies(), new Replies()];
    rs.forEach((r, i) => purgatory.fetch(i % 2, env(i, [['t', 0, 0, MB, -1]]), r.fn));
    expect(purgatory.size).to.equal(3);
    purgatory.completeAll();
    expect(rs.map((r) => r.got.length)).to.deep.equal([1, 1, 1]);
    expect(purgatory.size).to.equal(0);
  });

  it('a partition removed while parked answers UNKNOWN_TOPIC_OR_PARTITION on completion', () => {
    rig.open('t', 0);
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 0, MB, -1]]), r.fn);
    rig.remove('t', 0);
    purgatory.completeAll();
    expect(r.got[0].env.parts[0]).to.deep.equal([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, 0]);
  });

  it('an unknown partition answers at once with UNKNOWN_TOPIC_OR_PARTITION, known parts are still read', () => {
    const a = rig.open('t', 0);
    a.produce(batch(1, 'k'));
    const r = new Replies();
    purgatory.fetch(0, env(1, [['nope', 0, 0, MB, -1], ['t', 0, 0, MB, -1], ['t', 9, 0, MB, -1]], { minBytes: 1 << 30 }), r.fn);
    expect(r.got).to.have.length(1);
    const parts = r.got[0].env.parts;
    expect(parts[0]).to.deep.equal([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, 0]);
    expect(parts[2]).to.deep.equal([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, 0]);
    expect(valuesOf(recordsOf(r.got[0], 1))).to.deep.equal(['k:0']);
    expect(purgatory.size).to.equal(0);
  });

  it('checks the current leader epoch: older is FENCED_LEADER_EPOCH, newer UNKNOWN_LEADER_EPOCH, -1 skips', () => {
    const a = rig.open('t', 0);
    a.leaderEpoch = 3;
    a.produce(batch(1, 'e'));
    const codes = [2, 4, 3, -1].map((epoch) => {
      const r = new Replies();
      purgatory.fetch(0, env(10 + epoch, [['t', 0, 0, MB, epoch]], { maxWaitMs: 0 }), r.fn);
      return r.got[0].env.parts[0][0];
    });
    expect(codes).to.deep.equal([ErrorCode.FENCED_LEADER_EPOCH, ErrorCode.UNKNOWN_LEADER_EPOCH, 0, 0]);
    // an epoch error answers at once even when the fetch would otherwise wait
    const r = new Replies();
    purgatory.fetch(0, env(99, [['t', 0, 1, MB, 7]]), r.fn);
    expect(r.got).to.have.length(1);
  });

  it('an offset past the log end answers at once with OFFSET_OUT_OF_RANGE and the bounds', () => {
    const a = rig.open('t', 0);
    a.produce(batch(2, 'o'));
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 5, MB, -1]]), r.fn);
    expect(r.got).to.have.length(1);
    expect(r.got[0].env.parts[0]).to.deep.equal([ErrorCode.OFFSET_OUT_OF_RANGE, 2, 0, 0]);
  });

  it('respects maxBytes across partitions but always returns the first batch', () => {
    const a = rig.open('t', 0);
    const b = rig.open('t', 1);
    for (let i = 0; i < 3; i++) { a.produce(batch(2, `a${i}`)); b.produce(batch(2, `b${i}`)); }
    const size = batch(2, 'a0').length;
    const r = new Replies();
    purgatory.fetch(0, env(1, [['t', 0, 0, 1, -1], ['t', 1, 0, MB, -1]], { maxBytes: size }), r.fn);
    const parts = r.got[0].env.parts;
    expect(valuesOf(recordsOf(r.got[0], 0))).to.deep.equal(['a0:0', 'a0:1']); // over partitionMaxBytes, but the first batch
    expect(parts[1].slice(0, 4)).to.deep.equal([0, 6, 0, 0]);                 // the budget is spent
    const r2 = new Replies();
    purgatory.fetch(0, env(2, [['t', 0, 0, 2 * size, -1], ['t', 1, 0, size, -1]]), r2.fn);
    expect(valuesOf(recordsOf(r2.got[0], 0))).to.have.length(4);
    expect(valuesOf(recordsOf(r2.got[0], 1))).to.deep.equal(['b0:0', 'b0:1']);
  });

  it('puts each part\'s records at their source address mod 8 after `pad` filler bytes', () => {
    const sent: Buffer[][] = [];
    const parts: FetchEnvelope['parts'] = [];
    for (let p = 0; p < 4; p++) {
      const a = rig.open('al', p);
      for (let i = 0; i <= p; i++) a.produce(batch(1 + i, `${p}-${i}`)); // lengths that are not multiples of 8
      parts.push(['al', p, p === 0 ? 0 : 1, MB, -1]);
    }
    const got: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    purgatory.fetch(0, env(1, parts), (e, payload) => { sent.push(payload as Buffer[]); got.push(e); });
    const tuples = got[0].parts as number[][];
    let pos = 0; // the payload starts 8-aligned in the ring
    let k = 0;
    for (const [code, , , len, pad] of tuples) {
      expect(code).to.equal(0);
      expect(pad).to.be.within(0, 7);
      if (pad > 0) { expect(sent[0][k].length).to.equal(pad); pos += pad; k++; }
      const records = sent[0][k++];
      expect(records.length).to.equal(len);
      expect(pos % 8).to.equal(records.byteOffset % 8);
      pos += len;
    }
    expect(valuesOf(recordsOf({ env: got[0], payload: Buffer.concat(sent[0]) }, 3))).to.deep.equal(['3-1:0', '3-1:1', '3-2:0', '3-2:1', '3-2:2', '3-3:0', '3-3:1', '3-3:2', '3-3:3']);
  });
});
