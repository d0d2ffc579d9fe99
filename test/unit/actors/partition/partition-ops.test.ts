// Data-plane operations on partition actors: produce splitting, list offsets, epoch ends,
// delete records; and the partition actor's own checks.
import { expect } from 'chai';
import { handleDeleteRecords, handleEpochEnd, handleListOffsets, handleProduce } from '../../../../src/actors/partition/partition-ops';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { batch, offsetsOf, valuesOf } from '../helpers';
import { PartitionRig, Replies } from './rig';

function corrupt(b: Buffer): Buffer {
  const c = Buffer.from(b);
  c[c.length - 2] ^= 0x55; // inside the records: the CRC no longer matches
  return c;
}

describe('actors/partition: handleProduce', () => {
  let rig: PartitionRig;
  beforeEach(() => { rig = new PartitionRig(); });
  afterEach(() => rig.cleanup());

  it('splits a multi-part payload by length; a corrupt part fails alone', () => {
    const p0 = rig.open('t', 0);
    const p1 = rig.open('t', 1);
    const parts: [string, number, Buffer][] = [
      ['t', 0, batch(3, 'A')],
      ['t', 1, batch(2, 'B')],
      ['t', 0, corrupt(batch(2, 'C'))],
      ['t', 1, Buffer.concat([batch(1, 'D'), batch(2, 'E')])],
      ['t', 9, batch(1, 'lost')],
      ['gone', 0, batch(1, 'lost')],
      ['t', 0, batch(1, 'F')],
    ];
    const r = new Replies();
    handleProduce(rig.lookup, { parts: parts.map(([t, p, b]) => [t, p, b.length]) }, Buffer.concat(parts.map(([, , b]) => b)), r.fn);
    const out = r.got[0].env.parts as [number, number, number, number, string | null][];
    expect(out.map((o) => [o[0], o[1]])).to.deep.equal([
      [0, 0], [0, 0], [ErrorCode.CORRUPT_MESSAGE, -1], [0, 2],
      [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1], [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1], [0, 3],
    ]);
    expect(out[2][3]).to.equal(0);                       // log start offset of the partition
    expect(out[2][4]).to.match(/CRC/);                   // the reason travels back
    expect(out[0][2]).to.equal(-1);                      // CreateTime: no log append time
    const read0 = p0.read(0, 1 << 20, true).records;
    expect(valuesOf(read0)).to.deep.equal(['A:0', 'A:1', 'A:2', 'F:0']);
    expect(offsetsOf(read0)).to.deep.equal([0, 1, 2, 3]);
    expect(valuesOf(p1.read(0, 1 << 20, true).records)).to.deep.equal(['B:0', 'B:1', 'D:0', 'E:0', 'E:1']);
  });

  it('skips the filler before each part (pad, the 4th tuple field) and appends from a view of shared memory', () => {
    const p0 = rig.open('t', 0);
    const p1 = rig.open('t', 1);
    const parts: [string, number, Buffer, number][] = [['t', 0, batch(3, 'A'), 5], ['t', 1, batch(2, 'B'), 0], ['t', 0, batch(1, 'C'), 7]];
    const total = parts.reduce((n, [, , b, pad]) => n + pad + b.length, 0);
    const payload = Buffer.from(new SharedArrayBuffer(total + 8), 8, total); // like a lent ring view
    payload.fill(0xee); // filler bytes must never reach a log
    let pos = 0;
    for (const [, , b, pad] of parts) { pos += pad; b.copy(payload, pos); pos += b.length; }
    const r = new Replies();
    handleProduce(rig.lookup, { parts: parts.map(([t, p, b, pad]) => [t, p, b.length, pad]) }, payload, r.fn);
    expect(r.got[0].env.parts.map((o: number[]) => [o[0], o[1]])).to.deep.equal([[0, 0], [0, 0], [0, 3]]);
    payload.fill(0); // the processor reuses the ring memory once handleProduce returned
    expect(valuesOf(p0.read(0, 1 << 20, true).records)).to.deep.equal(['A:0', 'A:1', 'A:2', 'C:0']);
    expect(valuesOf(p1.read(0, 1 << 20, true).records)).to.deep.equal(['B:0', 'B:1']);
  });

  it('a truncated part is CORRUPT_MESSAGE and does not shift the parts after it', () => {
    rig.open('t', 0);
    const good = batch(2, 'G');
    const short = batch(2, 'S').subarray(0, 30);
    const r = new Replies();
    handleProduce(rig.lookup, { parts: [['t', 0, short.length], ['t', 0, good.length]] }, Buffer.concat([short, good]), r.fn);
    expect(r.got[0].env.parts.map((o: number[]) => [o[0], o[1]])).to.deep.equal([[ErrorCode.CORRUPT_MESSAGE, -1], [0, 0]]);
  });

  it('reports the log append time when the topic uses LogAppendTime', () => {
    rig.open('lat', 0, { messageTimestampType: 'LogAppendTime' });
    const r = new Replies();
    const b = batch(1, 'x');
    handleProduce(rig.lookup, { parts: [['lat', 0, b.length]] }, b, r.fn);
    expect(r.got[0].env.parts[0][2]).to.be.greaterThan(0);
  });

  it('a batch over max.message.bytes is MESSAGE_TOO_LARGE', () => {
    rig.open('small', 0, { maxMessageBytes: 100 });
    const big = batch(20, 'big');
    const r = new Replies();
    handleProduce(rig.lookup, { parts: [['small', 0, big.length]] }, big, r.fn);
    expect(r.got[0].env.parts[0][0]).to.equal(ErrorCode.MESSAGE_TOO_LARGE);
  });
});

