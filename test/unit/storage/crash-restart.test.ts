// What a restart after a crash leaves behind: the same open fds and files as a clean start when
// nothing was damaged (no fsync, rename or write at start-up), a durable cut and a fresh
// checkpoint when something was, and the recovered data flushed later by the flush policy.
import { expect } from 'chai';
import * as fs from 'fs';
import fsModule = require('fs');
import * as path from 'path';
import { PartitionLog } from '../../../src/storage/log';
import { CHECKPOINT_FILE, readCheckpoint } from '../../../src/storage/checkpoint';
import { RecordingLogger, batch, batchesInFile, config, crash, listDir, offsetsOf, rmDir, tempDir } from './helpers';

const haveProcFds = fs.existsSync('/proc/self/fd');
const openFds = (): number => fs.readdirSync('/proc/self/fd').length;
// record timestamps of now, so that appends after a restart do not roll by segment.ms
const now = { ts: Date.now() };

type FsCounts = Record<'fsyncSync' | 'fdatasyncSync' | 'renameSync' | 'writeFileSync', number>;

/** Counts calls of some fs functions while fn runs (storage code reads them through live bindings). */
function countingFs<T>(fn: () => T): { result: T; calls: FsCounts } {
  const mod = fsModule as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ['fsyncSync', 'fdatasyncSync', 'renameSync', 'writeFileSync'] as const;
  const calls = Object.fromEntries(names.map((n) => [n, 0])) as FsCounts;
  const saved = names.map((n) => mod[n]);
  names.forEach((n, i) => { mod[n] = (...args: unknown[]) => { calls[n]++; return saved[i](...args); }; });
  try {
    return { result: fn(), calls };
  } finally {
    names.forEach((n, i) => { mod[n] = saved[i]; });
  }
}

/** Every file of dir with its bytes and inode (a rename or a rewrite shows). */
function snapshot(dir: string): Map<string, { bytes: string; ino: number }> {
  return new Map(listDir(dir).map((f) => {
    const p = path.join(dir, f);
    return [f, { bytes: fs.readFileSync(p).toString('hex'), ino: fs.statSync(p).ino }];
  }));
}

