import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { cleanLog } from '../../../src/storage/cleaner/clean-task';
import { readCleanerCheckpoint } from '../../../src/storage/cleaner/cleaner-checkpoint';
import type { CleaningResult } from '../../../src/storage/cleaner/types';
import { PartitionLog } from '../../../src/storage/log';
import { segmentFileName } from '../../../src/storage/segment';
import { RecordingLogger, config, crash, listDir, rmDir, tempDir } from './helpers';
import { Writer, brief, compacted, readAll } from './cleaner-support';

// Crash safety of the swap: a pass whose files were left behind at any step is rolled back
// (.cleaned) or completed (.swap) when the log is opened again.
describe('storage/cleaner: crash-safe swap', function () {
  this.timeout(30_000);
  let root: string;
  let dir: string;
  const open: PartitionLog[] = [];
  const cfg = () => config({ cleanupPolicy: ['compact'], minCleanableDirtyRatio: 0, indexIntervalBytes: 256 });
  function openLog(clean = true, logger = new RecordingLogger()): PartitionLog {
    const log = PartitionLog.open(dir, cfg(), { cleanShutdown: clean, logger });
    open.push(log);
    return log;
  }
  function crashed(log: PartitionLog): void {
    crash(log);
    open.splice(open.indexOf(log), 1);
  }
  beforeEach(() => { root = tempDir(); dir = path.join(root, 'swap-0'); });
  afterEach(() => {
    for (const l of open.splice(0)) l.close();
    rmDir(root);
  });

  /** A log of small rolled segments (one cleaning group) plus an active segment, and a finished pass not yet swapped in. */
  function prepared(): { log: PartitionLog; w: Writer; result: CleaningResult; original: string[] } {
    const log = openLog();
    const w = new Writer(log);
    for (let s = 0; s < 6; s++) {
      for (let i = 0; i < 20; i++) w.append([{ key: `k${i % 7}` }, { key: `j${(i + s) % 5}` }, { key: `k${i % 3}` }]);
      log.roll();
    }
    w.append([{ key: 'k1' }, { key: 'tail' }]);
    const original = brief(readAll(log).records);
    const c = log.compactionCandidate()!;
    const result = cleanLog(c.task);
    expect(result.groups).to.have.length(1);
    expect(result.groups[0].sources).to.have.length(6);
    return { log, w, result, original };
  }
  const file = (base: number, suffix: string) => path.join(dir, segmentFileName(base, suffix));
  const leftovers = () => listDir(dir).filter((f) => f.endsWith('.cleaned') || f.endsWith('.swap'));

  it('rolls back a pass that left only .cleaned files', () => {
    for (const clean of [true, false]) {
      const { log, result, original } = prepared();
      expect(leftovers()).to.have.length(3);
      const leo = log.logEndOffset;
      crashed(log);
      const again = openLog(clean);
      expect(leftovers()).to.deep.equal([]);
      expect(brief(readAll(again).records)).to.deep.equal(original);
      expect(again.logEndOffset).to.equal(leo);
      expect(again.firstDirtyOffset).to.equal(0);
      expect(result.endOffset).to.be.greaterThan(0);
      again.close();
      open.splice(open.indexOf(again), 1);
      rmDir(dir);
    }
  });

  it('completes a committed swap (.swap files present, old segments partly deleted)', () => {
    const { log, w, result } = prepared();
    const g = result.groups[0];
    const leo = log.logEndOffset;
    crashed(log);
    for (const sfx of ['.index', '.timeindex', '.log']) fs.renameSync(file(g.baseOffset, `${sfx}.cleaned`), file(g.baseOffset, `${sfx}.swap`));
    // the crash came while the old segments were being retired: the first is renamed .deleted, the second gone
    for (const sfx of ['.log', '.index', '.timeindex']) fs.renameSync(file(g.sources[0].baseOffset, sfx), file(g.sources[0].baseOffset, `${sfx}.deleted`));
    for (const sfx of ['.log', '.index', '.timeindex']) fs.rmSync(file(g.sources[1].baseOffset, sfx), { force: true });
    const logger = new RecordingLogger();
    const again = openLog(false, logger);
    expect(leftovers()).to.deep.equal([]);
    expect(listDir(dir).filter((f) => f.endsWith('.deleted'))).to.deep.equal([]);
    expect(brief(readAll(again).records)).to.deep.equal(brief(compacted(w.history, result.endOffset)));
    expect(again.logEndOffset).to.equal(leo);
    expect(again.segmentCount).to.equal(2);
    expect(logger.warns.some((x) => String(x[1]).includes('interrupted swap'))).to.equal(true);
    expect(new Writer(again).append([{ key: 'new' }])).to.equal(leo);
    expect(readAll(again).records.pop()).to.include({ offset: leo, key: 'new' });
  });

  it('completes a swap whose index files already had their final names', () => {
    const { log, w, result } = prepared();
    const g = result.groups[0];
    crashed(log);
    for (const sfx of ['.log', '.index', '.timeindex']) for (const s of g.sources) fs.rmSync(file(s.baseOffset, sfx), { force: true });
    fs.renameSync(file(g.baseOffset, '.index.cleaned'), file(g.baseOffset, '.index'));
    fs.renameSync(file(g.baseOffset, '.timeindex.cleaned'), file(g.baseOffset, '.timeindex.swap'));
    fs.renameSync(file(g.baseOffset, '.log.cleaned'), file(g.baseOffset, '.log.swap'));
    const again = openLog(true);
    expect(leftovers()).to.deep.equal([]);
    const expected = brief(compacted(w.history, result.endOffset));
    expect(brief(readAll(again).records)).to.deep.equal(expected);
    // every surviving offset is reachable through the (rebuilt) index
    for (const r of compacted(w.history, result.endOffset)) {
      const got = readAll(again).records.find((x) => x.offset === r.offset);
      expect(got?.value).to.equal(r.value);
    }
    expect(fs.existsSync(file(g.baseOffset, '.index'))).to.equal(true);
  });

  it('drops index .swap files without a .log.swap (the swap never committed)', () => {
    const { log, result, original } = prepared();
    const g = result.groups[0];
    crashed(log);
    fs.renameSync(file(g.baseOffset, '.index.cleaned'), file(g.baseOffset, '.index.swap'));
    const again = openLog(false);
    expect(leftovers()).to.deep.equal([]);
    expect(brief(readAll(again).records)).to.deep.equal(original);
  });

  it('a pass swapped in survives an unclean restart; the cleaner checkpoint is kept', () => {
    const { log, w, result } = prepared();
    const applied = log.applyCleaned(result);
    expect(applied).to.deep.equal({ swapped: 1, discarded: 0 });
    expect(readCleanerCheckpoint(dir).firstDirtyOffset).to.equal(result.endOffset);
    w.append([{ key: 'after' }]);
    const expected = brief(compacted(w.history, result.endOffset));
    crashed(log);
    const again = openLog(false);
    expect(brief(readAll(again).records)).to.deep.equal(expected);
    expect(again.firstDirtyOffset).to.equal(result.endOffset);
    expect(leftovers()).to.deep.equal([]);
  });

  it('discards a result that no longer matches the log (superseded plan, truncation, closed log)', () => {
    const { log, result, original } = prepared();
    log.compactionCandidate(); // a newer plan supersedes the one the result came from
    expect(log.applyCleaned(result)).to.deep.equal({ swapped: 0, discarded: 1 });
    expect(leftovers()).to.deep.equal([]);
    expect(brief(readAll(log).records)).to.deep.equal(original);

    const c = log.compactionCandidate()!;
    const r2 = cleanLog(c.task);
    log.truncateTo(9);
    expect(log.applyCleaned(r2).swapped).to.equal(0);
    expect(leftovers()).to.deep.equal([]);
    expect(log.logEndOffset).to.equal(9);
    expect(log.firstDirtyOffset).to.equal(0);

    new Writer(log).append([{ key: 'a' }, { key: 'a' }]);
    log.roll();
    const r3 = cleanLog(log.compactionCandidate()!.task);
    expect(r3.groups.length).to.be.greaterThan(0);
    log.close();
    open.splice(open.indexOf(log), 1);
    expect(log.applyCleaned(r3).swapped).to.equal(0);
    expect(leftovers()).to.deep.equal([]);
  });

  it('swaps only the groups whose segments are still there (retention removed some meanwhile)', async () => {
    const log = openLog();
    const w = new Writer(log);
    for (let s = 0; s < 4; s++) {
      for (let i = 0; i < 50; i++) w.append([{ key: `k${i % 4}`, value: 'x'.repeat(100) }]);
      log.roll();
    }
    w.append([{ key: 'k0' }]);
    log.updateConfig({ ...cfg(), segmentBytes: 6000 }); // one group per source segment
    const c = log.compactionCandidate()!;
    const result = cleanLog(c.task);
    expect(result.groups.length).to.equal(4);
    const second = result.groups[1].baseOffset;
    log.deleteRecordsBefore(second); // deletes the first segment while the pass "ran"
    const applied = log.applyCleaned(result);
    expect(applied).to.deep.equal({ swapped: 3, discarded: 1 });
    expect(leftovers()).to.deep.equal([]);
    await new Promise((r) => setTimeout(r, 50)); // replaced files are unlinked off the thread
    expect(listDir(dir).filter((f) => f.endsWith('.deleted'))).to.deep.equal([]);
    const expected = compacted(w.history, result.endOffset).filter((r) => r.offset >= second);
    expect(brief(readAll(log).records)).to.deep.equal(brief(expected));
    expect(log.logStartOffset).to.equal(second);
  });
});
