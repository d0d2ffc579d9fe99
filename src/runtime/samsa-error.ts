// samsa's own failures: one table of codes, each with the Kafka error code to answer with.
import { ErrorCode } from '../protocol/error-codes';

export const SamsaErrors = {
  SAMSA_ERR_PROTOCOL: { message: 'malformed protocol data', kafkaError: ErrorCode.CORRUPT_MESSAGE },
  SAMSA_ERR_CORRUPT_BATCH: { message: 'record batch failed validation', kafkaError: ErrorCode.CORRUPT_MESSAGE },
  SAMSA_ERR_INVALID_RECORD: { message: 'record failed validation', kafkaError: ErrorCode.INVALID_RECORD },
  SAMSA_ERR_UNSUPPORTED_MAGIC: { message: 'message format older than magic 2 is not supported', kafkaError: ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT },
  SAMSA_ERR_MESSAGE_TOO_LARGE: { message: 'record batch larger than max.message.bytes', kafkaError: ErrorCode.MESSAGE_TOO_LARGE },
  SAMSA_ERR_RECORD_LIST_TOO_LARGE: { message: 'produced records larger than segment.bytes', kafkaError: ErrorCode.RECORD_LIST_TOO_LARGE },
  SAMSA_ERR_OFFSET_OUT_OF_RANGE: { message: 'offset out of range', kafkaError: ErrorCode.OFFSET_OUT_OF_RANGE },
  SAMSA_ERR_STORAGE: { message: 'storage failure', kafkaError: ErrorCode.KAFKA_STORAGE_ERROR },
  SAMSA_ERR_CONFIG: { message: 'invalid configuration', kafkaError: ErrorCode.INVALID_CONFIG },
  SAMSA_ERR_UNKNOWN_TOPIC: { message: 'unknown topic or partition', kafkaError: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION },
  SAMSA_ERR_WORKER_LOST: { message: 'the worker owning this request stopped', kafkaError: ErrorCode.NOT_LEADER_OR_FOLLOWER },
  SAMSA_ERR_INTERNAL: { message: 'internal error', kafkaError: ErrorCode.UNKNOWN_SERVER_ERROR },
} as const;

export type SamsaErrorCode = keyof typeof SamsaErrors;

/** Plain-data form that crosses threads (postMessage drops classes). */
export interface ErrorData { code: SamsaErrorCode; message: string; kafkaError: number }

export class SamsaError extends Error {
  readonly code: SamsaErrorCode;
  readonly kafkaError: number;
  constructor(code: SamsaErrorCode, detail?: string, options?: { cause?: unknown; kafkaError?: number }) {
    const base = SamsaErrors[code];
    super(detail ? `${base.message}: ${detail}` : base.message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'SamsaError';
    this.code = code;
    this.kafkaError = options?.kafkaError ?? base.kafkaError;
  }
  toData(): ErrorData { return { code: this.code, message: this.message, kafkaError: this.kafkaError }; }

  /** Rebuild an error that crossed threads as plain data, message and Kafka code unchanged. */
  static fromData(data: ErrorData): SamsaError {
    const code = data.code in SamsaErrors ? data.code : 'SAMSA_ERR_INTERNAL';
    const err = new SamsaError(code, undefined, { kafkaError: data.kafkaError });
    err.message = data.message;
    return err;
  }
}

/** Kafka error code to answer with for any thrown value. */
export function kafkaErrorOf(err: unknown): number {
  if (err instanceof SamsaError) return err.kafkaError;
  if (err && typeof err === 'object' && typeof (err as ErrorData).kafkaError === 'number') return (err as ErrorData).kafkaError;
  return ErrorCode.UNKNOWN_SERVER_ERROR;
}
