import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { PartitionLog, DEFAULT_LOG_CONFIG } from '../../../src/storage/log';
import { decodeBatches, buildBatch } from '../../../src/protocol/record-batch';
import { readCheckpoint } from '../../../src/storage/checkpoint';
import { FakeClock, batch, config, expectSamsa, listDir, offsetsOf, rmDir, tempDir, valuesOf } from './helpers';

describe('storage/log', () => {
  let root: string;
  let dir: string;
  const open: PartitionLog[] = [];
  function openLog(over: Parameters<typeof config>[0] = {}, clock?: FakeClock, clean = true): PartitionLog {
    const log = PartitionLog.open(dir, config(over), { cleanShutdown: clean, now: clock?.now });
    open.push(log);
    return log;
  }
  beforeEach(() => { root = tempDir(); dir = path.join(root, 'topic-0'); });
  afterEach(() => {
    for (const l of open.splice(0)) l.close();
    rmDir(root);
  });

  it('creates the directory and appends/reads batches with consecutive offsets', () => {
    const log = openLog();
    expect(fs.existsSync(path.join(dir, '00000000000000000000.log'))).to.equal(true);
    const r1 = log.appendAsLeader(batch(3, 'a'), 7);
    const r2 = log.appendAsLeader(Buffer.concat([batch(2, 'b'), batch(4, 'c', { compression: 1 })]), 7);
    expect(r1).to.deep.equal({ baseOffset: 0, lastOffset: 2, logAppendTime: -1, logStartOffset: 0, records: 3 });
    expect(r2).to.deep.include({ baseOffset: 3, lastOffset: 8, records: 6 });
    expect(log.logEndOffset).to.equal(9);
    const res = log.read(0, 1 << 20, true);
    expect(res.logEndOffset).to.equal(9);
    expect(res.logStartOffset).to.equal(0);
    expect(offsetsOf(res.records)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(valuesOf(res.records)).to.deep.equal(['a:0', 'a:1', 'a:2', 'b:0', 'b:1', 'c:0', 'c:1', 'c:2', 'c:3']);
    expect(decodeBatches(res.records).every((b) => b.header.partitionLeaderEpoch === 7)).to.equal(true);
    expect(log.sizeBytes).to.equal(res.records.length);
  });

  it('returns the batch containing the fetch offset when reading from its middle', () => {
    const log = openLog();
    log.appendAsLeader(batch(5, 'a'), 0);
    log.appendAsLeader(batch(5, 'b'), 0);
    const res = log.read(7, 1 << 20, true);
    expect(offsetsOf(res.records)).to.deep.equal([5, 6, 7, 8, 9]);
    expect(offsetsOf(log.read(4, 1 << 20, true).records)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('limits reads to maxBytes of whole batches, with at least one when minOneBatch', () => {
    const log = openLog();
    const one = batch(4, 'x', { valueSize: 50 });
    for (let i = 0; i < 5; i++) log.appendAsLeader(Buffer.from(one), 0);
    const size = one.length;
    expect(log.read(0, size * 2 + size / 2, false).records.length).to.equal(size * 2);
    expect(log.read(0, size * 2, false).records.length).to.equal(size * 2);
    expect(log.read(0, size - 1, false).records.length).to.equal(0);
    expect(log.read(0, size - 1, true).records.length).to.equal(size);
    expect(log.read(0, 0, true).records.length).to.equal(size);
    expect(offsetsOf(log.read(9, size, false).records)).to.deep.equal([8, 9, 10, 11]);
  });

  it('throws OFFSET_OUT_OF_RANGE outside [logStartOffset, logEndOffset] and is empty at the end', () => {
    const log = openLog();
    expect(log.read(0, 100, true).records.length).to.equal(0);
    log.appendAsLeader(batch(3, 'a'), 0);
    expectSamsa(() => log.read(4, 100, true), 'SAMSA_ERR_OFFSET_OUT_OF_RANGE');
    expectSamsa(() => log.read(-1, 100, true), 'SAMSA_ERR_OFFSET_OUT_OF_RANGE');
    const end = log.read(3, 100, true);
    expect(end.records.length).to.equal(0);
    expect(end.logEndOffset).to.equal(3);
  });

  it('writes nothing when validation fails', () => {
    const log = openLog({ maxMessageBytes: 400 });
    log.appendAsLeader(batch(2, 'ok'), 0);
    const before = log.sizeBytes;
    const bad = batch(2, 'bad');
    bad[bad.length - 1] ^= 0xff;
    expectSamsa(() => log.appendAsLeader(Buffer.concat([batch(1, 'fine'), bad]), 0), 'SAMSA_ERR_CORRUPT_BATCH');
    expectSamsa(() => log.appendAsLeader(batch(10, 'big', { valueSize: 100 }), 0), 'SAMSA_ERR_MESSAGE_TOO_LARGE');
    expect(log.sizeBytes).to.equal(before);
    expect(log.logEndOffset).to.equal(2);
    expect(log.appendAsLeader(Buffer.alloc(0), 0).baseOffset).to.equal(-1);
  });

  it('refuses records larger than segment.bytes with RECORD_LIST_TOO_LARGE, as Kafka does', () => {
    const log = openLog({ segmentBytes: 1000, maxMessageBytes: 100000 });
    expectSamsa(() => log.appendAsLeader(batch(30, 'big', { valueSize: 100 }), 0), 'SAMSA_ERR_RECORD_LIST_TOO_LARGE');
    expect(log.logEndOffset).to.equal(0);
  });

  it('rolls by size and reads across segment boundaries', () => {
    const log = openLog({ segmentBytes: 1000, indexIntervalBytes: 100 });
    const expected: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = log.appendAsLeader(batch(3, `b${i}`, { valueSize: 40 }), 0);
      for (let o = r.baseOffset; o <= r.lastOffset; o++) expected.push(o);
    }
    expect(log.segmentCount).to.be.greaterThan(5);
    const logs = listDir(dir).filter((f) => f.endsWith('.log'));
    expect(logs).to.have.length(log.segmentCount);
    expect(logs.every((f) => /^\d{20}\.log$/.test(f))).to.equal(true);
    for (const f of logs) expect(fs.statSync(path.join(dir, f)).size).to.be.at.most(1000);
    // one big read spans every segment
    expect(offsetsOf(log.read(0, 1 << 20, true).records)).to.deep.equal(expected);
    // a consumer loop with small fetches sees every offset exactly once
    const seen: number[] = [];
    let next = 0;
    while (next < log.logEndOffset) {
      const got = offsetsOf(log.read(next, 350, true).records).filter((o) => o >= next);
      seen.push(...got);
      next = got[got.length - 1] + 1;
    }
    expect(seen).to.deep.equal(expected);
    // every single offset starts at the batch containing it
    for (const o of expected) {
      const first = decodeBatches(log.read(o, 1, true).records)[0];
      expect(first.header.baseOffset).to.be.at.most(o);
      expect(first.header.baseOffset + first.header.lastOffsetDelta).to.be.at.least(o);
    }
  });

  it('writes an index entry per indexIntervalBytes and rolls when the index is full', () => {
    const log = openLog({ indexIntervalBytes: 300, segmentIndexBytes: 8 * 3 });
    const one = batch(2, 'i', { valueSize: 100 }); // > 200 bytes
    for (let i = 0; i < 12; i++) log.appendAsLeader(Buffer.from(one), 0);
    const idx = fs.readFileSync(path.join(dir, '00000000000000000000.index'));
    // entries go in front of the batch that follows > 300 bytes: batches 2, 4, 6 of the segment
    expect(idx.length).to.equal(24);
    expect([0, 1, 2].map((i) => [idx.readInt32BE(i * 8), idx.readInt32BE(i * 8 + 4)]))
      .to.deep.equal([[5, 2 * one.length], [9, 4 * one.length], [13, 6 * one.length]]);
    expect(log.segmentCount).to.equal(2);
    expect(offsetsOf(log.read(0, 1 << 20, true).records)).to.deep.equal([...Array(24).keys()]);
  });

  it('rolls by time (segment.ms) on append and in maybeRoll, never rolling an empty segment', () => {
    const clock = new FakeClock();
    const log = openLog({ segmentMs: 1000 }, clock);
    log.maybeRoll(clock.t + 10_000);
    expect(log.segmentCount).to.equal(1);
    log.appendAsLeader(batch(1, 'a', { ts: clock.t }), 0);
    clock.advance(500);
    log.appendAsLeader(batch(1, 'b', { ts: clock.t }), 0);
    expect(log.segmentCount).to.equal(1);
    clock.advance(600);
    log.appendAsLeader(batch(1, 'c', { ts: clock.t }), 0);
    expect(log.segmentCount).to.equal(2);
    clock.advance(1001);
    log.maybeRoll(clock.t);
    expect(log.segmentCount).to.equal(3);
    log.maybeRoll(clock.t + 5000);
    expect(log.segmentCount).to.equal(3);
    expect(listDir(dir).filter((f) => f.endsWith('.log'))).to.deep.equal(
      ['00000000000000000000.log', '00000000000000000002.log', '00000000000000000003.log']);
    expect(offsetsOf(log.read(0, 1 << 20, true).records)).to.deep.equal([0, 1, 2]);
  });

  it('applies retention by time, keeping the active segment', () => {
    const clock = new FakeClock();
    const log = openLog({ segmentBytes: 600, retentionMs: 10_000 }, clock);
    for (let i = 0; i < 12; i++) {
      log.appendAsLeader(batch(2, `t${i}`, { ts: clock.t, valueSize: 60 }), 0);
      clock.advance(1000);
    }
    const segs = log.segmentCount;
    expect(segs).to.be.greaterThan(3);
    expect(log.applyRetention(clock.t)).to.equal(0);
    clock.advance(4_500); // records older than now-10s: those appended at t0..t0+5500
    const deleted = log.applyRetention(clock.t);
    expect(deleted).to.be.greaterThan(0);
    expect(log.segmentCount).to.equal(segs - deleted);
    expect(log.logStartOffset).to.be.greaterThan(0);
    const first = decodeBatches(log.read(log.logStartOffset, 1 << 20, true).records)[0];
    expect(first.header.maxTimestamp).to.be.greaterThan(clock.t - 10_000 - 1000);
    expectSamsa(() => log.read(0, 100, true), 'SAMSA_ERR_OFFSET_OUT_OF_RANGE');
    clock.advance(1_000_000);
    log.applyRetention(clock.t);
    expect(log.segmentCount).to.equal(1);
    expect(log.logEndOffset).to.equal(24);
  });

  it('applies retention by bytes, keeping the active segment', () => {
    const log = openLog({ segmentBytes: 600, retentionBytes: 1000, retentionMs: -1 });
    for (let i = 0; i < 20; i++) log.appendAsLeader(batch(2, `s${i}`, { valueSize: 60 }), 0);
    const deleted = log.applyRetention(Date.now());
    expect(deleted).to.be.greaterThan(0);
    expect(log.sizeBytes).to.be.at.most(1000 + 600);
    expect(log.sizeBytes).to.be.at.least(1000);
    const small = openLogAt(path.join(root, 'other-0'), { segmentBytes: 600, retentionBytes: 0, retentionMs: -1 });
    for (let i = 0; i < 10; i++) small.appendAsLeader(batch(2, `s${i}`, { valueSize: 60 }), 0);
    small.applyRetention(Date.now());
    expect(small.segmentCount).to.equal(1);
    expect(offsetsOf(small.read(small.logStartOffset, 1 << 20, true).records).pop()).to.equal(19);
  });

  function openLogAt(d: string, over: Parameters<typeof config>[0]): PartitionLog {
    const log = PartitionLog.open(d, config(over), { cleanShutdown: true });
    open.push(log);
    return log;
  }

  it('deleteRecordsBefore raises the log start offset and drops whole segments below it', () => {
    const log = openLog({ segmentBytes: 500 });
    for (let i = 0; i < 15; i++) log.appendAsLeader(batch(2, `d${i}`, { valueSize: 60 }), 0);
    const segs = log.segmentCount;
    expect(log.deleteRecordsBefore(5)).to.equal(5);
    expect(log.deleteRecordsBefore(3)).to.equal(5);
    expectSamsa(() => log.read(4, 100, true), 'SAMSA_ERR_OFFSET_OUT_OF_RANGE');
    expect(offsetsOf(log.read(5, 1 << 20, true).records)[0]).to.be.at.most(5);
    expect(log.deleteRecordsBefore(20)).to.equal(20);
    expect(log.segmentCount).to.be.lessThan(segs);
    expectSamsa(() => log.deleteRecordsBefore(31), 'SAMSA_ERR_OFFSET_OUT_OF_RANGE');
    expect(log.deleteRecordsBefore(30)).to.equal(30);
    expect(log.segmentCount).to.equal(1);
    expect(log.sizeBytes).to.equal(0);
    expect(log.appendAsLeader(batch(1, 'z'), 0).baseOffset).to.equal(30);
    expect(readCheckpoint(dir)!.logStartOffset).to.equal(30);
  });

  it('reopens after a clean close with the same offsets, start offset and data', () => {
    const log = openLog({ segmentBytes: 700, indexIntervalBytes: 150 });
    for (let i = 0; i < 20; i++) log.appendAsLeader(batch(3, `r${i}`, { valueSize: 30, ts: 5000 + i }), 0);
    log.deleteRecordsBefore(4);
    const before = log.read(4, 1 << 20, true).records;
    const segs = log.segmentCount;
    log.close();
    open.pop();
    const again = openLog({ segmentBytes: 700, indexIntervalBytes: 150 });
    expect(again.logEndOffset).to.equal(60);
    expect(again.logStartOffset).to.equal(4);
    expect(again.segmentCount).to.equal(segs);
    expect(again.read(4, 1 << 20, true).records.equals(before)).to.equal(true);
    expect(again.offsetForTimestamp(5010)!.offset).to.equal(30);
    expect(again.appendAsLeader(batch(1, 'after'), 0).baseOffset).to.equal(60);
    expect(valuesOf(again.read(60, 100, true).records)).to.deep.equal(['after:0']);
  });

  it('sets LogAppendTime timestamps and keeps batches valid', () => {
    const clock = new FakeClock(1_234_567_890_000);
    const log = openLog({ messageTimestampType: 'LogAppendTime' }, clock);
    const r = log.appendAsLeader(batch(3, 'l', { ts: 42 }), 0);
    expect(r.logAppendTime).to.equal(1_234_567_890_000);
    const [b] = decodeBatches(log.read(0, 1000, true).records);
    expect(b.header.attributes & 0x08).to.equal(0x08);
    expect(b.records.map((x) => x.timestamp)).to.deep.equal([1_234_567_890_000, 1_234_567_890_000, 1_234_567_890_000]);
    expect(log.offsetForTimestamp(1_234_567_890_000)).to.deep.equal({ offset: 0, timestamp: 1_234_567_890_000 });
  });

  it('answers offsetForTimestamp: earliest, latest, max timestamp, first at-or-after', () => {
    const log = openLog({ segmentBytes: 400, indexIntervalBytes: 50 });
    expect(log.offsetForTimestamp(-3)).to.equal(null);
    const stamps = [100, 300, 200, 500, 400, 800, 700, 600];
    stamps.forEach((ts, i) => log.appendAsLeader(
      buildBatch([{ key: null, value: Buffer.from(`v${i}a`), timestamp: ts }, { key: null, value: Buffer.from(`v${i}b`), timestamp: ts + 5 }]), 0));
    expect(log.segmentCount).to.be.greaterThan(1);
    expect(log.offsetForTimestamp(-2)).to.deep.equal({ offset: 0, timestamp: -1 });
    expect(log.offsetForTimestamp(-1)).to.deep.equal({ offset: 16, timestamp: -1 });
    expect(log.offsetForTimestamp(-3)).to.deep.equal({ offset: 11, timestamp: 805 });
    expect(log.offsetForTimestamp(0)).to.deep.equal({ offset: 0, timestamp: 100 });
    expect(log.offsetForTimestamp(101)).to.deep.equal({ offset: 1, timestamp: 105 });
    expect(log.offsetForTimestamp(106)).to.deep.equal({ offset: 2, timestamp: 300 });
    expect(log.offsetForTimestamp(450)).to.deep.equal({ offset: 6, timestamp: 500 });
    expect(log.offsetForTimestamp(650)).to.deep.equal({ offset: 10, timestamp: 800 });
    expect(log.offsetForTimestamp(806)).to.equal(null);
    log.deleteRecordsBefore(3);
    expect(log.offsetForTimestamp(0)).to.deep.equal({ offset: 3, timestamp: 305 });
  });

  it('flushes per flush.messages and checkpoints the recovery point', () => {
    const log = openLog({ flushMessages: 5 });
    log.appendAsLeader(batch(3, 'f'), 0);
    expect(log.recoveryPointOffset).to.equal(0);
    log.appendAsLeader(batch(3, 'f'), 0);
    expect(log.recoveryPointOffset).to.equal(6);
    expect(readCheckpoint(dir)).to.deep.equal({ recoveryPoint: 6, logStartOffset: 0 });
    const clock = new FakeClock();
    const timed = openLogAt(path.join(root, 'timed-0'), { flushMs: 1000 });
    timed.appendAsLeader(batch(1, 'x'), 0);
    timed.maybeFlush(Date.now() + 2000);
    expect(timed.recoveryPointOffset).to.equal(1);
    void clock;
    const synced = openLogAt(path.join(root, 'sync-0'), { fsyncOnAppend: true });
    expect(synced.appendAsLeader(batch(2, 's'), 0).lastOffset).to.equal(1);
  });

  it('truncateTo drops the batch containing the offset and everything after', () => {
    const log = openLog({ segmentBytes: 500 });
    for (let i = 0; i < 12; i++) log.appendAsLeader(batch(2, `t${i}`, { valueSize: 60 }), 0);
    log.truncateTo(13); // batch 12-13 goes
    expect(log.logEndOffset).to.equal(12);
    expect(offsetsOf(log.read(0, 1 << 20, true).records)).to.deep.equal([...Array(12).keys()]);
    expect(log.appendAsLeader(batch(1, 'n'), 0).baseOffset).to.equal(12);
    log.truncateTo(0);
    expect(log.logEndOffset).to.equal(0);
    expect(log.segmentCount).to.equal(1);
  });

  it('updateConfig applies new limits', () => {
    const log = openLog();
    log.appendAsLeader(batch(2, 'u', { valueSize: 100 }), 0);
    log.updateConfig({ ...DEFAULT_LOG_CONFIG, segmentBytes: 300 });
    log.appendAsLeader(batch(2, 'u', { valueSize: 100 }), 0);
    expect(log.segmentCount).to.equal(2);
    expectSamsa(() => log.updateConfig({ ...DEFAULT_LOG_CONFIG, segmentBytes: 0 }), 'SAMSA_ERR_CONFIG');
  });

  it('deleteFiles removes the directory', () => {
    const log = openLog();
    log.appendAsLeader(batch(1, 'x'), 0);
    log.deleteFiles();
    open.pop();
    expect(fs.existsSync(dir)).to.equal(false);
    expectSamsa(() => log.read(0, 1, true), 'SAMSA_ERR_STORAGE');
  });
});
