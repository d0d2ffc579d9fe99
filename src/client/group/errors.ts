// Errors of the group consumer.
import { errorName } from '../../protocol/error-codes';

/**
 * A commit that cannot succeed because the member is not (or no longer) part of the
 * group's current generation; the partitions may already belong to another member.
 */
export class CommitFailedError extends Error {
  readonly retriable = false;
  /** The Kafka error code behind it, or 0 when the commit was not sent. */
  readonly code: number;
  constructor(code: number, detail: string) {
    super(`commit failed${code ? ` (${errorName(code)})` : ''}: ${detail}`);
    this.name = 'CommitFailedError';
    this.code = code;
  }
}

/** A partition without a committed offset while autoOffsetReset is 'none'. */
export class NoOffsetForPartitionError extends Error {
  readonly retriable = false;
  constructor(topic: string, partition: number) {
    super(`no committed offset for ${topic}-${partition} and autoOffsetReset is 'none'`);
    this.name = 'NoOffsetForPartitionError';
  }
}

/** The consumer was closed while an operation waited. */
export class ConsumerClosedError extends Error {
  readonly retriable = false;
  constructor() { super('the consumer is closed'); this.name = 'ConsumerClosedError'; }
}