describe('actors/partition: list offsets, epoch ends, delete records', () => {
  let rig: PartitionRig;
  beforeEach(() => { rig = new PartitionRig(); });
  afterEach(() => rig.cleanup());

  it('handleListOffsets: earliest, latest, unknown partition, epoch checks', () => {
    const a = rig.open('t', 0);
    a.leaderEpoch = 2;
    a.produce(batch(4, 'l'));
    const r = new Replies();
    handleListOffsets(rig.lookup, { parts: [['t', 0, -2, -1], ['t', 0, -1, 2], ['x', 0, -1, -1], ['t', 0, -1, 1], ['t', 0, -1, 3]] }, r.fn);
    expect(r.got[0].env.parts).to.deep.equal([
      [0, 0, -1, 2], [0, 4, -1, 2], [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, -1],
      [ErrorCode.FENCED_LEADER_EPOCH, -1, -1, -1], [ErrorCode.UNKNOWN_LEADER_EPOCH, -1, -1, -1],
    ]);
  });

  it('handleEpochEnd: the current epoch ends at the log end; a future epoch is unknown', () => {
    const a = rig.open('t', 0);
    a.leaderEpoch = 1;
    a.produce(batch(3, 'e'));
    const r = new Replies();
    handleEpochEnd(rig.lookup, { parts: [['t', 0, 1, -1], ['t', 0, 0, 1], ['t', 0, 5, -1], ['t', 0, 1, 0], ['u', 0, 1, -1]] }, r.fn);
    expect(r.got[0].env.parts).to.deep.equal([
      [0, 1, 3], [0, 1, 3], [0, -1, -1], [ErrorCode.FENCED_LEADER_EPOCH, -1, -1], [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1],
    ]);
  });

  it('handleDeleteRecords: raises the log start; -1 means the high watermark; past the end fails', () => {
    const a = rig.open('t', 0);
    const b = rig.open('t', 1);
    a.produce(batch(2, 'x'));
    a.produce(batch(2, 'y'));
    b.produce(batch(3, 'z'));
    const r = new Replies();
    handleDeleteRecords(rig.lookup, { parts: [['t', 0, 2], ['t', 1, -1], ['t', 0, 99], ['q', 0, 1]] }, r.fn);
    const out = r.got[0].env.parts;
    expect(out[0]).to.deep.equal([0, 2]);
    expect(out[1]).to.deep.equal([0, 3]);
    expect(out[2][0]).to.equal(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(out[3]).to.deep.equal([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1]);
    expect(a.log.logStartOffset).to.equal(2);
    expect(a.read(0, 1 << 20, true).errorCode).to.equal(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(valuesOf(a.read(2, 1 << 20, true).records)).to.deep.equal(['y:0', 'y:1']);
  });

  it('PartitionActor.produce tells every watcher how many bytes arrived; a failed append tells nobody', () => {
    const a = rig.open('t', 0);
    const seen: number[] = [];
    a.watchers.add((n) => seen.push(n));
    const b = batch(2, 'w');
    a.produce(Buffer.from(b));
    let threw = false;
    try { a.produce(corrupt(b)); } catch { threw = true; }
    expect(threw).to.equal(true);
    expect(seen).to.deep.equal([b.length]);
  });
});
