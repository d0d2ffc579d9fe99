import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { PartitionLog } from '../../../src/storage/log';
import { readCheckpoint } from '../../../src/storage/checkpoint';
import {
  RecordingLogger, batch, batchesInFile, config, crash, expectSamsa, flipByte, listDir, offsetsOf, rmDir, tempDir, valuesOf,
} from './helpers';

describe('storage/recovery', () => {
  let root: string;
  let dir: string;
  const open: PartitionLog[] = [];
  function openLog(clean: boolean, over: Parameters<typeof config>[0] = {}, logger = new RecordingLogger()): PartitionLog {
    const log = PartitionLog.open(dir, config({ retentionMs: -1, ...over }), { cleanShutdown: clean, logger });
    open.push(log);
    return log;
  }
  function crashed(log: PartitionLog): void {
    crash(log);
    open.splice(open.indexOf(log), 1);
  }
  const seg0 = (): string => path.join(dir, '00000000000000000000.log');
  beforeEach(() => { root = tempDir(); dir = path.join(root, 'topic-3'); });
  afterEach(() => {
    for (const l of open.splice(0)) l.close();
    rmDir(root);
  });

  it('truncates a torn tail to the last whole batch and continues at the right offset', () => {
    const log = openLog(true);
    for (let i = 0; i < 5; i++) log.appendAsLeader(batch(3, `t${i}`), 0);
    crashed(log);
    const batches = batchesInFile(seg0());
    const [lastPos, lastSize] = batches[4];
    fs.truncateSync(seg0(), lastPos + Math.floor(lastSize / 2));
    const logger = new RecordingLogger();
    const again = openLog(false, {}, logger);
    expect(again.logEndOffset).to.equal(12);
    expect(fs.statSync(seg0()).size).to.equal(lastPos);
    expect(logger.warns.length).to.be.greaterThan(0);
    const warned = logger.warns[0][0] as { truncatedBytes: number };
    expect(warned.truncatedBytes).to.equal(Math.floor(lastSize / 2));
    expect(again.appendAsLeader(batch(2, 'new'), 0).baseOffset).to.equal(12);
    expect(valuesOf(again.read(9, 1 << 20, true).records)).to.deep.equal(['t3:0', 't3:1', 't3:2', 'new:0', 'new:1']);
    expect(readCheckpoint(dir)!.recoveryPoint).to.equal(12);
  });

  it('truncates at a bit flip past the recovery point and never serves the damaged batch', () => {
    const log = openLog(true);
    for (let i = 0; i < 3; i++) log.appendAsLeader(batch(2, `a${i}`, { valueSize: 50 }), 0);
    log.flush();
    const rp = log.logEndOffset;
    expect(readCheckpoint(dir)!.recoveryPoint).to.equal(rp);
    for (let i = 0; i < 12; i++) log.appendAsLeader(batch(2, `b${i}`, { valueSize: 50 }), 0);
    crashed(log);
    const [pos, size, base] = batchesInFile(seg0()).find(([, , b]) => b === rp + 4)!;
    flipByte(seg0(), pos + Math.floor(size * 0.7)); // inside the records: only the CRC notices
    const logger = new RecordingLogger();
    const again = openLog(false, {}, logger);
    expect(again.logEndOffset).to.equal(base);
    expect(fs.statSync(seg0()).size).to.equal(pos);
    expect(logger.warns.length).to.equal(1);
    expect(offsetsOf(again.read(0, 1 << 20, true).records)).to.deep.equal([...Array(base).keys()]);
    expect(again.read(base, 1 << 20, true).records.length).to.equal(0);
    expect(again.appendAsLeader(batch(1, 'fresh'), 0).baseOffset).to.equal(base);
    expect(valuesOf(again.read(base, 100, true).records)).to.deep.equal(['fresh:0']);
  });

  it('rolling fsyncs the old segment and moves the recovery point to the new one', () => {
    const log = openLog(true, { segmentBytes: 600 });
    for (let i = 0; i < 4; i++) log.appendAsLeader(batch(2, `r${i}`, { valueSize: 50 }), 0);
    expect(log.segmentCount).to.equal(2);
    expect(readCheckpoint(dir)!.recoveryPoint).to.equal(6);
  });

  it('refuses to serve a bit flip in an older flushed segment (reads throw instead)', () => {
    const logger = new RecordingLogger();
    const log = openLog(true, { segmentBytes: 500 }, logger);
    for (let i = 0; i < 12; i++) log.appendAsLeader(batch(2, `o${i}`, { valueSize: 50 }), 0);
    expect(log.segmentCount).to.be.greaterThan(2);
    crashed(log);
    const [, [pos, size, base]] = batchesInFile(seg0());
    flipByte(seg0(), pos + size - 3);
    for (const clean of [false, true]) {
      const l2 = openLog(clean, { segmentBytes: 500 }, logger);
      expect(l2.logEndOffset).to.equal(24); // recovery starts at the recovery point: old segment kept
      expectSamsa(() => l2.read(base, 1 << 20, true), 'SAMSA_ERR_CORRUPT_BATCH');
      expectSamsa(() => l2.read(base + 1, 10, true), 'SAMSA_ERR_CORRUPT_BATCH');
      // a read starting before the damage gets only the good prefix
      expect(offsetsOf(l2.read(0, 1 << 20, true).records)).to.deep.equal([...Array(base).keys()]);
      // later segments are still served
      expect(offsetsOf(l2.read(20, 1 << 20, true).records)).to.include(23);
      l2.close();
      open.pop();
    }
    expect(logger.warns.some((w) => String(w[1]).includes('CRC'))).to.equal(true);
  });

  it('rebuilds deleted index files', () => {
    const log = openLog(true, { segmentBytes: 800, indexIntervalBytes: 100 });
    for (let i = 0; i < 20; i++) log.appendAsLeader(batch(2, `i${i}`, { valueSize: 40, ts: 1000 + i }), 0);
    const expected = offsetsOf(log.read(0, 1 << 20, true).records);
    log.close();
    open.pop();
    const indexes = listDir(dir).filter((f) => f.endsWith('.index') || f.endsWith('.timeindex'));
    const sizes = new Map(indexes.map((f) => [f, fs.statSync(path.join(dir, f)).size]));
    expect([...sizes.values()].some((s) => s > 0)).to.equal(true);
    for (const f of indexes) fs.unlinkSync(path.join(dir, f));
    const again = openLog(true, { segmentBytes: 800, indexIntervalBytes: 100 });
    for (const f of indexes) {
      expect(fs.existsSync(path.join(dir, f)), f).to.equal(true);
      expect(fs.statSync(path.join(dir, f)).size, f).to.equal(sizes.get(f));
    }
    expect(offsetsOf(again.read(0, 1 << 20, true).records)).to.deep.equal(expected);
    for (const o of expected) expect(offsetsOf(again.read(o, 1, true).records)).to.include(o);
    expect(again.offsetForTimestamp(1010)!.offset).to.equal(20);
  });

  it('rebuilds a corrupt index on first use and still reads correctly', () => {
    const log = openLog(true, { segmentBytes: 800, indexIntervalBytes: 100 });
    for (let i = 0; i < 20; i++) log.appendAsLeader(batch(2, `c${i}`, { valueSize: 40 }), 0);
    log.close();
    open.pop();
    const idx = path.join(dir, '00000000000000000000.index');
    const good = fs.readFileSync(idx);
    expect(good.length).to.be.greaterThan(8);
    const bad = Buffer.from(good);
    bad.writeInt32BE(99999, 0); // first entry's offset now above the later ones
    fs.writeFileSync(idx, bad);
    const again = openLog(true, { segmentBytes: 800, indexIntervalBytes: 100 });
    for (let o = 0; o < 10; o++) expect(offsetsOf(again.read(o, 1, true).records)).to.include(o);
    expect(fs.readFileSync(idx).equals(good)).to.equal(true);
  });

  it('without a checkpoint scans everything; keeps the log start offset from the checkpoint', () => {
    const log = openLog(true, { segmentBytes: 500 });
    for (let i = 0; i < 12; i++) log.appendAsLeader(batch(2, `n${i}`, { valueSize: 50 }), 0);
    log.deleteRecordsBefore(3);
    crashed(log);
    const again = openLog(false, { segmentBytes: 500 });
    expect(again.logStartOffset).to.equal(3);
    expect(again.logEndOffset).to.equal(24);
    again.close();
    open.pop();
    fs.unlinkSync(path.join(dir, 'partition.checkpoint'));
    const [pos] = batchesInFile(seg0())[1];
    flipByte(seg0(), pos + 70);
    const logger = new RecordingLogger();
    const third = openLog(false, { segmentBytes: 500 }, logger);
    expect(third.logEndOffset).to.equal(2);
    expect(third.segmentCount).to.equal(1);
    expect(third.logStartOffset).to.equal(0);
    const w = logger.warns[0][0] as { deletedSegments: number };
    expect(w.deletedSegments).to.be.greaterThan(0);
  });

  it('recovers the active segment even when told the shutdown was clean, if its tail is torn', () => {
    const log = openLog(true);
    for (let i = 0; i < 4; i++) log.appendAsLeader(batch(2, `c${i}`), 0);
    log.close();
    open.pop();
    const [pos] = batchesInFile(seg0())[3];
    fs.truncateSync(seg0(), pos + 20);
    const logger = new RecordingLogger();
    const again = openLog(true, {}, logger);
    expect(again.logEndOffset).to.equal(6);
    expect(fs.statSync(seg0()).size).to.equal(pos);
    expect(logger.warns.length).to.be.greaterThan(0);
    expect(again.appendAsLeader(batch(1, 'next'), 0).baseOffset).to.equal(6);
  });

  it('cleans stray files: orphan indexes and temp files', () => {
    const log = openLog(true);
    log.appendAsLeader(batch(1, 'x'), 0);
    log.close();
    open.pop();
    fs.writeFileSync(path.join(dir, '00000000000000000042.index'), Buffer.alloc(8));
    fs.writeFileSync(path.join(dir, 'partition.checkpoint.tmp'), 'junk');
    openLog(true);
    expect(listDir(dir)).to.deep.equal([
      '00000000000000000000.index', '00000000000000000000.log', '00000000000000000000.timeindex', 'partition.checkpoint']);
  });
});
