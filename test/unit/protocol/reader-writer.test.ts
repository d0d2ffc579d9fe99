import { expect } from 'chai';
import { ProtocolError } from '../../../src/protocol/codec';
import { Reader } from '../../../src/protocol/reader';
import { RAW_CHUNK_MIN, Writer } from '../../../src/protocol/writer';

describe('protocol Reader/Writer', () => {
  it('round-trips primitives across scratch-buffer growth', () => {
    const w = new Writer(16);
    for (let i = 1; i <= 300; i++) {
      w.int8(-(i % 128) | 0).int16(-i * 7).uint16(i * 200).int32(-i * 100003).uint32(i * 14000000)
        .int64(-(2 ** 50) + i).float64(i / 3).bool(i % 2 === 0).uvarint(i * 1000).varint(-i * 99).varlong(-(2 ** 45) - i);
    }
    const r = new Reader(w.toBuffer());
    for (let i = 1; i <= 300; i++) {
      expect([r.int8(), r.int16(), r.uint16(), r.int32(), r.uint32(), r.int64(), r.float64(), r.bool(), r.uvarint(), r.varint(), r.varlong()])
        .to.deep.equal([-(i % 128) | 0, -i * 7, i * 200, -i * 100003, i * 14000000, -(2 ** 50) + i, i / 3, i % 2 === 0, i * 1000, -i * 99, -(2 ** 45) - i]);
    }
    expect(r.remaining).to.equal(0);
  });

  it('encodes varints as Kafka does', () => {
    const hex = (f: (w: Writer) => void): string => { const w = new Writer(); f(w); return w.toBuffer().toString('hex'); };
    expect(hex((w) => w.uvarint(0))).to.equal('00');
    expect(hex((w) => w.uvarint(300))).to.equal('ac02');
    expect(hex((w) => w.uvarint(0xffffffff))).to.equal('ffffffff0f');
    expect(hex((w) => w.varint(-1))).to.equal('01');
    expect(hex((w) => w.varint(1))).to.equal('02');
    expect(hex((w) => w.varint(-2147483648))).to.equal('ffffffff0f');
    expect(hex((w) => w.varlong(-1))).to.equal('01');
    expect(hex((w) => w.int64(-1))).to.equal('ffffffffffffffff');
    expect(hex((w) => w.int64(BigInt('9223372036854775807')))).to.equal('7fffffffffffffff');
    expect(new Reader(Buffer.from('ffffffff0f', 'hex')).uvarint()).to.equal(0xffffffff);
    expect(new Reader(Buffer.from('7fffffffffffffff', 'hex')).int64n()).to.equal(BigInt('9223372036854775807'));
  });

  it('handles strings, uuids and bytes', () => {
    const w = new Writer(8);
    w.string('héllo').nullableString(null).compactString('').compactNullableString(null).compactString('x'.repeat(40));
    w.uuid('AAAAAAAAAAAAAAAAAAAAAA').uuid('fIOKkZifpq20u8LJ0Nfe5Q').bytes(Buffer.from([1, 2])).compactNullableBytes(null);
    const r = new Reader(w.toBuffer());
    expect(r.string()).to.equal('héllo');
    expect(r.nullableString()).to.equal(null);
    expect(r.compactString()).to.equal('');
    expect(r.compactNullableString()).to.equal(null);
    expect(r.compactString()).to.equal('x'.repeat(40));
    expect(r.uuid()).to.equal('AAAAAAAAAAAAAAAAAAAAAA');
    expect(r.uuid()).to.equal('fIOKkZifpq20u8LJ0Nfe5Q');
    expect(r.bytes()).to.deep.equal(Buffer.from([1, 2]));
    expect(r.compactNullableBytes()).to.equal(null);
    expect(() => new Writer().uuid('too-short')).to.throw(ProtocolError);
    expect(() => new Writer().string('x'.repeat(40000))).to.throw(ProtocolError);
  });

  it('keeps large raw buffers as separate chunks and copies small ones', () => {
    const big = Buffer.alloc(RAW_CHUNK_MIN, 1);
    const small = Buffer.alloc(10, 2);
    const w = new Writer();
    w.int32(5).raw(big).raw(small).int8(1);
    const chunks = w.finish();
    expect(chunks.length).to.equal(3);
    expect(chunks[1]).to.equal(big);
    expect(chunks.includes(small)).to.equal(false);
    expect(w.length).to.equal(4 + RAW_CHUNK_MIN + 10 + 1);
  });
});
