// The partition actor: sole owner of one partition's log. Everything that touches the
// log goes through here, one message at a time, on the handler worker that owns it.
import type { Logger } from 'pino';
import { ErrorCode } from '../../protocol/error-codes';
import { kafkaErrorOf, SamsaError } from '../../runtime/samsa-error';
import { PartitionLog, type AppendResult, type LogConfig } from '../../storage/log';

export interface PartitionSpecLike { topic: string; partition: number; topicId: string; dir: string; logConfig: LogConfig }

export interface ReadOutcome { errorCode: number; highWatermark: number; logStartOffset: number; records: Buffer | null }

export class PartitionActor {
  readonly log: PartitionLog;
  leaderEpoch = 0;
  /** Parked fetches waiting for data on this partition. */
  readonly watchers = new Set<(appendedBytes: number) => void>();

  constructor(readonly spec: PartitionSpecLike, cleanShutdown: boolean, logger: Logger) {
    this.log = PartitionLog.open(spec.dir, spec.logConfig, { cleanShutdown, logger });
  }

  get key(): string { return partitionKey(this.spec.topic, this.spec.partition); }

  produce(records: Buffer): AppendResult {
    const size = records.length;
    const res = this.log.appendAsLeader(records, this.leaderEpoch);
    for (const w of [...this.watchers]) w(size);
    return res;
  }

  read(fetchOffset: number, maxBytes: number, minOneBatch: boolean): ReadOutcome {
    try {
      const r = this.log.read(fetchOffset, maxBytes, minOneBatch);
      return { errorCode: 0, highWatermark: r.logEndOffset, logStartOffset: r.logStartOffset, records: r.records.length > 0 ? r.records : null };
    } catch (err) {
      return { errorCode: kafkaErrorOf(err), highWatermark: this.log.logEndOffset, logStartOffset: this.log.logStartOffset, records: null };
    }
  }

  listOffset(timestamp: number): { errorCode: number; offset: number; timestamp: number } {
    const r = this.log.offsetForTimestamp(timestamp);
    if (!r) return { errorCode: 0, offset: -1, timestamp: -1 };
    return { errorCode: 0, offset: r.offset, timestamp: r.timestamp };
  }

  /** OffsetForLeaderEpoch: the end offset of the requested epoch (one epoch per leader term). */
  endOffsetForEpoch(epoch: number): { errorCode: number; leaderEpoch: number; endOffset: number } {
    if (epoch > this.leaderEpoch) return { errorCode: 0, leaderEpoch: -1, endOffset: -1 };
    return { errorCode: 0, leaderEpoch: this.leaderEpoch, endOffset: this.log.logEndOffset };
  }

  checkLeaderEpoch(current: number): number {
    if (current < 0) return ErrorCode.NONE;
    if (current < this.leaderEpoch) return ErrorCode.FENCED_LEADER_EPOCH;
    if (current > this.leaderEpoch) return ErrorCode.UNKNOWN_LEADER_EPOCH;
    return ErrorCode.NONE;
  }

  deleteRecordsBefore(offset: number): number {
    const target = offset === -1 ? this.log.logEndOffset : offset;
    if (target < 0) throw new SamsaError('SAMSA_ERR_OFFSET_OUT_OF_RANGE', `offset ${offset}`);
    return this.log.deleteRecordsBefore(target);
  }
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
