// Randomised check of the partition log against a simple in-memory model of its batches.
import { expect } from 'chai';
import * as path from 'path';
import { PartitionLog } from '../../../src/storage/log';
import { buildBatch } from '../../../src/protocol/record-batch';
import { config, rmDir, tempDir } from './helpers';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('storage/log against a model', () => {
  let root: string;
  beforeEach(() => { root = tempDir(); });
  afterEach(() => rmDir(root));

  for (const seed of [1, 2, 3]) {
    it(`serves exactly the stored batches for random reads (seed ${seed})`, () => {
      const rand = rng(seed);
      const dir = path.join(root, `t-${seed}`);
      const cfg = config({ segmentBytes: 2500, indexIntervalBytes: 256, retentionMs: -1 });
      let log = PartitionLog.open(dir, cfg, { cleanShutdown: true });
      const model: { base: number; last: number; bytes: Buffer }[] = [];
      for (let i = 0; i < 200; i++) {
        const n = 1 + Math.floor(rand() * 5);
        const recs = Array.from({ length: n }, (_, j) => ({
          key: rand() < 0.5 ? null : Buffer.from(`k${i}-${j}`),
          value: Buffer.alloc(1 + Math.floor(rand() * 300), 65 + (i % 26)),
          timestamp: 1_000_000 + i * 10 + j,
        }));
        const b = buildBatch(recs, { compression: [0, 0, 1, 3, 4][Math.floor(rand() * 5)] as 0 | 1 | 3 | 4 });
        const r = log.appendAsLeader(b, 1);
        model.push({ base: r.baseOffset, last: r.lastOffset, bytes: b });
        if (i === 120) {
          log.close();
          log = PartitionLog.open(dir, cfg, { cleanShutdown: true });
        }
      }
      expect(log.segmentCount).to.be.greaterThan(10);
      const end = log.logEndOffset;
      expect(end).to.equal(model[model.length - 1].last + 1);
      for (let k = 0; k < 400; k++) {
        const offset = Math.floor(rand() * end);
        const maxBytes = Math.floor(rand() * 3000);
        const minOne = rand() < 0.5;
        const got = log.read(offset, maxBytes, minOne).records;
        let i = model.findIndex((m) => m.last >= offset);
        const expected: Buffer[] = [];
        let size = 0;
        for (; i < model.length; i++) {
          const len = model[i].bytes.length;
          if (size + len > maxBytes && !(minOne && expected.length === 0)) break;
          expected.push(model[i].bytes);
          size += len;
        }
        expect(got.equals(Buffer.concat(expected)), `read(${offset}, ${maxBytes}, ${minOne})`).to.equal(true);
      }
      const stamps = model.flatMap((m, i) => Array.from({ length: m.last - m.base + 1 }, (_, j) => ({ offset: m.base + j, timestamp: 1_000_000 + i * 10 + j })));
      for (let k = 0; k < 50; k++) {
        const ts = 1_000_000 + Math.floor(rand() * 2100);
        const expected = stamps.find((s) => s.timestamp >= ts) ?? null;
        expect(log.offsetForTimestamp(ts), `ts ${ts}`).to.deep.equal(expected);
      }
      log.close();
    });
  }
});
