// Closing a log: a log with nothing unflushed costs no fsync and no checkpoint rewrite; a log
// with appends is fsynced and checkpointed before close()/closeAsync() returns, the checkpoint
// renamed into place only after the segment data is durable.
import { expect } from 'chai';
import * as fs from 'fs';
import fsModule = require('fs');
import * as path from 'path';
import { PartitionLog } from '../../../src/storage/log';
import { CHECKPOINT_FILE, readCheckpoint } from '../../../src/storage/checkpoint';
import { forEachBounded } from '../../../src/storage/async-sync';
import { SamsaError } from '../../../src/runtime/samsa-error';
import { RecordingLogger, batch, config, crash, offsetsOf, rmDir, tempDir } from './helpers';

type Mod = Record<string, (...args: unknown[]) => unknown>;
const SYNC = ['fsyncSync', 'fdatasyncSync', 'renameSync', 'writeFileSync', 'openSync'];
const ASYNC = ['fsync', 'fdatasync', 'rename', 'open', 'write'];

/** Counts fs calls (sync and callback forms) while installed; `events` records completions in order. */
class FsSpy {
  readonly calls: Record<string, number> = {};
  readonly events: string[] = [];
  private saved = new Map<string, (...args: unknown[]) => unknown>();
  failFdatasync = false;

