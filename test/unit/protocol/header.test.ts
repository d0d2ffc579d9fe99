import { expect } from 'chai';
import { ApiKey } from '../../../src/protocol/apis';
import { ProtocolError, getCodec, getSchemaCodec } from '../../../src/protocol/codec';
import { HEADERS } from '../../../src/protocol/generated/messages';
import {
  decodeRequestBody, decodeRequestHeader, decodeResponseFrame, encodeRequestFrame, encodeResponseFrame,
  requestHeaderVersion, responseHeaderVersion,
} from '../../../src/protocol/header';
import { Writer } from '../../../src/protocol/writer';

const join = (chunks: Buffer[]): Buffer => Buffer.concat(chunks);

describe('protocol headers and frames', () => {
  it('picks header versions as Kafka does', () => {
    expect(requestHeaderVersion(ApiKey.Produce, 8)).to.equal(1);
    expect(requestHeaderVersion(ApiKey.Produce, 9)).to.equal(2);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 0)).to.equal(0);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 1)).to.equal(1);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 3)).to.equal(2);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 9)).to.equal(2); // newer than we know: still flexible
    expect(requestHeaderVersion(999, 0)).to.equal(1);
    expect(responseHeaderVersion(ApiKey.ApiVersions, 3)).to.equal(0);
    expect(responseHeaderVersion(ApiKey.Fetch, 11)).to.equal(0);
    expect(responseHeaderVersion(ApiKey.Fetch, 12)).to.equal(1);
    expect(responseHeaderVersion(ApiKey.Metadata, 9)).to.equal(1);
  });

  it('encodes an ApiVersions v3 request frame with a classic clientId and header tags', () => {
    const body = { clientSoftwareName: 'samsa', clientSoftwareVersion: '1.0' };
    const frame = join(encodeRequestFrame(ApiKey.ApiVersions, 3, 42, 'cli', body));
    const expected = new Writer().int32(0).int16(18).int16(3).int32(42).int16(3).raw(Buffer.from('cli')).uvarint(0)
      .uvarint(6).raw(Buffer.from('samsa')).uvarint(4).raw(Buffer.from('1.0')).uvarint(0).toBuffer();
    expected.writeInt32BE(expected.length - 4, 0);
    expect(frame.toString('hex')).to.equal(expected.toString('hex'));
    const { header, bodyOffset } = decodeRequestHeader(frame, 4);
    expect(header).to.deep.equal({ apiKey: 18, apiVersion: 3, correlationId: 42, clientId: 'cli' });
    expect(decodeRequestBody(header, frame, bodyOffset)).to.deep.equal(body);
  });

  it('skips tagged fields in a v2 request header', () => {
    const body = getCodec(ApiKey.Metadata, 12, 'request').encode({ topics: null, allowAutoTopicCreation: true });
    const frame = new Writer().int16(3).int16(12).int32(7).nullableString(null)
      .uvarint(2).uvarint(0).uvarint(3).raw(Buffer.from('abc')).uvarint(9).uvarint(0)
      .raw(body).toBuffer();
    const { header, bodyOffset } = decodeRequestHeader(frame);
    expect(header).to.deep.equal({ apiKey: 3, apiVersion: 12, correlationId: 7, clientId: null });
    expect(bodyOffset).to.equal(frame.length - body.length);
    expect(decodeRequestBody(header, frame, bodyOffset).allowAutoTopicCreation).to.equal(true);
  });

  it('uses request header v0 (no clientId) for ControlledShutdown v0', () => {
    const frame = join(encodeRequestFrame(ApiKey.ControlledShutdown, 0, 5, 'ignored', { brokerId: 3 }));
    expect(frame.length).to.equal(4 + 8 + 4);
    const { header, bodyOffset } = decodeRequestHeader(frame, 4);
    expect(header.clientId).to.equal(null);
    expect(decodeRequestBody(header, frame, bodyOffset).brokerId).to.equal(3);
  });

  it('writes ApiVersions responses with header v0 even in flexible versions', () => {
    const body = { errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 11 }], throttleTimeMs: 0 };
    const frame = join(encodeResponseFrame(ApiKey.ApiVersions, 3, 99, body));
    expect(frame.readInt32BE(0)).to.equal(frame.length - 4);
    expect(frame.readInt32BE(4)).to.equal(99);
    expect(frame.readInt16BE(8)).to.equal(0); // errorCode follows the correlation id directly
    const back = decodeResponseFrame(ApiKey.ApiVersions, 3, frame.subarray(4));
    expect(back.correlationId).to.equal(99);
    expect(back.body.apiKeys).to.deep.equal(body.apiKeys);
  });

  it('writes response header v1 (with tags) for flexible versions and round-trips the frame', () => {
    const body = { throttleTimeMs: 1, responses: [] };
    const frame = join(encodeResponseFrame(ApiKey.Fetch, 12, 7, body));
    expect(frame.readInt32BE(4)).to.equal(7);
    expect(frame[8]).to.equal(0); // empty header tag section
    expect(frame.readInt32BE(9)).to.equal(1);
    const r = decodeResponseFrame(ApiKey.Fetch, 12, frame.subarray(4));
    expect(r.correlationId).to.equal(7);
    expect(r.body.throttleTimeMs).to.equal(1);
  });

  it('agrees with the generated header schemas', () => {
    for (const hv of [0, 1, 2]) {
      const c = getSchemaCodec(HEADERS.RequestHeader, hv);
      const apiVersion = hv === 0 ? 0 : hv === 1 ? 1 : 9;
      const key = hv === 0 ? ApiKey.ControlledShutdown : ApiKey.Produce;
      const frame = join(encodeRequestFrame(key, apiVersion, 11, 'x', { topicData: [], brokerId: 1 }));
      const bodyLen = getCodec(key, apiVersion, 'request').encode({ topicData: [], brokerId: 1 }).length;
      const schemaBytes = c.encode({ requestApiKey: key, requestApiVersion: apiVersion, correlationId: 11, clientId: 'x' });
      expect(frame.subarray(4, frame.length - bodyLen).toString('hex')).to.equal(schemaBytes.toString('hex'));
    }
    for (const hv of [0, 1]) {
      const bytes = getSchemaCodec(HEADERS.ResponseHeader, hv).encode({ correlationId: 3 });
      const frame = join(encodeResponseFrame(ApiKey.Fetch, hv === 0 ? 11 : 12, 3, { responses: [] }));
      expect(frame.subarray(4, 4 + bytes.length).toString('hex')).to.equal(bytes.toString('hex'));
    }
  });

  it('still reads key, version and correlation id of unknown api keys', () => {
    const withClient = new Writer().int16(500).int16(2).int32(77).nullableString('c').int8(1).toBuffer();
    expect(decodeRequestHeader(withClient)).to.deep.equal({
      header: { apiKey: 500, apiVersion: 2, correlationId: 77, clientId: 'c' }, bodyOffset: 11,
    });
    const garbage = new Writer().int16(-3).int16(0).int32(78).int8(5).toBuffer();
    expect(decodeRequestHeader(garbage)).to.deep.equal({
      header: { apiKey: -3, apiVersion: 0, correlationId: 78, clientId: null }, bodyOffset: 8,
    });
    expect(() => decodeRequestBody({ apiKey: 500, apiVersion: 2, correlationId: 77, clientId: 'c' }, withClient, 11))
      .to.throw(ProtocolError);
  });

  it('throws ProtocolError for frames too short for a header', () => {
    expect(() => decodeRequestHeader(Buffer.alloc(7))).to.throw(ProtocolError);
    expect(() => decodeRequestHeader(new Writer().int16(0).int16(3).int32(1).int16(10).toBuffer())).to.throw(ProtocolError);
    expect(() => decodeResponseFrame(ApiKey.Fetch, 12, Buffer.alloc(3))).to.throw(ProtocolError);
  });
});
