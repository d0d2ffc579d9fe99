// Truncated or lying input must fail with ProtocolError, never RangeError, a huge
// allocation or a silently short value.
import { expect } from 'chai';
import { ProtocolError, getCodec } from '../../../src/protocol/codec';
import { REQUESTS, RESPONSES } from '../../../src/protocol/generated/messages';
import { Reader } from '../../../src/protocol/reader';
import { Writer } from '../../../src/protocol/writer';
import { makeValue } from './value-gen';

function expectProtocolError(fn: () => unknown, what: string): void {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err, `${what}: should throw`).to.be.instanceOf(Error);
  expect(err, `${what}: ${String(err)}`).to.be.instanceOf(ProtocolError);
}

describe('protocol codecs: malformed input', () => {
  const cases: [number, number, 'request' | 'response'][] = [
    [0, 3, 'request'], [0, 9, 'request'], [0, 11, 'request'],
    [1, 4, 'response'], [1, 12, 'response'], [1, 16, 'response'],
    [3, 1, 'response'], [3, 12, 'response'],
    [19, 2, 'request'], [19, 7, 'request'],
  ];
  for (const [key, version, dir] of cases) {
    const def = (dir === 'request' ? REQUESTS : RESPONSES)[key];
    it(`every strict prefix of ${def.name} v${version} throws ProtocolError`, () => {
      const codec = getCodec(key, version, dir);
      for (const variant of [0, 1] as const) {
        const bytes = codec.encode(makeValue(def, version, variant));
        expect(() => codec.decode(bytes)).to.not.throw();
        for (let n = 0; n < bytes.length; n++) {
          expectProtocolError(() => codec.decode(bytes.subarray(0, n)), `prefix ${n}/${bytes.length}`);
          expectProtocolError(() => codec.decode(bytes, 0, n), `range end ${n}/${bytes.length}`);
        }
      }
    });
  }

  it('rejects an int32 array count of 2^31-1 in a 20-byte buffer at once', () => {
    // Produce v3: transactionalId (null), acks, timeoutMs, topicData count
    const buf = Buffer.alloc(20);
    new Writer().int16(-1).int16(1).int32(1000).int32(0x7fffffff).toBuffer().copy(buf);
    expectProtocolError(() => getCodec(0, 3, 'request').decode(buf), 'huge count');
  });

  it('rejects a compact array count of 2^31 in a 20-byte buffer at once', () => {
    const buf = Buffer.alloc(20);
    new Writer().uvarint(0).int16(1).int32(1000).uvarint(0x80000000).toBuffer().copy(buf);
    expectProtocolError(() => getCodec(0, 9, 'request').decode(buf), 'huge compact count');
  });

  it('rejects lengths beyond the input for strings, bytes and records', () => {
    expectProtocolError(() => new Reader(Buffer.from([0x7f, 0xff, 0x61])).string(), 'string');
    expectProtocolError(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0])).bytes(), 'bytes');
    expectProtocolError(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0])).records(), 'records');
    expectProtocolError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).compactRecords(), 'compact records');
    expectProtocolError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).uvarint(), 'long varint');
    expectProtocolError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x1f])).uvarint(), 'varint > 32 bits');
    expectProtocolError(() => new Reader(Buffer.alloc(4), 2, 8), 'bad range');
  });

  it('rejects null in non-nullable fields on decode and encode', () => {
    const c = getCodec(3, 1, 'request'); // topics[].name is a non-nullable string
    expectProtocolError(() => c.decode(new Writer().int32(1).int16(-1).toBuffer()), 'null string');
    expectProtocolError(() => c.encode({ topics: [{ name: null }] }), 'encode null');
    expectProtocolError(() => getCodec(0, 3, 'request').encode({ acks: 70000, timeoutMs: 1, topicData: [] }), 'int16 range');
    expectProtocolError(() => getCodec(1, 13, 'request').encode({ topics: [{ topicId: 'not-a-uuid' }] }), 'bad uuid');
  });

  it('random garbage never escapes as anything but ProtocolError', () => {
    let seed = 12345;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    const buf = Buffer.alloc(64);
    let decoded = 0;
    for (let k = 0; k < REQUESTS.length; k++) {
      for (const dir of ['request', 'response'] as const) {
        const def = (dir === 'request' ? REQUESTS : RESPONSES)[k];
        const max = Number(def.vv.split('-').pop());
        for (let v = 0; v <= max; v++) {
          const codec = getCodec(k, v, dir);
          for (let i = 0; i < 20; i++) {
            for (let j = 0; j < buf.length; j++) buf[j] = rnd() & 0xff;
            try { codec.decode(buf, 0, 8 + (rnd() % 56)); decoded++; } catch (e) {
              if (!(e instanceof ProtocolError)) throw new Error(`${def.name} v${v}: ${String(e)}`);
            }
          }
        }
      }
    }
    expect(decoded).to.be.a('number');
  });
});
