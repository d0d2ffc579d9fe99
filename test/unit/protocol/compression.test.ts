import { expect } from 'chai';
import * as snappy from 'snappy';
import { compress, decompress, Codec } from '../../../src/protocol/compression';
import { SamsaError } from '../../../src/runtime/samsa-error';

function sample(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + (i >> 7)) & 0xff;
  return b;
}

describe('protocol/compression', () => {
  for (const [name, codec] of Object.entries(Codec)) {
    it(`round-trips ${name}`, () => {
      for (const size of [0, 1, 1000, 100_000]) {
        const data = sample(size);
        const c = compress(codec, data);
        expect(decompress(codec, c).equals(data), `${name} size ${size}`).to.equal(true);
      }
    });
  }

  it('compresses snappy with xerial framing', () => {
    const c = compress(Codec.SNAPPY, sample(100_000));
    expect(c.subarray(0, 8).equals(Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]))).to.equal(true);
    expect(c.readInt32BE(8)).to.equal(1);
    expect(c.readInt32BE(12)).to.equal(1);
    // 100000 bytes in 32 KiB blocks → 4 blocks
    let pos = 16;
    let blocks = 0;
    while (pos < c.length) { pos += 4 + c.readInt32BE(pos); blocks++; }
    expect(pos).to.equal(c.length);
    expect(blocks).to.equal(4);
  });

  it('decompresses raw (unframed) snappy', () => {
    const data = sample(5000);
    const raw = snappy.compressSync(data);
    expect(decompress(Codec.SNAPPY, raw).equals(data)).to.equal(true);
  });

  it('decompresses hand-built xerial framing with several blocks', () => {
    const a = Buffer.from('first block '.repeat(50));
    const b = Buffer.from('second block '.repeat(70));
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
    const parts: Buffer[] = [header];
    for (const blk of [a, b]) {
      const comp = snappy.compressSync(blk);
      const len = Buffer.alloc(4);
      len.writeInt32BE(comp.length);
      parts.push(len, comp);
    }
    expect(decompress(Codec.SNAPPY, Buffer.concat(parts)).equals(Buffer.concat([a, b]))).to.equal(true);
  });

  it('lz4 output is an LZ4 frame', () => {
    const c = compress(Codec.LZ4, sample(1000));
    expect(c.readUInt32LE(0)).to.equal(0x184d2204);
  });

  it('rejects garbage and unknown codecs with SAMSA_ERR_CORRUPT_BATCH', () => {
    const garbage = Buffer.from('definitely not compressed data at all');
    for (const codec of [Codec.GZIP, Codec.SNAPPY, Codec.LZ4, Codec.ZSTD, 5, 7]) {
      let err: unknown;
      try { decompress(codec, garbage); } catch (e) { err = e; }
      expect(err, `codec ${codec}`).to.be.instanceOf(SamsaError);
      expect((err as SamsaError).code).to.equal('SAMSA_ERR_CORRUPT_BATCH');
    }
    expect(() => compress(6, garbage)).to.throw(SamsaError);
  });

  it('rejects truncated xerial data', () => {
    const c = compress(Codec.SNAPPY, sample(70_000));
    expect(() => decompress(Codec.SNAPPY, c.subarray(0, c.length - 10))).to.throw(SamsaError);
  });
});
