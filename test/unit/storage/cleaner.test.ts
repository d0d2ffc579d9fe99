import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { threadId } from 'worker_threads';
import { COMPRESSION_CODEC_MASK, decodeBatches } from '../../../src/protocol/record-batch';
import { DELETE_HORIZON_FLAG_MASK } from '../../../src/storage/cleaner/batch-filter';
import { LogCleaner } from '../../../src/storage/cleaner/log-cleaner';
import { PartitionLog } from '../../../src/storage/log';
import { FakeClock, RecordingLogger, config, listDir, rmDir, tempDir } from './helpers';
import { Writer, brief, compacted, lastValues, readAll } from './cleaner-support';

describe('storage/cleaner: compaction passes', function () {
  this.timeout(60_000);
  let root: string;
  let dir: string;
  let cleaner: LogCleaner;
  const logger = new RecordingLogger();
  const open: PartitionLog[] = [];
  const compact = (over: Parameters<typeof config>[0] = {}) => config({ cleanupPolicy: ['compact'], minCleanableDirtyRatio: 0, ...over });
  function openLog(over: Parameters<typeof config>[0] = {}, clock?: FakeClock): PartitionLog {
    const log = PartitionLog.open(dir, compact(over), { cleanShutdown: true, now: clock?.now });
    open.push(log);
    return log;
  }
  function reopen(log: PartitionLog, over: Parameters<typeof config>[0] = {}, clock?: FakeClock): PartitionLog {
    log.close();
    open.splice(open.indexOf(log), 1);
    return openLog(over, clock);
  }

  before(() => { cleaner = new LogCleaner({ logger: { ...logger, error: logger.warn }, globalSlots: false, idleTimeoutMs: 1000 }); });
  after(async () => { await cleaner.close(); });
  beforeEach(() => { root = tempDir(); dir = path.join(root, 'compacted-0'); });
  afterEach(() => {
    for (const l of open.splice(0)) l.close();
    rmDir(root);
  });

  for (const codec of [0, 3] as const) {
    it(`100,000 updates over 1,000 keys (codec ${codec}) leave the latest value per key, offsets unchanged, on a pool thread`, async () => {
      const log = openLog({ segmentBytes: 256 * 1024, indexIntervalBytes: 1024 });
      const w = new Writer(log, codec);
      w.updates(100_000, 1_000, 100);
      w.append([{ key: 'key-1' }, { key: 'key-1' }, { key: 'key-2' }]); // stays in the active segment
      const activeBase = activeBaseOf(dir);
      const leo = log.logEndOffset;
      const sizeBefore = log.sizeBytes;
      const segmentsBefore = log.segmentCount;
      expect(segmentsBefore).to.be.greaterThan(3);

      const outcome = await cleaner.clean(log);
      expect(outcome).to.not.equal(null);
      expect(outcome!.stats.threadId).to.not.equal(threadId);
      expect(outcome!.reason).to.equal('dirty-ratio');
      expect(outcome!.applied.swapped).to.be.greaterThan(0);
      expect(outcome!.stats.mapKeys).to.equal(1_000);

      const firstUncleanable = outcome!.endOffset;
      expect(firstUncleanable).to.be.at.most(activeBase);
      const expected = compacted(w.history, firstUncleanable);
      const got = readAll(log).records;
      expect(brief(got)).to.deep.equal(brief(expected));
      for (const r of got) expect(r.value).to.equal(`v${r.offset}`); // every survivor kept its offset
      expect(lastValues(got)).to.deep.equal(lastValues(w.history));
      expect(got.filter((r) => r.offset < firstUncleanable)).to.have.length(1_000);
      expect(log.logEndOffset).to.equal(leo);
      expect(log.logStartOffset).to.equal(0);
      expect(log.sizeBytes).to.be.lessThan(sizeBefore / 10);
      expect(log.segmentCount).to.equal(segmentsBefore); // groups are made by source size: full segments stay apart
      expect(log.firstDirtyOffset).to.equal(firstUncleanable);
      if (codec !== 0) {
        const codecs = new Set(readAll(log).batches.filter((b) => b.count > 0).map((b) => b.attributes & COMPRESSION_CODEC_MASK));
        expect([...codecs]).to.deep.equal([codec]);
      }

      // a fetch of a removed offset gets the next surviving batch
      const removed = w.history.find((r) => r.offset > 10 && !expected.some((e) => e.offset === r.offset))!.offset;
      const nextSurvivor = expected.find((e) => e.offset >= removed)!.offset;
      const res = log.read(removed, 1 << 20, true);
      const firstAtOrAfter = readBatchRecords(res.records).find((o) => o >= removed);
      expect(firstAtOrAfter).to.equal(nextSurvivor);

      // nothing dirty right away; reopening gives the same log
      expect(log.compactionCandidate()).to.equal(null);
      const again = reopen(log, { segmentBytes: 256 * 1024, indexIntervalBytes: 1024 });
      expect(brief(readAll(again).records)).to.deep.equal(brief(expected));
      expect(again.logEndOffset).to.equal(leo);
      expect(again.firstDirtyOffset).to.equal(firstUncleanable);
      expect(listDir(dir).filter((f) => f.endsWith('.cleaned') || f.endsWith('.swap'))).to.deep.equal([]);

      // the next pass merges the small cleaned segments up to segment.bytes
      again.roll();
      const second = await cleaner.clean(again);
      expect(second!.endOffset).to.equal(leo);
      expect(again.segmentCount).to.be.lessThan(segmentsBefore);
      const all = readAll(again).records;
      expect(brief(all)).to.deep.equal(brief(compacted(w.history, leo)));
      expect(all).to.have.length(1_000);
      expect(lastValues(all)).to.deep.equal(lastValues(w.history));
    });
  }

  it('never touches the active segment', async () => {
    const log = openLog({ segmentBytes: 4096 });
    const w = new Writer(log);
    for (let i = 0; i < 60; i++) w.append([{ key: `k${i % 3}` }, { key: `k${i % 3}` }]);
    const activeFile = listDir(dir).filter((f) => f.endsWith('.log')).pop()!;
    const before = fs.readFileSync(path.join(dir, activeFile));
    expect(before.length).to.be.greaterThan(0);
    await cleaner.clean(log);
    expect(fs.readFileSync(path.join(dir, activeFile)).equals(before)).to.equal(true);
    const activeBase = Number(activeFile.slice(0, 20));
    const inActive = w.history.filter((r) => r.offset >= activeBase);
    expect(brief(readAll(log).records.filter((r) => r.offset >= activeBase))).to.deep.equal(brief(inActive));
    expect(inActive.length).to.be.greaterThan(3); // duplicates there are kept
  });

  it('keeps the last batch of each cleaned segment as an empty batch so offsets stay covered', async () => {
    const log = openLog({ segmentBytes: 1200 });
    const w = new Writer(log);
    for (let i = 0; i < 30; i++) w.append([{ key: 'a' }, { key: 'b' }]);
    const segsBefore = listDir(dir).filter((f) => f.endsWith('.log')).map((f) => Number(f.slice(0, 20)));
    const lastOffsets = segsBefore.slice(1).map((b) => b - 1);
    const out = await cleaner.clean(log);
    expect(out!.applied.swapped).to.be.greaterThan(0);
    const { records, batches } = readAll(log);
    expect(brief(records)).to.deep.equal(brief(compacted(w.history, out!.endOffset)));
    const empty = batches.filter((b) => b.count === 0);
    expect(empty.length).to.be.greaterThan(0);
    for (const b of empty) expect(lastOffsets).to.include(b.lastOffset);
    const again = reopen(log, { segmentBytes: 1200 });
    expect(again.logEndOffset).to.equal(60);
    expect(brief(readAll(again).records)).to.deep.equal(brief(records));
  });

  it('keeps tombstones until delete.retention.ms after the pass that first kept them', async () => {
    const clock = new FakeClock();
    const log = openLog({ deleteRetentionMs: 1000 }, clock);
    const w = new Writer(log);
    w.append([{ key: 'a' }, { key: 'b' }, { key: 'c' }], clock.t - 5000);
    w.append([{ key: 'b', value: null }, { key: 'a' }], clock.t - 4000);
    log.roll();
    w.append([{ key: 'x' }], clock.t);
    const first = await cleaner.clean(log);
    const t0 = clock.t;
    expect(brief(readAll(log).records)).to.deep.equal(['2:c=v2', '3:b=null', '4:a=v4', '5:x=v5']);
    const tomb = readAll(log).batches.find((b) => b.baseOffset === 3)!;
    expect(tomb.attributes & DELETE_HORIZON_FLAG_MASK).to.not.equal(0);
    expect(tomb.baseTimestamp).to.equal(t0 + 1000);
    const ts = readAll(log).records.map((r) => r.timestamp);
    expect(ts).to.deep.equal([t0 - 5000, t0 - 4000, t0 - 4000, t0]); // record timestamps unchanged
    expect(first!.stats.tombstonesRemoved).to.equal(0);

    clock.advance(500);
    log.roll();
    w.append([{ key: 'y' }], clock.t);
    await cleaner.clean(log); // x becomes clean; the tombstone is not yet due
    expect(brief(readAll(log).records)).to.include('3:b=null');
    expect(log.compactionCandidate()).to.equal(null);

    clock.advance(600);
    const c = log.compactionCandidate();
    expect(c?.reason).to.equal('delete-horizon');
    const third = await cleaner.clean(log);
    expect(third!.stats.tombstonesRemoved).to.equal(1);
    expect(brief(readAll(log).records)).to.deep.equal(['2:c=v2', '4:a=v4', '5:x=v5', '6:y=v6']);
    expect(log.compactionCandidate()).to.equal(null);
  });

  it('a tombstone superseded by a later value goes at once; keyless records are dropped', async () => {
    const log = openLog();
    const w = new Writer(log);
    // keyless records get in only while the topic was not compacted (appends to compacted topics refuse them)
    const compacted = log.config;
    log.updateConfig({ ...compacted, cleanupPolicy: ['delete'] });
    w.append([{ key: 'a', value: null }, { key: null }, { key: 'a' }]);
    log.updateConfig(compacted);
    log.roll();
    w.append([{ key: 'z' }]);
    await cleaner.clean(log);
    expect(brief(readAll(log).records)).to.deep.equal(['2:a=v2', '3:z=v3']);
  });

  it('respects min.cleanable.dirty.ratio', async () => {
    const log = openLog({ minCleanableDirtyRatio: 0.5, segmentBytes: 2048 });
    const w = new Writer(log);
    for (let i = 0; i < 40; i++) w.append([{ key: `k${i}` }]); // 40 distinct keys: cleaning keeps them all
    log.roll();
    await cleaner.clean(log);
    const cleanBytes = log.sizeBytes;
    w.append([{ key: 'k1' }, { key: 'k2' }]);
    log.roll();
    const c1 = log.compactionCandidate();
    expect(c1).to.equal(null);
    while (true) {
      w.append([{ key: 'k3' }, { key: 'k4' }]);
      log.roll();
      const c = log.compactionCandidate();
      const dirty = log.sizeBytes - cleanBytes;
      if (dirty / log.sizeBytes < 0.5) { expect(c).to.equal(null); continue; }
      expect(c).to.not.equal(null);
      expect(c!.reason).to.equal('dirty-ratio');
      expect(c!.dirtyRatio).to.be.at.least(0.5);
      break;
    }
  });

  it('max.compaction.lag.ms forces a pass below the dirty ratio', async () => {
    const clock = new FakeClock();
    const log = openLog({ minCleanableDirtyRatio: 0.99, maxCompactionLagMs: 60_000 }, clock);
    const w = new Writer(log);
    for (let i = 0; i < 20; i++) w.append([{ key: `k${i}` }], clock.t);
    log.roll();
    await cleaner.clean(log);
    w.append([{ key: 'k1' }], clock.t);
    log.roll();
    expect(log.compactionCandidate()).to.equal(null);
    clock.advance(61_000);
    const c = log.compactionCandidate();
    expect(c?.reason).to.equal('max-compaction-lag');
    expect(c!.dirtyRatio).to.be.lessThan(0.99);
    await cleaner.clean(log);
    expect(readAll(log).records.filter((r) => r.key === 'k1').map((r) => r.offset)).to.deep.equal([20]);
  });

  it('respects min.compaction.lag.ms: recent segments stay uncompacted', async () => {
    const clock = new FakeClock();
    const log = openLog({ minCompactionLagMs: 10_000 }, clock);
    const w = new Writer(log);
    for (let i = 0; i < 10; i++) w.append([{ key: 'k' }, { key: 'j' }], clock.t - 60_000);
    log.roll();
    const recentBase = log.logEndOffset;
    for (let i = 0; i < 10; i++) w.append([{ key: 'k' }, { key: 'j' }], clock.t - 1_000);
    log.roll();
    w.append([{ key: 'k' }], clock.t);
    const c = log.compactionCandidate()!;
    expect(c.task.firstUncleanableOffset).to.equal(recentBase);
    const out = await cleaner.clean(log);
    expect(out!.endOffset).to.equal(recentBase);
    expect(brief(readAll(log).records)).to.deep.equal(brief(compacted(w.history, recentBase)));
    expect(readAll(log).records.filter((r) => r.offset >= recentBase)).to.have.length(21);
    clock.advance(20_000);
    await cleaner.clean(log);
    expect(brief(readAll(log).records)).to.deep.equal(brief(compacted(w.history, log.logEndOffset - 1)));
  });

  it('a full offset map ends the pass early; later passes finish the job', async () => {
    const log = openLog({ segmentBytes: 2048 });
    const w = new Writer(log);
    for (let round = 0; round < 3; round++) for (let k = 0; k < 30; k++) w.append([{ key: `k${k}` }]);
    log.roll();
    const small = new LogCleaner({ logger: { ...logger, error: logger.warn }, globalSlots: false, maxMapEntries: 25 });
    try {
      const first = await small.clean(log);
      expect(first!.stats.mapKeys).to.be.at.most(25);
      expect(first!.endOffset).to.be.lessThan(90);
      expect(brief(readAll(log).records)).to.deep.equal(brief(compacted(w.history, first!.endOffset)));
      let passes = 1;
      while (log.firstDirtyOffset < 90 && passes < 10) { await small.clean(log); passes++; }
      expect(passes).to.be.greaterThan(2);
      expect(brief(readAll(log).records)).to.deep.equal(brief(compacted(w.history, 90)));
    } finally {
      await small.close();
    }
  });

  it('compact,delete also applies retention; compact alone does not', async () => {
    const clock = new FakeClock();
    for (const policy of [['compact', 'delete'], ['compact']] as const) {
      dir = path.join(root, `p-${policy.length}`);
      const log = openLog({ cleanupPolicy: [...policy], retentionMs: 60_000, segmentBytes: 1024 }, clock);
      const w = new Writer(log);
      for (let i = 0; i < 20; i++) w.append([{ key: `old${i}` }, { key: 'same' }], clock.t - 120_000);
      log.roll();
      for (let i = 0; i < 5; i++) w.append([{ key: `new${i}` }, { key: 'same' }], clock.t);
      const deleted = log.applyRetention(clock.t);
      if (policy.length === 2) {
        expect(deleted).to.be.greaterThan(0);
        expect(log.logStartOffset).to.equal(40);
      } else {
        expect(deleted).to.equal(0);
        expect(log.logStartOffset).to.equal(0);
      }
      await cleaner.clean(log);
      const keys = readAll(log).records.map((r) => r.key);
      expect(keys.filter((k) => k === 'same').length).to.be.at.least(1);
      expect(keys.some((k) => k!.startsWith('old'))).to.equal(policy.length === 1);
    }
  });
});

function readBatchRecords(buf: Buffer): number[] {
  return decodeBatches(buf).flatMap((b) => b.records.map((r) => r.offset));
}

function activeBaseOf(dir: string): number {
  return Number(listDir(dir).filter((f) => f.endsWith('.log')).pop()!.slice(0, 20));
}
