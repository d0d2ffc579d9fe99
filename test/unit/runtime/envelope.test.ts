import { expect } from 'chai';
import { encodeEnvelope, decodeEnvelope, ENVELOPE_SHAPES } from '../../../src/runtime/envelope';

describe('runtime/envelope', () => {
  it('declares a frozen, duplicate-free list of shapes', () => {
    expect(Object.isFrozen(ENVELOPE_SHAPES)).to.equal(true);
    for (const s of ENVELOPE_SHAPES) expect(Object.isFrozen(s)).to.equal(true);
    const keys = ENVELOPE_SHAPES.map((s) => s.join(','));
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it('encodes a declared shape compactly and round-trips it', () => {
    const env = { op: 'fetchWake', fid: 12, id: 300 };
    const bytes = encodeEnvelope(env);
    expect(bytes.length).to.be.lessThan(20); // a shared record: no key names on the wire
    expect(decodeEnvelope(bytes)).to.deep.equal(env);
  });

  it('round-trips objects of undeclared shapes without adding shared shapes', () => {
    const before = ENVELOPE_SHAPES.length;
    for (let i = 0; i < 100; i++) {
      const env = { [`k${i}`]: i, nested: { a: [i, `s${i}`], b: null }, big: 2 ** 50 + i };
      expect(decodeEnvelope(encodeEnvelope(env))).to.deep.equal(env);
    }
    expect(ENVELOPE_SHAPES.length).to.equal(before);
    // A declared shape still uses its shared id after many undeclared ones.
    expect(encodeEnvelope({ op: 'x', fid: 12, id: 300 }).length).to.be.lessThan(12);
  });

  it('reserves header space in front and does not reuse returned buffers', () => {
    const a = encodeEnvelope({ topic: 'x', partition: 1 }, 8);
    const copy = Buffer.from(a);
    for (let i = 0; i < 2000; i++) encodeEnvelope({ topic: 'y'.repeat(i % 50), partition: i }, 8);
    expect(a.equals(copy)).to.equal(true);
    expect(decodeEnvelope(a.subarray(8))).to.deep.equal({ topic: 'x', partition: 1 });
  });
});
