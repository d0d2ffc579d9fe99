import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { OffsetIndex } from '../../../src/storage/offset-index';
import { TimeIndex } from '../../../src/storage/time-index';
import { rmDir, tempDir } from './helpers';

describe('storage/offset-index', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => rmDir(dir));

  function filled(): OffsetIndex {
    const idx = new OffsetIndex(path.join(dir, 'x.index'), 1000, 100);
    idx.resetEmpty();
    idx.append(1009, 4200);
    idx.append(1030, 8400);
    idx.append(1100, 13000);
    return idx;
  }

  it('looks up sparse entries: exact, between, before the first, after the last', () => {
    const idx = filled();
    expect(idx.lookup(1000)).to.equal(0);
    expect(idx.lookup(1008)).to.equal(0);
    expect(idx.lookup(1009)).to.equal(4200);
    expect(idx.lookup(1029)).to.equal(4200);
    expect(idx.lookup(1030)).to.equal(8400);
    expect(idx.lookup(1099)).to.equal(8400);
    expect(idx.lookup(1100)).to.equal(13000);
    expect(idx.lookup(99999)).to.equal(13000);
    expect(idx.lastOffset).to.equal(1100);
    expect(idx.lastPosition).to.equal(13000);
  });

  it('writes big-endian (relative offset, position) entries and reloads them', () => {
    filled().close();
    const raw = fs.readFileSync(path.join(dir, 'x.index'));
    expect(raw.length).to.equal(24);
    expect(raw.readInt32BE(0)).to.equal(9);
    expect(raw.readInt32BE(4)).to.equal(4200);
    expect(raw.readInt32BE(16)).to.equal(100);
    const again = new OffsetIndex(path.join(dir, 'x.index'), 1000, 100);
    expect(again.load(20000)).to.equal(true);
    expect(again.entries).to.equal(3);
    expect(again.lookup(1050)).to.equal(8400);
  });

  it('refuses corrupt files: partial entry, non-increasing, position past the log, missing', () => {
    filled().close();
    const file = path.join(dir, 'x.index');
    const idx = new OffsetIndex(file, 1000, 100);
    expect(idx.load(10000)).to.equal(false); // 13000 is past a 10000-byte log
    const raw = fs.readFileSync(file);
    fs.writeFileSync(file, raw.subarray(0, 20));
    expect(idx.load(20000)).to.equal(false);
    const swapped = Buffer.concat([raw.subarray(8, 16), raw.subarray(0, 8)]);
    fs.writeFileSync(file, swapped);
    expect(idx.load(20000)).to.equal(false);
    fs.unlinkSync(file);
    expect(idx.load(20000)).to.equal(false);
  });

  it('is full at segmentIndexBytes / 8 entries and truncates by position', () => {
    const idx = new OffsetIndex(path.join(dir, 'y.index'), 0, 2);
    idx.resetEmpty();
    idx.append(5, 100);
    expect(idx.isFull).to.equal(false);
    idx.append(9, 200);
    expect(idx.isFull).to.equal(true);
    idx.truncateToPosition(150);
    expect(idx.entries).to.equal(1);
    expect(fs.statSync(path.join(dir, 'y.index')).size).to.equal(8);
  });
});

describe('storage/time-index', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => rmDir(dir));

  it('appends only growing timestamps and finds the last entry older than a target', () => {
    const t = new TimeIndex(path.join(dir, 'x.timeindex'), 500, 100);
    t.resetEmpty();
    t.maybeAppend(1000, 510);
    t.maybeAppend(1000, 520); // not larger: skipped
    t.maybeAppend(900, 530); // smaller: skipped
    t.maybeAppend(2000, 540);
    t.maybeAppend(3000, 560);
    expect(t.entries).to.equal(3);
    expect(t.lookupBefore(500)).to.equal(-1);
    expect(t.lookupBefore(1000)).to.equal(-1); // an entry AT the target does not prove earlier records older
    expect(t.lookupBefore(1001)).to.equal(510);
    expect(t.lookupBefore(2500)).to.equal(540);
    expect(t.lookupBefore(1e15)).to.equal(560);
    expect(t.lastTimestamp).to.equal(3000);
    t.close();
    const raw = fs.readFileSync(path.join(dir, 'x.timeindex'));
    expect(raw.length).to.equal(36);
    expect(Number(raw.readBigInt64BE(12))).to.equal(2000);
    expect(raw.readInt32BE(20)).to.equal(40);
    const again = new TimeIndex(path.join(dir, 'x.timeindex'), 500, 100);
    expect(again.load()).to.equal(true);
    expect(again.lookupBefore(2500)).to.equal(540);
    again.truncateToOffset(540);
    expect(again.entries).to.equal(1);
  });

  it('refuses files with decreasing timestamps or partial entries', () => {
    const file = path.join(dir, 'x.timeindex');
    const b = Buffer.alloc(24);
    b.writeBigInt64BE(2000n, 0); b.writeInt32BE(1, 8);
    b.writeBigInt64BE(1000n, 12); b.writeInt32BE(2, 20);
    fs.writeFileSync(file, b);
    expect(new TimeIndex(file, 0, 10).load()).to.equal(false);
    fs.writeFileSync(file, b.subarray(0, 13));
    expect(new TimeIndex(file, 0, 10).load()).to.equal(false);
  });
});
