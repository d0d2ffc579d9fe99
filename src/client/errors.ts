// Client-side errors: Kafka error codes from responses, and transport failures.
import { errorName, RETRIABLE } from '../protocol/error-codes';

/** A non-zero Kafka error code in a response; `name` is the code's name (e.g. TOPIC_ALREADY_EXISTS). */
export class KafkaProtocolError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly retriable: boolean;
  constructor(code: number, detail?: string | null) {
    const codeName = errorName(code);
    super(detail ? `${codeName}: ${detail}` : codeName);
    this.name = 'KafkaProtocolError';
    this.code = code;
    this.codeName = codeName;
    this.retriable = RETRIABLE.has(code);
  }
}

/** The connection to a broker failed or closed; requests on it did not complete. */
export class ConnectionError extends Error {
  readonly retriable = true;
  readonly broker: string;
  readonly detail: string;
  constructor(broker: string, detail: string, cause?: unknown) {
    super(`connection to ${broker}: ${detail}`, cause !== undefined ? { cause } : undefined);
    this.name = 'ConnectionError';
    this.broker = broker;
    this.detail = detail;
  }
}

/** No response within the request timeout. */
export class RequestTimeoutError extends Error {
  readonly retriable = true;
  constructor(broker: string, what: string, timeoutMs: number) {
    super(`${what} to ${broker} timed out after ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** The broker supports no version of an API that this client can speak. */
export class UnsupportedVersionError extends Error {
  readonly retriable = false;
  constructor(detail: string) {
    super(detail);
    this.name = 'UnsupportedVersionError';
  }
}

/** Throws KafkaProtocolError when code is non-zero. */
export function check(code: number | undefined, detail?: string | null): void {
  if (code) throw new KafkaProtocolError(code, detail);
}

export function isRetriable(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { retriable?: boolean }).retriable === true;
}
