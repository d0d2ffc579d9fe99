// Every API key, every version, both directions, plus the header and data schemas:
// schema-driven values with non-default data in every present field round-trip through
// encode → decode → encode byte-identically.
import { expect } from 'chai';
import { getCodec, getDataCodec, getSchemaCodec } from '../../../src/protocol/codec';
import { DATA, HEADERS, REQUESTS, RESPONSES } from '../../../src/protocol/generated/messages';
import { MessageDef } from '../../../src/protocol/schema';
import { Variant, absentMismatches, makeValue, project, versionsOf } from './value-gen';
import { Codec } from '../../../src/protocol/codec';

function roundTrip(def: MessageDef, version: number, codec: Codec, variant: Variant): void {
  const input = makeValue(def, version, variant);
  const bytes = codec.encode(input);
  const decoded = codec.decode(bytes);
  const where = `${def.name} v${version} variant ${variant}`;
  expect(project(decoded, def.f, version), where).to.deep.equal(input);
  expect(absentMismatches(decoded, def.f, version), `${where}: absent fields not defaulted`).to.deep.equal([]);
  const again = codec.encode(decoded);
  expect(again.equals(bytes), `${where}: re-encode differs`).to.equal(true);
}

describe('protocol codecs: round trip of every api, version and direction', () => {
  let checked = 0;
  after(() => { console.log(`      (${checked} schema/version/variant combinations checked)`); });

  it('covers api keys 0-87 in both directions', () => {
    expect(REQUESTS.length).to.equal(88);
    expect(RESPONSES.length).to.equal(88);
    REQUESTS.forEach((d, k) => expect(d.apiKey).to.equal(k));
    RESPONSES.forEach((d, k) => expect(d.apiKey).to.equal(k));
  });

  for (const [dir, defs] of [['request', REQUESTS], ['response', RESPONSES]] as const) {
    for (const def of defs) {
      it(`${def.name} (${def.vv})`, () => {
        for (const v of versionsOf(def)) {
          const codec = getCodec(def.apiKey as number, v, dir);
          for (const variant of [0, 1] as const) { roundTrip(def, v, codec, variant); checked++; }
        }
      });
    }
  }

  for (const def of [...Object.values(HEADERS), ...Object.values(DATA)]) {
    it(`${def.name} (${def.vv})`, () => {
      for (const v of versionsOf(def)) {
        const codec = getSchemaCodec(def, v);
        for (const variant of [0, 1] as const) { roundTrip(def, v, codec, variant); checked++; }
      }
    });
  }

  it('rejects unknown api keys and versions with ProtocolError', () => {
    expect(() => getCodec(88, 0, 'request')).to.throw('unknown api key');
    expect(() => getCodec(-1, 0, 'request')).to.throw('unknown api key');
    expect(() => getCodec(0, 12, 'request')).to.throw('unsupported version');
    expect(() => getCodec(0, -1, 'response')).to.throw('unsupported version');
    expect(() => getDataCodec('NoSuchSchema', 0)).to.throw('unknown data schema');
    expect(() => getDataCodec('ConsumerProtocolSubscription', 4)).to.throw('unsupported version');
  });
});
