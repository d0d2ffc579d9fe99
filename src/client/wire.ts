// The client's view of the protocol codec: request frames out, response frames in.
// Injectable so connection logic can be tested without the real codec.
import { encodeRequestFrame, decodeResponseFrame } from '../protocol/header';
import { apiVersionRange } from '../protocol/apis';

export interface Wire {
  /** Request frame with its int32 size prefix, as buffers to write. */
  encodeRequestFrame(apiKey: number, apiVersion: number, correlationId: number, clientId: string | null, body: unknown): Buffer[];
  /** Decodes a response frame (without size prefix). */
  decodeResponseFrame(apiKey: number, apiVersion: number, frame: Buffer): { correlationId: number; body: any };
  /** Versions the codec can encode/decode, or null when it does not know the API. */
  apiVersionRange(apiKey: number): { min: number; max: number } | null;
}

const wire: Wire = {
  encodeRequestFrame,
  decodeResponseFrame,
  apiVersionRange: (k) => apiVersionRange(k) ?? null,
};

/** The real codec (src/protocol). */
export function protocolWire(): Wire { return wire; }