describe('storage/crash-restart', () => {
  let root: string;
  const open: PartitionLog[] = [];
  const dirOf = (i: number): string => path.join(root, `t-${i}`);
  function openLog(dir: string, clean: boolean, over: Parameters<typeof config>[0] = {}, logger = new RecordingLogger()): PartitionLog {
    const log = PartitionLog.open(dir, config({ retentionMs: -1, ...over }), { cleanShutdown: clean, logger });
    open.push(log);
    return log;
  }
  function crashed(log: PartitionLog): void {
    crash(log);
    open.splice(open.indexOf(log), 1);
  }
  function closed(log: PartitionLog): void {
    log.close();
    open.splice(open.indexOf(log), 1);
  }
  beforeEach(() => { root = tempDir(); });
  afterEach(() => {
    for (const l of open.splice(0)) l.close();
    rmDir(root);
  });

  it('recovering whole batches after a crash writes, fsyncs and renames nothing and keeps one fd per partition', function () {
    if (!haveProcFds) this.skip();
    const n = 20;
    for (let i = 0; i < n; i++) {
      const log = openLog(dirOf(i), true);
      for (let r = 0; r < 3; r++) log.appendAsLeader(batch(1, `p${i}r${r}`, { valueSize: 100, ...now }), 0);
      crashed(log);
    }
    const before = Array.from({ length: n }, (_, i) => snapshot(dirOf(i)));
    const fds0 = openFds();
    const { result: logs, calls } = countingFs(() => Array.from({ length: n }, (_, i) => openLog(dirOf(i), false)));
    expect(calls.fsyncSync + calls.fdatasyncSync + calls.renameSync + calls.writeFileSync).to.equal(0);
    expect(openFds() - fds0).to.equal(n);
    for (let i = 0; i < n; i++) expect(snapshot(dirOf(i))).to.deep.equal(before[i]);
    for (const [i, log] of logs.entries()) {
      expect(log.logEndOffset).to.equal(3);
      expect(log.recoveryPointOffset).to.equal(0); // nothing fsynced yet: the next crash recovers from here again
      expect(offsetsOf(log.read(0, 1 << 20, true).records)).to.deep.equal([0, 1, 2]);
      expect(log.offsetForTimestamp(-3)).to.deep.equal({ offset: 0, timestamp: now.ts });
      expect(log.appendAsLeader(batch(1, `p${i}new`, now), 0).baseOffset).to.equal(3);
      expect(log.segmentCount).to.equal(1);
    }
    for (const log of logs) closed(log);
    expect(openFds()).to.equal(fds0);
    for (let i = 0; i < n; i++) expect(readCheckpoint(dirOf(i))).to.deep.equal({ recoveryPoint: 4, logStartOffset: 0 });

    // and a clean start of the same logs opens exactly as many fds
    const clean = Array.from({ length: n }, (_, i) => openLog(dirOf(i), true));
    expect(openFds() - fds0).to.equal(n);
    for (const log of clean) expect(log.logEndOffset).to.equal(4);
  });

  it('a crash right after a clean restart writes nothing either (the closing time-index entry is kept)', () => {
    const dir = dirOf(0);
    const over = { indexIntervalBytes: 200 };
    let log = openLog(dir, true, over);
    for (let r = 0; r < 6; r++) log.appendAsLeader(batch(2, `k${r}`, { valueSize: 60, ts: now.ts + r }), 0);
    closed(log);
    log = openLog(dir, true, over);
    crashed(log);
    const before = snapshot(dir);
    const { result: again, calls } = countingFs(() => openLog(dir, false, over));
    expect(calls.fsyncSync + calls.fdatasyncSync + calls.renameSync + calls.writeFileSync).to.equal(0);
    expect(snapshot(dir)).to.deep.equal(before);
    expect(again.offsetForTimestamp(-3)).to.deep.equal({ offset: 10, timestamp: now.ts + 5 });
    expect(again.offsetForTimestamp(now.ts + 3)).to.deep.equal({ offset: 6, timestamp: now.ts + 3 });
    // appends after it go on indexing from the right place
    for (let r = 6; r < 10; r++) again.appendAsLeader(batch(2, `k${r}`, { valueSize: 60, ts: now.ts + r }), 0);
    closed(again);
    const reopened = openLog(dir, true, over);
    for (let o = 0; o < 20; o++) expect(offsetsOf(reopened.read(o, 1, true).records)).to.include(o);
    expect(reopened.offsetForTimestamp(-3)).to.deep.equal({ offset: 18, timestamp: now.ts + 9 });
    expect(reopened.offsetForTimestamp(now.ts + 7)).to.deep.equal({ offset: 14, timestamp: now.ts + 7 });
  });

  it('a torn tail is still cut, CRC-checked and the cut made durable with a checkpoint before serving, without extra fds', function () {
    if (!haveProcFds) this.skip();
    const dir = dirOf(0);
    const over = { segmentBytes: 700, indexIntervalBytes: 100 };
    const log = openLog(dir, true, over);
    for (let i = 0; i < 12; i++) log.appendAsLeader(batch(2, `t${i}`, { valueSize: 50, ts: 1000 + i }), 0);
    const segments = log.segmentCount;
    expect(segments).to.be.greaterThan(2);
    crashed(log);
    const last = path.join(dir, listDir(dir).filter((f) => f.endsWith('.log')).pop()!);
    const batches = batchesInFile(last);
    const [pos, size] = batches[batches.length - 1];
    fs.truncateSync(last, pos + Math.floor(size / 2));
    const fds0 = openFds();
    const logger = new RecordingLogger();
    const { result: again, calls } = countingFs(() => openLog(dir, false, over, logger));
    expect(fs.statSync(last).size).to.equal(pos);
    expect(logger.warns.length).to.equal(1);
    expect(calls.fdatasyncSync).to.be.greaterThan(0); // the cut segment
    expect(calls.renameSync).to.equal(1); // the checkpoint
    expect(readCheckpoint(dir)).to.deep.equal({ recoveryPoint: 22, logStartOffset: 0 });
    expect(again.recoveryPointOffset).to.equal(22);
    expect(openFds() - fds0).to.equal(segments); // one .log per segment, as after a clean start
    expect(offsetsOf(again.read(0, 1 << 20, true).records)).to.deep.equal([...Array(22).keys()]);
    expect(again.appendAsLeader(batch(1, 'after'), 0).baseOffset).to.equal(22);
  });

  it('a corrupt batch past the recovery point is cut even though nothing else changed', () => {
    const dir = dirOf(0);
    const log = openLog(dir, true);
    for (let i = 0; i < 4; i++) log.appendAsLeader(batch(2, `c${i}`, { valueSize: 60 }), 0);
    crashed(log);
    const seg = path.join(dir, '00000000000000000000.log');
    const [pos, size] = batchesInFile(seg)[2];
    const b = fs.readFileSync(seg);
    b[pos + size - 5] ^= 0xff; // inside the records: only the CRC notices
    fs.writeFileSync(seg, b);
    const again = openLog(dir, false);
    expect(again.logEndOffset).to.equal(4);
    expect(fs.statSync(seg).size).to.equal(pos);
    expect(readCheckpoint(dir)!.recoveryPoint).to.equal(4);
  });

  it('crashing again after a recovery that wrote nothing recovers everything again', () => {
    const dir = dirOf(0);
    const over = { indexIntervalBytes: 150 };
    let log = openLog(dir, true, over);
    for (let i = 0; i < 10; i++) log.appendAsLeader(batch(2, `a${i}`, { valueSize: 40, ts: 2000 + i }), 0);
    crashed(log);
    for (let round = 0; round < 3; round++) {
      log = openLog(dir, false, over);
      expect(log.logEndOffset).to.equal(20 + round * 4);
      for (let i = 0; i < 2; i++) log.appendAsLeader(batch(2, `r${round}-${i}`, { valueSize: 40, ts: 3000 + round * 10 + i }), 0);
      crashed(log);
    }
    log = openLog(dir, false, over);
    expect(log.logEndOffset).to.equal(32);
    expect(offsetsOf(log.read(0, 1 << 20, true).records)).to.deep.equal([...Array(32).keys()]);
    for (let o = 0; o < 32; o++) expect(offsetsOf(log.read(o, 1, true).records)).to.include(o);
    expect(log.offsetForTimestamp(3011)).to.deep.equal({ offset: 26, timestamp: 3011 });
    expect(log.offsetForTimestamp(-3)).to.deep.equal({ offset: 30, timestamp: 3021 });
    closed(log);
    // the rebuilt indexes match what a clean close leaves
    const clean = openLog(dir, true, over);
    for (let o = 0; o < 32; o++) expect(offsetsOf(clean.read(o, 1, true).records)).to.include(o);
    expect(clean.offsetForTimestamp(-3)).to.deep.equal({ offset: 30, timestamp: 3021 });
  });

  it('the recovered data is fsynced by the next flush, roll or close, and counts toward flush.messages', () => {
    const dir = dirOf(0);
    let log = openLog(dir, true, { flushMessages: 100 });
    for (let i = 0; i < 3; i++) log.appendAsLeader(batch(3, `f${i}`, now), 0);
    crashed(log);
    // flush.messages 10: 9 recovered records are not due yet; one more append makes them due
    log = openLog(dir, false, { flushMessages: 10 });
    expect(log.recoveryPointOffset).to.equal(0);
    const { calls } = countingFs(() => log.appendAsLeader(batch(1, 'due', now), 0));
    expect(calls.fdatasyncSync).to.equal(1);
    expect(log.recoveryPointOffset).to.equal(10);
    expect(readCheckpoint(dir)!.recoveryPoint).to.equal(10);
    log.appendAsLeader(batch(3, 'g', now), 0);
    crashed(log);
    // flush.messages 3: the 3 recovered records are due at once
    log = openLog(dir, false, { flushMessages: 3 });
    expect(log.recoveryPointOffset).to.equal(13);
    crashed(log);
    // default policy: an explicit flush fdatasyncs the recovered segment although nothing was appended
    log = openLog(dir, false);
    log.appendAsLeader(batch(1, 'x', now), 0);
    crashed(log);
    log = openLog(dir, false);
    expect(log.recoveryPointOffset).to.equal(13);
    const flushed = countingFs(() => log.flush());
    expect(flushed.calls.fdatasyncSync).to.equal(1);
    expect(log.recoveryPointOffset).to.equal(14);
    // a roll fsyncs every segment from the recovery point
    log.appendAsLeader(batch(1, 'y', now), 0);
    crashed(log);
    log = openLog(dir, false);
    const rolled = countingFs(() => log.roll());
    expect(rolled.calls.fdatasyncSync).to.equal(1);
    expect(readCheckpoint(dir)!.recoveryPoint).to.equal(15);
  });

  it('a stale checkpoint is rewritten after a recovery that changed nothing else', () => {
    const dir = dirOf(0);
    const log = openLog(dir, true);
    log.appendAsLeader(batch(2, 's'), 0);
    crashed(log);
    fs.writeFileSync(path.join(dir, CHECKPOINT_FILE), 'samsa-partition-checkpoint 1\nrecoveryPoint 0\nlogStartOffset 7\n');
    const again = openLog(dir, false);
    expect(again.logStartOffset).to.equal(2);
    expect(readCheckpoint(dir)).to.deep.equal({ recoveryPoint: 0, logStartOffset: 2 });
  });

  it('rolling closes the index fds of the segment that became inactive', function () {
    if (!haveProcFds) this.skip();
    const fds0 = openFds();
    const log = openLog(dirOf(0), true, { segmentBytes: 600, indexIntervalBytes: 50 });
    for (let i = 0; i < 30; i++) log.appendAsLeader(batch(2, `i${i}`, { valueSize: 50 }), 0);
    expect(log.segmentCount).to.be.greaterThan(4);
    // a .log per segment, plus at most the active segment's two index files
    expect(openFds() - fds0).to.be.at.most(log.segmentCount + 2);
    closed(log);
    expect(openFds()).to.equal(fds0);
  });
});
