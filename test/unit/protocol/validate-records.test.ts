// validateRecords is a hand-inlined loop (the produce hot path). It must accept and reject
// exactly what a straightforward ByteCursor reading of the record format does: random records
// with every varint width, then every single-byte corruption and truncation of them.
import { expect } from 'chai';
import { buildBatch, BATCH_HEADER_SIZE, type RecordInput } from '../../../src/protocol/record-batch';
import { validateRecords } from '../../../src/protocol/records';
import { ByteCursor } from '../../../src/protocol/varint';
import { SamsaError } from '../../../src/runtime/samsa-error';

/** The reference: the record format read field by field with ByteCursor (throws on anything malformed). */
function reference(buf: Buffer, start: number, end: number, count: number, requireKeys: boolean): void {
  const c = new ByteCursor(buf, start, end);
  const skip = (nullable: boolean): void => {
    const len = c.readVarint();
    if (len === -1 && nullable) return;
    if (len < 0 || len > c.end - c.pos) throw new Error('bad length');
    c.pos += len;
  };
  for (let i = 0; i < count; i++) {
    if (c.pos >= end) throw new Error('too few records');
    const bodySize = c.readVarint();
    const bodyStart = c.pos;
    if (bodySize < 0 || bodySize > end - bodyStart) throw new Error('record past the batch');
    c.end = bodyStart + bodySize;
    c.readInt8();
    c.readVarlong();
    if (c.readVarint() !== i) throw new Error('offset delta');
    if (requireKeys) { const at = c.pos; if (c.readVarint() === -1) throw new Error('no key'); c.pos = at; }
    skip(true);
    skip(true);
    const headers = c.readVarint();
    if (headers < 0) throw new Error('header count');
    for (let h = 0; h < headers; h++) { skip(false); skip(true); }
    if (c.pos !== bodyStart + bodySize) throw new Error('record size');
    c.end = end;
  }
  if (c.pos !== end) throw new Error('bytes after the records');
}

/** 'invalid' when fn throws; validateRecords must throw nothing but SAMSA_ERR_INVALID_RECORD. */
function outcome(fn: () => void, anyError = false): 'ok' | 'invalid' {
  try { fn(); return 'ok'; } catch (err) {
    if (!anyError && !(err instanceof SamsaError && err.code === 'SAMSA_ERR_INVALID_RECORD')) throw err;
    return 'invalid';
  }
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 2 ** 32; };
}

function randomRecords(r: () => number, n: number): RecordInput[] {
  const sizes = [0, 1, 63, 64, 200, 8191, 8192, 20000];
  const pick = () => sizes[Math.floor(r() * sizes.length)];
  const out: RecordInput[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      key: r() < 0.2 ? null : Buffer.alloc(pick(), 0x61),
      value: r() < 0.1 ? null : Buffer.alloc(pick(), 0x62),
      headers: r() < 0.3 ? [{ key: 'h'.repeat(Math.floor(r() * 70)), value: r() < 0.5 ? null : Buffer.alloc(Math.floor(r() * 150)) }] : [],
      timestamp: 1_700_000_000_000 + Math.floor((r() - 0.3) * 2 ** (Math.floor(r() * 40))),
    });
  }
  return out;
}

describe('protocol/records validateRecords', () => {
  it('agrees with a ByteCursor reading on random records, every corrupted byte and every truncation', function () {
    this.timeout(60_000);
    const r = rng(12345);
    let checked = 0;
    for (let round = 0; round < 12; round++) {
      const n = 1 + Math.floor(r() * 5);
      const batch = buildBatch(randomRecords(r, n));
      const body = Buffer.from(batch.subarray(BATCH_HEADER_SIZE)); // just the records, at offset 0
      expect(outcome(() => validateRecords(body, 0, body.length, n))).to.equal('ok');
      for (const requireKeys of [false, true]) {
        for (let at = 0; at < Math.min(body.length, 400); at++) {
          for (const v of [0x00, 0x01, 0x7f, 0x80, 0xff, body[at] ^ 0x02]) {
            const bad = Buffer.from(body);
            bad[at] = v;
            const want = outcome(() => reference(bad, 0, bad.length, n, requireKeys), true);
            expect(outcome(() => validateRecords(bad, 0, bad.length, n, requireKeys)), `byte ${at} = ${v}, round ${round}`).to.equal(want);
            checked++;
          }
        }
        for (const cut of [0, 1, 2, 5, 17, 64, 130]) {
          if (cut > body.length) continue;
          const short = body.subarray(0, body.length - cut);
          const want = outcome(() => reference(short, 0, short.length, n, requireKeys), true);
          expect(outcome(() => validateRecords(short, 0, short.length, n, requireKeys)), `cut ${cut}`).to.equal(want);
          // counts that do not match
          expect(outcome(() => validateRecords(body, 0, body.length, n + 1, requireKeys))).to.equal('invalid');
          if (n > 1) expect(outcome(() => validateRecords(body, 0, body.length, n - 1, requireKeys))).to.equal('invalid');
        }
      }
    }
    expect(checked).to.be.greaterThan(10_000);
  });

  it('reads in place from shared memory at any alignment', () => {
    const batch = buildBatch(randomRecords(rng(7), 4));
    const body = batch.subarray(BATCH_HEADER_SIZE);
    for (let shift = 0; shift < 8; shift++) {
      const sab = Buffer.from(new SharedArrayBuffer(body.length + 16), shift, body.length);
      sab.set(body);
      expect(outcome(() => validateRecords(sab, 0, sab.length, 4))).to.equal('ok');
    }
  });
});