  install(): this {
    const mod = fsModule as unknown as Mod;
    for (const n of [...SYNC, ...ASYNC]) {
      const orig = mod[n];
      this.saved.set(n, orig);
      this.calls[n] = 0;
      mod[n] = (...args: unknown[]) => {
        this.calls[n]++;
        if (!ASYNC.includes(n)) return orig(...args);
        const cb = args[args.length - 1] as (err: unknown, v?: unknown) => void;
        if (n === 'fdatasync' && this.failFdatasync) {
          setImmediate(() => cb(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
          return undefined;
        }
        return orig(...args.slice(0, -1), (err: unknown, v: unknown) => {
          this.events.push(`${n}${typeof args[0] === 'string' ? ` ${path.basename(args[0])}` : ''}`);
          cb(err, v);
        });
      };
    }
    return this;
  }

  restore(): void {
    const mod = fsModule as unknown as Mod;
    for (const [n, f] of this.saved) mod[n] = f;
    this.saved.clear();
  }

  get syncs(): number {
    return this.calls.fsyncSync + this.calls.fdatasyncSync + this.calls.fsync + this.calls.fdatasync;
  }
}

describe('storage/log close', () => {
  let root: string;
  let spy: FsSpy | null = null;
  const open: PartitionLog[] = [];
  const dirOf = (i: number): string => path.join(root, `t-${i}`);
  function openLog(dir: string, clean: boolean): PartitionLog {
    const log = PartitionLog.open(dir, config({ retentionMs: -1 }), { cleanShutdown: clean, logger: new RecordingLogger() });
    open.push(log);
    return log;
  }
  function spying(): FsSpy {
    spy = new FsSpy().install();
    return spy;
  }

  beforeEach(() => { root = tempDir(); });
  afterEach(() => {
    spy?.restore();
    spy = null;
    for (const l of open.splice(0)) l.close();
    rmDir(root);
  });

  it('close() of a log with nothing unflushed fsyncs, writes and renames nothing', () => {
    const dir = dirOf(0);
    const first = openLog(dir, true);
    first.appendAsLeader(batch(3, 'a'), 0);
    first.close();
    const cp = fs.readFileSync(path.join(dir, CHECKPOINT_FILE));
    const ino = fs.statSync(path.join(dir, CHECKPOINT_FILE)).ino;
    const again = openLog(dir, true);
    expect(offsetsOf(again.read(0, 1 << 20, true).records)).to.deep.equal([0, 1, 2]);
    const s = spying();
    again.close();
    s.restore();
    expect(s.syncs).to.equal(0);
    expect(s.calls.renameSync + s.calls.writeFileSync + s.calls.openSync).to.equal(0);
    expect(fs.readFileSync(path.join(dir, CHECKPOINT_FILE)).equals(cp)).to.equal(true);
    expect(fs.statSync(path.join(dir, CHECKPOINT_FILE)).ino).to.equal(ino);
    expect(again.isOpen).to.equal(false);
  });

  it('closeAsync() of a log with nothing unflushed does no I/O', async () => {
    const dir = dirOf(0);
    const first = openLog(dir, true);
    first.appendAsLeader(batch(2, 'a'), 0);
    await first.closeAsync();
    const again = openLog(dir, true);
    const s = spying();
    await again.closeAsync();
    s.restore();
    expect(s.syncs).to.equal(0);
    for (const n of ASYNC) expect(s.calls[n], n).to.equal(0);
    expect(readCheckpoint(dir)).to.deep.equal({ recoveryPoint: 2, logStartOffset: 0 });
  });

  it('close() after appends fsyncs them and writes the checkpoint before returning', () => {
    const dir = dirOf(0);
    const log = openLog(dir, true);
    log.appendAsLeader(batch(3, 'a'), 0);
    log.close(); // a checkpoint exists from here on
    const again = openLog(dir, true);
    again.appendAsLeader(batch(2, 'b'), 0);
    const s = spying();
    again.close();
    s.restore();
    expect(s.calls.fdatasyncSync).to.equal(1); // the log
    expect(s.calls.renameSync).to.equal(1); // the checkpoint
    expect(readCheckpoint(dir)).to.deep.equal({ recoveryPoint: 5, logStartOffset: 0 });
  });

  it('closeAsync() after appends fsyncs the segment before the checkpoint is renamed into place', async () => {
    const dir = dirOf(0);
    const log = openLog(dir, true);
    log.appendAsLeader(batch(3, 'a'), 0);
    log.appendAsLeader(batch(1, 'b'), 0);
    const s = spying();
    const closing = log.closeAsync();
    // from the call on the log takes nothing more
    expect(() => log.appendAsLeader(batch(1, 'late'), 0)).to.throw(SamsaError);
    await closing;
    s.restore();
    expect(s.calls.fdatasync).to.equal(1);
    expect(s.calls.rename).to.equal(1);
    const synced = s.events.indexOf('fdatasync');
    const renamed = s.events.indexOf(`rename ${CHECKPOINT_FILE}.tmp`);
    expect(synced).to.be.at.least(0);
    expect(renamed).to.be.greaterThan(synced);
    // the directory fsync (open of the dir, then fsync) comes after the rename
    expect(s.events.slice(renamed + 1)).to.include('fsync');
    expect(readCheckpoint(dir)).to.deep.equal({ recoveryPoint: 4, logStartOffset: 0 });
    expect(fs.existsSync(path.join(dir, `${CHECKPOINT_FILE}.tmp`))).to.equal(false);
    expect(log.isOpen).to.equal(false);
    // a clean start finds everything without recovery
    const logger = new RecordingLogger();
    const again = PartitionLog.open(dir, config({ retentionMs: -1 }), { cleanShutdown: true, logger });
    open.push(again);
    expect(offsetsOf(again.read(0, 1 << 20, true).records)).to.deep.equal([0, 1, 2, 3]);
    expect(logger.warns).to.deep.equal([]);
  });

  it('closeAsync() that fails to fsync rejects, leaves the old checkpoint and closes the files', async () => {
    const dir = dirOf(0);
    const log = openLog(dir, true);
    log.appendAsLeader(batch(3, 'a'), 0);
    log.close();
    const before = fs.readFileSync(path.join(dir, CHECKPOINT_FILE));
    const again = openLog(dir, true);
    again.appendAsLeader(batch(2, 'b'), 0);
    const s = spying();
    s.failFdatasync = true;
    let err: unknown = null;
    await again.closeAsync().catch((e: unknown) => { err = e; });
    s.restore();
    expect(err).to.be.instanceOf(SamsaError);
    expect((err as SamsaError).message).to.contain('EIO');
    expect(s.calls.rename).to.equal(0);
    expect(fs.readFileSync(path.join(dir, CHECKPOINT_FILE)).equals(before)).to.equal(true);
    expect(again.isOpen).to.equal(false);
    // no marker would be written: the next start recovers and keeps what reached the file
    const recovered = openLog(dir, false);
    expect(recovered.logEndOffset).to.equal(5);
  });

  it('closeAsync() of a recovered log fsyncs what recovery kept and moves the recovery point', async () => {
    const dir = dirOf(0);
    const log = openLog(dir, true);
    log.appendAsLeader(batch(3, 'a'), 0);
    log.flush();
    log.appendAsLeader(batch(2, 'b'), 0);
    // a crash: the checkpoint says 3, the file holds 5
    crash(log);
    open.splice(open.indexOf(log), 1);
    const again = openLog(dir, false);
    expect(again.recoveryPointOffset).to.equal(3);
    const s = spying();
    await again.closeAsync();
    s.restore();
    expect(s.calls.fdatasync).to.equal(1);
    expect(readCheckpoint(dir)).to.deep.equal({ recoveryPoint: 5, logStartOffset: 0 });
  });

  it('many logs close concurrently, each durable and checkpointed', async () => {
    const n = 40;
    const logs = Array.from({ length: n }, (_, i) => openLog(dirOf(i), true));
    logs.forEach((l, i) => { for (let r = 0; r <= i % 3; r++) l.appendAsLeader(batch(1, `p${i}r${r}`), 0); });
    const errors = await forEachBounded(logs, 8, (l) => l.closeAsync());
    expect(errors.every((e) => e === undefined)).to.equal(true);
    for (let i = 0; i < n; i++) {
      expect(logs[i].isOpen).to.equal(false);
      expect(readCheckpoint(dirOf(i))).to.deep.equal({ recoveryPoint: (i % 3) + 1, logStartOffset: 0 });
    }
  });
});

describe('storage/async-sync forEachBounded', () => {
  it('never runs more than the limit at once and reports each failure in item order', async () => {
    let running = 0;
    let peak = 0;
    const errors = await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (x) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      if (x % 3 === 0) throw new Error(`item ${x}`);
    });
    expect(peak).to.equal(3);
    expect(errors.map((e) => (e === undefined ? null : (e as Error).message))).to.deep.equal([null, null, 'item 3', null, null, 'item 6', null]);
  });
});
