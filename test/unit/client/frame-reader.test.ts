import { expect } from 'chai';
import { FrameReader } from '../../../src/client/frame-reader';

function frame(payload: Buffer): Buffer {
  const b = Buffer.alloc(4 + payload.length);
  b.writeInt32BE(payload.length, 0);
  payload.copy(b, 4);
  return b;
}

describe('client/frame-reader', () => {
  it('splits frames delivered in arbitrary chunks', () => {
    const payloads = [Buffer.from('hello'), Buffer.alloc(0), Buffer.from('x'.repeat(1000)), Buffer.from('end')];
    const stream = Buffer.concat(payloads.map(frame));
    for (const chunk of [1, 2, 3, 5, 7, 100, stream.length]) {
      const r = new FrameReader();
      const got: Buffer[] = [];
      for (let i = 0; i < stream.length; i += chunk) got.push(...r.push(stream.subarray(i, i + chunk)));
      expect(got.map((b) => b.toString()), `chunk ${chunk}`).to.deep.equal(payloads.map((b) => b.toString()));
    }
  });

  it('rejects a negative or oversized frame size', () => {
    const bad = Buffer.alloc(4);
    bad.writeInt32BE(-5, 0);
    expect(() => new FrameReader().push(bad)).to.throw(/invalid frame size/);
    const big = Buffer.alloc(4);
    big.writeInt32BE(1000, 0);
    expect(() => new FrameReader(100).push(big)).to.throw(/invalid frame size/);
  });
});
