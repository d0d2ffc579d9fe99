import { expect } from 'chai';
import * as path from 'path';
import { threadId } from 'worker_threads';
import { decodeBatches } from '../../../src/protocol/record-batch';
import { defaultServerConfig } from '../../../src/config/server-config';
import { toLogConfig } from '../../../src/config/topic-config';
import { createLogger } from '../../../src/runtime/logger';
import { HandlerHost } from '../../../src/runtime/handler-host';
import { cleanerSlotCount } from '../../../src/storage/cleaner/cleaner-slots';
import { LogCleaner } from '../../../src/storage/cleaner/log-cleaner';
import { DEFAULT_LOG_CONFIG, checkLogConfig } from '../../../src/storage/config';
import { PartitionLog } from '../../../src/storage/log';
import { RecordingLogger, batchesInFile, config, expectSamsa, flipByte, listDir, rmDir, tempDir } from './helpers';
import { Writer, brief, compacted, keyedBatch, lastValues, readAll } from './cleaner-support';

describe('storage/cleaner: pool, scheduling, concurrency', function () {
  this.timeout(60_000);
  let root: string;
  const open: PartitionLog[] = [];
  const cleaners: LogCleaner[] = [];
  const logger = new RecordingLogger();
  const errors: unknown[][] = [];
  const cleanerLogger = { info: logger.info, warn: logger.warn, error: (...a: unknown[]) => { errors.push(a); } };
  const compact = (over: Parameters<typeof config>[0] = {}) => config({ cleanupPolicy: ['compact'], minCleanableDirtyRatio: 0, ...over });
  function openLog(name: string, over: Parameters<typeof config>[0] = {}): PartitionLog {
    const log = PartitionLog.open(path.join(root, name), compact(over), { cleanShutdown: true });
    open.push(log);
    return log;
  }
  function newCleaner(opts: Partial<ConstructorParameters<typeof LogCleaner>[0]> = {}): LogCleaner {
    const c = new LogCleaner({ logger: cleanerLogger, idleTimeoutMs: 500, ...opts });
    cleaners.push(c);
    return c;
  }
  beforeEach(() => { root = tempDir(); errors.length = 0; });
  afterEach(async () => {
    for (const c of cleaners.splice(0)) await c.close();
    for (const l of open.splice(0)) l.close();
    rmDir(root);
  });

  it('reads and appends succeed while a pass runs on the pool thread', async () => {
    const log = openLog('busy-0', { segmentBytes: 128 * 1024 });
    const w = new Writer(log);
    w.updates(60_000, 2_000, 50);
    log.roll();
    const cleaner = newCleaner({ globalSlots: false });
    const pass = cleaner.clean(log);
    let appends = 0;
    let reads = 0;
    let k = 0;
    while (cleaner.isCleaning(log.dir)) {
      w.append([{ key: `live-${k % 10}` }, { key: `key-${k % 2000}` }]);
      appends++;
      const probe = w.history[(k * 7919) % w.history.length];
      const got = readAll1(log, probe.offset);
      expect(got === undefined || got.offset >= probe.offset).to.equal(true);
      if (got && got.offset === probe.offset) expect(got.value).to.equal(probe.value);
      reads++;
      k++;
      await new Promise((r) => setImmediate(r));
    }
    const outcome = await pass;
    expect(outcome!.stats.threadId).to.not.equal(threadId);
    expect(appends).to.be.greaterThan(0);
    expect(reads).to.be.greaterThan(0);
    const all = readAll(log).records;
    expect(brief(all)).to.deep.equal(brief(compacted(w.history, outcome!.endOffset)));
    expect(lastValues(all)).to.deep.equal(lastValues(w.history));
    expect(all.filter((r) => r.key!.startsWith('live-'))).to.have.length(appends * 1);
  });

  it('maybeClean starts passes only for compacted logs that need one, one per partition, bounded by the shared slots', async () => {
    const a = openLog('a-0');
    const b = openLog('b-0');
    const d = openLog('d-0', { cleanupPolicy: ['delete'] });
    for (const log of [a, b, d]) {
      const w = new Writer(log);
      for (let i = 0; i < 30; i++) w.append([{ key: 'same' }]);
      log.roll();
    }
    const c1 = newCleaner();
    const c2 = newCleaner();
    const parts = [{ log: a, spec: { topic: 'a', partition: 0 } }, { log: b }, { log: d }];
    expect(c1.maybeClean(parts, Date.now())).to.equal(1); // one pool thread
    expect(c1.maybeClean(parts, Date.now())).to.equal(0); // still busy
    if (cleanerSlotCount() === 1) expect(c2.maybeClean([{ log: b }], Date.now())).to.equal(0); // the process-wide slot is taken
    await c1.idle();
    expect(c1.maybeClean(parts, Date.now())).to.equal(1);
    await c1.idle();
    expect(c1.maybeClean(parts, Date.now())).to.equal(0); // nothing left to do
    for (const log of [a, b]) expect(readAll(log).records.map((r) => r.offset)).to.deep.equal([29]);
    expect(readAll(d).records).to.have.length(30);
    expect(logger.infos.some((x) => String(x[1]).includes('log cleaner pass finished'))).to.equal(true);
    expect(errors).to.deep.equal([]);
  });

  it('a failing pass (corrupt segment) is logged, leaves no files, and backs the partition off', async () => {
    const log = openLog('bad-0');
    const w = new Writer(log);
    for (let i = 0; i < 30; i++) w.append([{ key: 'same' }]);
    log.roll();
    w.append([{ key: 'same' }]);
    const seg0 = path.join(log.dir, '00000000000000000000.log');
    const [, [pos, size]] = batchesInFile(seg0);
    flipByte(seg0, pos + size - 2);
    const cleaner = newCleaner({ globalSlots: false });
    expect(cleaner.maybeClean([{ log }], Date.now())).to.equal(1);
    await cleaner.idle();
    expect(errors.length).to.equal(1);
    expect(String((errors[0][0] as { err: Error }).err.message)).to.match(/CRC/);
    expect(listDir(log.dir).filter((f) => f.endsWith('.cleaned') || f.endsWith('.swap'))).to.deep.equal([]);
    expect(cleaner.maybeClean([{ log }], Date.now())).to.equal(0);
    expect(log.firstDirtyOffset).to.equal(0);
    let rejected: unknown = null;
    await cleaner.clean(log).catch((e) => { rejected = e; });
    expect(String(rejected)).to.match(/CRC/);
  });

  it('a pass finishing after its partition was closed only removes its own files', async () => {
    const log = openLog('gone-0');
    const w = new Writer(log);
    w.updates(20_000, 100, 50);
    log.roll();
    const cleaner = newCleaner({ globalSlots: false });
    const pass = cleaner.clean(log);
    log.close();
    open.splice(open.indexOf(log), 1);
    const outcome = await pass;
    expect(outcome === null || outcome.applied.swapped === 0).to.equal(true);
    expect(listDir(log.dir).filter((f) => f.endsWith('.cleaned') || f.endsWith('.swap'))).to.deep.equal([]);
    const again = openLog('gone-0');
    expect(readAll(again).records).to.have.length(20_000);
  });

  it('the handler host runs the cleaner on its timer for compacted partitions', async () => {
    const host = new HandlerHost(0, createLogger({ level: 'silent' }), { retentionCheckIntervalMs: 0, flushSchedulerIntervalMs: 0, cleanerBackoffMs: 20 });
    try {
      const dir = path.join(root, 'hosted-0');
      host.assign([{ topic: 'hosted', partition: 0, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', dir, logConfig: compact({ segmentBytes: 2048 }) }], true);
      const actor = host.lookup('hosted', 0)!;
      for (let i = 0; i < 100; i++) actor.produce(keyedBatch([{ key: `k${i % 5}`, value: `v${i}`, timestamp: 1000 }]));
      const deadline = Date.now() + 20_000;
      while (actor.log.firstDirtyOffset === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(actor.log.firstDirtyOffset).to.be.greaterThan(0);
      const keys = readAll(actor.log).records.filter((r) => r.offset < actor.log.firstDirtyOffset).map((r) => r.key);
      expect(new Set(keys).size).to.equal(keys.length);
    } finally {
      host.close();
    }
  });

  it('LogConfig carries the compaction settings with Kafka defaults; toLogConfig fills them', () => {
    expect(DEFAULT_LOG_CONFIG).to.include({ deleteRetentionMs: 86_400_000, minCleanableDirtyRatio: 0.5, minCompactionLagMs: 0, maxCompactionLagMs: Number.MAX_SAFE_INTEGER });
    expect(DEFAULT_LOG_CONFIG.cleanupPolicy).to.deep.equal(['delete']);
    const server = defaultServerConfig({ 'log.cleaner.min.cleanable.ratio': '0.25' });
    const lc = toLogConfig({ 'cleanup.policy': 'compact,delete', 'delete.retention.ms': '5000', 'min.compaction.lag.ms': '7', 'max.compaction.lag.ms': '9000' }, server);
    expect(lc).to.include({ deleteRetentionMs: 5000, minCleanableDirtyRatio: 0.25, minCompactionLagMs: 7, maxCompactionLagMs: 9000 });
    expect(lc.cleanupPolicy).to.deep.equal(['compact', 'delete']);
    expect(toLogConfig({}, defaultServerConfig({})).cleanupPolicy).to.deep.equal(['delete']);
    for (const bad of [{ minCleanableDirtyRatio: 1.5 }, { deleteRetentionMs: -1 }, { maxCompactionLagMs: 0 }, { cleanupPolicy: ['shred'] as never }]) {
      expectSamsa(() => checkLogConfig(config(bad)), 'SAMSA_ERR_CONFIG');
    }
  });
});

/** The first record at or after `offset`, read through the log's normal read path. */
function readAll1(log: PartitionLog, offset: number): { offset: number; value: string | null } | undefined {
  const res = log.read(offset, 64 * 1024, true);
  for (const b of decodeBatches(res.records)) {
    for (const r of b.records) if (r.offset >= offset) return { offset: r.offset, value: r.value === null ? null : String(r.value) };
  }
  return undefined;
}
