import { expect } from 'chai';
import { nextOffsetAfter, walkRecords } from '../../../src/perf/batch-walker';
import { buildBatch, CONTROL_FLAG_MASK, ATTRIBUTES_OFFSET, CRC_OFFSET } from '../../../src/protocol/record-batch';
import { crc32c } from '../../../src/protocol/crc32c';

function batch(base: number, values: string[], opts: { compression?: 0 | 1 | 2 | 3 | 4; key?: string; ts?: number } = {}): Buffer {
  return buildBatch(values.map((v, i) => ({ key: opts.key ? Buffer.from(opts.key) : null, value: Buffer.from(v), timestamp: (opts.ts ?? 1000) + i })),
    { baseOffset: base, compression: opts.compression ?? 0 });
}

describe('perf/batch-walker', () => {
  it('counts records and key+value bytes of every batch and gives the next offset', () => {
    const buf = Buffer.concat([batch(0, ['a', 'bb', 'ccc']), batch(3, ['dddd'], { key: 'kk' }), batch(4, ['e', 'f'], { compression: 1 })]);
    const w = walkRecords(buf, 0, Infinity);
    expect(w).to.deep.equal({ records: 6, bytes: 1 + 2 + 3 + (4 + 2) + 1 + 1, nextOffset: 6 });
    expect(nextOffsetAfter(buf, 0)).to.equal(6);
  });

  it('skips records before the position and stops at the limit', () => {
    const buf = Buffer.concat([batch(10, ['a', 'b', 'c', 'd']), batch(14, ['e', 'f'])]);
    expect(walkRecords(buf, 12, Infinity)).to.deep.equal({ records: 4, bytes: 4, nextOffset: 16 });
    expect(walkRecords(buf, 12, 3)).to.deep.equal({ records: 3, bytes: 3, nextOffset: 15 });
    expect(walkRecords(buf, 10, 4)).to.deep.equal({ records: 4, bytes: 4, nextOffset: 14 });
  });

  it('ignores a partial trailing batch and control batches', () => {
    const ctl = batch(2, ['x']);
    ctl.writeInt16BE(CONTROL_FLAG_MASK, ATTRIBUTES_OFFSET);
    ctl.writeUInt32BE(crc32c(ctl.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
    const full = Buffer.concat([batch(0, ['a', 'b']), ctl, batch(3, ['c'])]);
    const cut = full.subarray(0, full.length - 5);
    expect(walkRecords(full, 0, Infinity)).to.deep.equal({ records: 3, bytes: 3, nextOffset: 4 });
    expect(walkRecords(cut, 0, Infinity)).to.deep.equal({ records: 2, bytes: 2, nextOffset: 3 });
    expect(nextOffsetAfter(cut, 0)).to.equal(3);
  });

  it('hands each counted record timestamp and value position to the visitor', () => {
    const seen: [number, string][] = [];
    walkRecords(batch(0, ['one', 'two', 'three'], { ts: 5000, compression: 3 }), 1, Infinity, (ts, buf, pos, len) => { seen.push([ts, buf.toString('utf8', pos, pos + len)]); });
    expect(seen).to.deep.equal([[5001, 'two'], [5002, 'three']]);
  });

  it('refuses a batch whose CRC does not match', () => {
    const b = batch(0, ['hello']);
    b[b.length - 2] ^= 0xff;
    expect(() => walkRecords(b, 0, Infinity)).to.throw(/CRC/);
  });
});
