// Shapes shared by the group coordinator shard, its classic-group logic and other group
// types living in the same shard (KIP-848 consumer groups): the injected clock and log,
// the configuration, and the seam every group type implements (ShardGroup).

/** Time and timers, injected so the shard runs on a test's own thread with a fake clock. */
export interface GroupClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
}

/** One __consumer_offsets record; value null is a tombstone. */
export interface GroupRecord { key: Buffer; value: Buffer | null }

/** Appends to this shard's __consumer_offsets partition; resolves when acknowledged. */
export interface GroupLogWriter { append(records: GroupRecord[]): Promise<void> }

/** From ServerConfig: group.min/max.session.timeout.ms, group.initial.rebalance.delay.ms,
 *  group.max.size, offsets.retention.minutes (in ms), offsets.retention.check.interval.ms,
 *  offset.metadata.max.bytes. */
export interface GroupConfig {
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  initialRebalanceDelayMs: number;
  maxSize: number;
  offsetsRetentionMs: number;
  offsetsRetentionCheckIntervalMs: number;
  offsetMetadataMaxBytes: number;
}

export const DEFAULT_GROUP_CONFIG: Readonly<GroupConfig> = Object.freeze({
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1800000,
  initialRebalanceDelayMs: 3000,
  maxSize: 2147483647,
  offsetsRetentionMs: 10080 * 60 * 1000,
  offsetsRetentionCheckIntervalMs: 600000,
  offsetMetadataMaxBytes: 4096,
});

export interface RequestInfo { clientId: string; clientHost: string }

/** The subset of pino the shard uses. */
export interface GroupLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const NOOP_LOGGER: GroupLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Which base time offsets of a group expire from (Kafka's offset expiration condition). */
export interface OffsetExpiration {
  /** 'state': from when the group entered its current state; 'commit': from each commit. */
  base: 'state' | 'commit';
  /** Offsets of topics the group is subscribed to never expire. */
  skipSubscribed: boolean;
}

/**
 * What the shard needs from any group living in it. ClassicGroup implements it; a
 * KIP-848 ConsumerGroup (another file) does too, sharing the group id space and the
 * offsets store. Validation methods return a Kafka error code (0 = allowed).
 */
export interface ShardGroup {
  readonly groupId: string;
  /** ListGroups' GroupType: 'classic' or 'consumer'. */
  readonly type: string;
  /** Kafka's state name ('Empty', 'Stable', ...). */
  stateName(): string;
  /** ListGroups/DescribeGroups protocol type ('' when none). */
  protocolTypeName(): string;
  /** No members: offsets may expire and the group may be deleted. */
  isEmpty(): boolean;
  isSubscribedToTopic(topic: string): boolean;
  validateOffsetCommit(memberId: string, groupInstanceId: string | null, generationOrEpoch: number, apiVersion: number): number;
  validateOffsetFetch(memberId: string | null, memberEpoch: number, apiVersion: number): number;
  validateOffsetDelete(): number;
  validateDeleteGroup(): number;
  /** How committed offsets expire, or null when they must not expire now. */
  offsetExpiration(): OffsetExpiration | null;
  /** When the group entered its current state (ms), or -1. */
  stateTimestamp(): number;
  /** Tombstones of the group's own records (not its offsets), written when it is deleted. */
  deletionRecords(): { key: Buffer; value: null }[];
  /** The group is being deleted: refuse further work, cancel its timers. */
  markDead(): void;
  /** DescribeGroups entry, if the group type supports the classic describe. */
  describe?(includeAuthorizedOperations: boolean): object;
}

/**
 * Another group type plugged into a shard: serves its own API keys through handle() and
 * replays its own record key versions (KIP-848: 3 and up).
 */
export interface GroupTypeExtension {
  readonly apiKeys: readonly number[];
  handle(apiKey: number, version: number, body: any, info: RequestInfo): Promise<any>;
  readonly recordKeyVersions: readonly number[];
  replay(keyVersion: number, key: Buffer, value: Buffer | null): void;
  /** Called once replay() has consumed its records. */
  afterReplay?(): void;
  close?(): void;
}

/** Authorized operations on a group with no authorizer: READ(3), DELETE(6), DESCRIBE(8). */
export const GROUP_AUTHORIZED_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;
