// The error a group API answers with when its append to __consumer_offsets fails
// (Kafka's mapping in the group coordinator).
import { ErrorCode } from '../../protocol/error-codes';

function common(code: number): number | undefined {
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    default:
      return undefined;
  }
}

const TOO_LARGE: ReadonlySet<number> = new Set([ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.RECORD_LIST_TOO_LARGE, ErrorCode.INVALID_FETCH_SIZE]);

/** For group metadata writes (SyncGroup, static member rejoin, DeleteGroups). */
export function groupAppendError(code: number): number {
  if (code === ErrorCode.NONE) return ErrorCode.NONE;
  if (TOO_LARGE.has(code)) return ErrorCode.UNKNOWN_SERVER_ERROR;
  if (code === ErrorCode.REQUEST_TIMED_OUT) return ErrorCode.REBALANCE_IN_PROGRESS;
  return common(code) ?? (code === ErrorCode.COORDINATOR_NOT_AVAILABLE || code === ErrorCode.NOT_COORDINATOR ? code : ErrorCode.UNKNOWN_SERVER_ERROR);
}

/** For offset commits and deletes. */
export function offsetAppendError(code: number): number {
  if (code === ErrorCode.NONE) return ErrorCode.NONE;
  if (TOO_LARGE.has(code)) return ErrorCode.INVALID_COMMIT_OFFSET_SIZE;
  return common(code) ?? code;
}
