// Names under which failed records are counted: the Kafka error code's name for errors the
// broker returned; client-side transport failures use the Kafka names of their client-side
// equivalents (NETWORK_EXCEPTION for a failed or closed connection, REQUEST_TIMED_OUT for
// no answer within the request timeout).
import { ConnectionError, KafkaProtocolError, RequestTimeoutError, UnsupportedVersionError } from '../client/errors';
import { errorName } from '../protocol/error-codes';

export function errorCodeName(err: unknown): string {
  if (err instanceof KafkaProtocolError) return err.codeName;
  if (err instanceof ConnectionError) return 'NETWORK_EXCEPTION';
  if (err instanceof RequestTimeoutError) return 'REQUEST_TIMED_OUT';
  if (err instanceof UnsupportedVersionError) return 'UNSUPPORTED_VERSION';
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'number') return errorName(code);
  return 'UNKNOWN_CLIENT_ERROR';
}

export function isRetriableError(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { retriable?: boolean }).retriable === true;
}
