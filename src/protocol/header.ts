// Request/response headers and whole frames (int32 size prefix + header + body).
//
// Header versions follow Kafka: request header v0 (ControlledShutdown v0 only) has no
// clientId; v1 adds clientId as a classic int16-length nullable string (also in v2); v2
// (flexible APIs) adds a tagged-field section. Response header v1 (flexible APIs) adds a
// tagged-field section, except that ApiVersions responses always use header v0.
import { ApiKey, apiVersionRange, isFlexible } from './apis';
import { getCodec } from './codec';
import { Reader } from './reader';
import { ProtocolError } from './schema';
import { Writer } from './writer';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

export function requestHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 | 2 {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  return isFlexible(apiKey, apiVersion) ? 2 : 1;
}

export function responseHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 {
  if (apiKey === ApiKey.ApiVersions) return 0;
  return isFlexible(apiKey, apiVersion) ? 1 : 0;
}

/** Reads and discards a tagged-field section (headers define no known tags). */
function skipTaggedFields(r: Reader): void {
  let n = r.uvarint();
  if (n > r.remaining) throw new ProtocolError(`tagged field count ${n} exceeds the input`);
  for (; n > 0; n--) {
    r.uvarint();
    r.skip(r.uvarint());
  }
}

/**
 * Decodes a request header from a frame (the bytes after the int32 size prefix).
 * For an unknown API key, apiKey/apiVersion/correlationId are still returned; the clientId
 * is read as in header v1 if possible (else null, bodyOffset right after correlationId), so
 * the server can answer or close. Throws ProtocolError when fewer than 8 bytes are given
 * or a known header is malformed.
 */
export function decodeRequestHeader(frame: Buffer, offset = 0): { header: RequestHeader; bodyOffset: number } {
  const r = new Reader(frame, offset);
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const header: RequestHeader = { apiKey, apiVersion, correlationId, clientId: null };
  const hv = requestHeaderVersion(apiKey, apiVersion);
  if (hv === 0) return { header, bodyOffset: r.pos };
  if (apiVersionRange(apiKey) === undefined) {
    const pos = r.pos;
    try {
      header.clientId = r.nullableString();
    } catch {
      r.pos = pos;
    }
    return { header, bodyOffset: r.pos };
  }
  header.clientId = r.nullableString();
  if (hv === 2) skipTaggedFields(r);
  return { header, bodyOffset: r.pos };
}

/** Decodes the request body that follows a header decoded by decodeRequestHeader. */
export function decodeRequestBody(header: RequestHeader, frame: Buffer, bodyOffset: number): any {
  return getCodec(header.apiKey, header.apiVersion, 'request').decode(frame, bodyOffset);
}

function frame(w: Writer): Buffer[] {
  const chunks = w.finish();
  chunks[0].writeInt32BE(w.length - 4, 0);
  return chunks;
}

/** Encodes size prefix + response header + body as chunks (record buffers are not copied). */
export function encodeResponseFrame(apiKey: number, apiVersion: number, correlationId: number, body: unknown): Buffer[] {
  const codec = getCodec(apiKey, apiVersion, 'response');
  const w = new Writer();
  w.int32(0);
  w.int32(correlationId);
  if (responseHeaderVersion(apiKey, apiVersion) === 1) w.uvarint(0);
  codec.write(w, body);
  return frame(w);
}

/** Encodes size prefix + request header + body as chunks (record buffers are not copied). */
export function encodeRequestFrame(
  apiKey: number, apiVersion: number, correlationId: number, clientId: string | null, body: unknown,
): Buffer[] {
  const codec = getCodec(apiKey, apiVersion, 'request');
  const hv = requestHeaderVersion(apiKey, apiVersion);
  const w = new Writer();
  w.int32(0);
  w.int16(apiKey);
  w.int16(apiVersion);
  w.int32(correlationId);
  if (hv >= 1) w.nullableString(clientId);
  if (hv === 2) w.uvarint(0);
  codec.write(w, body);
  return frame(w);
}

/** Decodes a response frame (without the size prefix): header, then body. */
export function decodeResponseFrame(apiKey: number, apiVersion: number, frameBuf: Buffer): { correlationId: number; body: any } {
  const codec = getCodec(apiKey, apiVersion, 'response');
  const r = new Reader(frameBuf);
  const correlationId = r.int32();
  if (responseHeaderVersion(apiKey, apiVersion) === 1) skipTaggedFields(r);
  return { correlationId, body: codec.read(r) };
}
