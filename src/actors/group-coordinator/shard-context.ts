// What the parts of a group coordinator shard share: configuration, clock, timers, the
// groups and offsets of the shard, and the ordered write path to the log.
import type { KeyedTimers } from './keyed-timers';
import type { OffsetStore } from './offset-store';
import type { GroupClock, GroupConfig, GroupLogger, GroupRecord, ShardGroup } from './types';

export interface ShardContext {
  readonly partition: number;
  readonly config: GroupConfig;
  readonly clock: GroupClock;
  readonly logger: GroupLogger;
  /** Every live group of the shard, whatever its type (Dead groups are removed). */
  readonly groups: Map<string, ShardGroup>;
  readonly offsets: OffsetStore;
  readonly timers: KeyedTimers;
  /**
   * Appends records. `apply` runs once the append settled (error 0 = acknowledged),
   * strictly in the order write() was called, so in-memory state follows the log's order.
   * Resolves with 0 or the Kafka error code of the failed append.
   */
  write(records: GroupRecord[], apply?: (error: number) => void): Promise<number>;
}
