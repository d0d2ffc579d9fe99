// The consumer group protocol plugged into a group coordinator shard: serves
// ConsumerGroupHeartbeat (68) and ConsumerGroupDescribe (69) for the shard's groups,
// replays record types 3–8 while the shard loads its __consumer_offsets partition, and
// writes what timers change. Consumer groups live in the shard's group map next to
// classic groups (one group id space).
import { ErrorCode } from '../../../protocol/error-codes';
import { ConsumerGroup } from '../consumer-group';
import { decodeConsumerGroupKey, type GroupRecord, RecordType } from './records';
import { describeMissing } from './state';
import type {
  ConsumerGroupConfig, ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse, DescribedGroup, GroupClock,
  HeartbeatContext, TopicsView,
} from './types';

export const CONSUMER_GROUP_HEARTBEAT_KEY = 68;
export const CONSUMER_GROUP_DESCRIBE_KEY = 69;

/** What the extension needs of any group in the shard's map. */
export interface HostedGroup {
  readonly groupId: string;
  readonly type: string;
  isEmpty(): boolean;
  deletionRecords(): { key: Buffer; value: null }[];
  markDead(): void;
}

/** What the extension needs of its shard (ShardContext fits). */
export interface ConsumerGroupHost {
  readonly clock: GroupClock;
  readonly groups: Map<string, HostedGroup>;
  /** Appends in call order; resolves with 0 or the Kafka error code of the failed append. */
  write(records: GroupRecord[], apply?: (error: number) => void): Promise<number>;
  readonly logger?: { warn(obj: object, msg?: string): void };
}

export interface ConsumerGroupExtensionOptions {
  topics: TopicsView;
  config?: Partial<ConsumerGroupConfig>;
  newMemberId?: () => string;
}

export class ConsumerGroupExtension {
  readonly apiKeys: readonly number[] = [CONSUMER_GROUP_HEARTBEAT_KEY, CONSUMER_GROUP_DESCRIBE_KEY];
  readonly recordKeyVersions: readonly number[] = Object.values(RecordType);
  private loading = new Map<string, GroupRecord[]>();

  constructor(private readonly host: ConsumerGroupHost, private readonly opts: ConsumerGroupExtensionOptions) {}

  async handle(apiKey: number, version: number, body: any, info: HeartbeatContext): Promise<any> {
    void version;
    if (apiKey === CONSUMER_GROUP_HEARTBEAT_KEY) return this.heartbeat(body as ConsumerGroupHeartbeatRequest, info);
    if (apiKey === CONSUMER_GROUP_DESCRIBE_KEY) {
      const groupIds: string[] = body.groupIds ?? [];
      return { throttleTimeMs: 0, groups: groupIds.map((id) => this.describe(id, !!body.includeAuthorizedOperations)) };
    }
    throw new Error(`api key ${apiKey} is not a consumer group API`);
  }

  /** The consumer group with this id, if the shard has one. */
  group(groupId: string): ConsumerGroup | undefined {
    const g = this.host.groups.get(groupId);
    return g instanceof ConsumerGroup ? g : undefined;
  }

  async heartbeat(req: ConsumerGroupHeartbeatRequest, info: HeartbeatContext): Promise<ConsumerGroupHeartbeatResponse> {
    const existing = this.host.groups.get(req.groupId);
    let g: ConsumerGroup | undefined;
    const before: GroupRecord[] = [];
    if (existing instanceof ConsumerGroup) {
      g = existing;
    } else if (existing && !existing.isEmpty()) {
      return failure(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${req.groupId} is not a consumer group.`);
    } else if (req.memberEpoch !== 0) {
      return failure(ErrorCode.UNKNOWN_MEMBER_ID, `Consumer group ${req.groupId} not found.`);
    } else {
      g = this.newGroup(req.groupId);
    }
    const resp = g.heartbeat(req, this.host.clock.now(), info);
    if (g !== existing) {
      if (g.isEmpty()) { g.markDead(); return resp; }
      // An empty classic group with this id gives way to the consumer group.
      if (existing) {
        before.push(...existing.deletionRecords());
        existing.markDead();
      }
      this.host.groups.set(g.groupId, g as unknown as HostedGroup);
    }
    const records = [...before, ...g.takeRecords()];
    if (records.length === 0) return resp;
    const code = await this.host.write(records);
    return code === 0 ? resp : failure(appendError(code), `The group coordinator could not write the group state (error ${code}).`);
  }

  describe(groupId: string, includeAuthorizedOperations: boolean): DescribedGroup {
    const g = this.host.groups.get(groupId);
    if (g instanceof ConsumerGroup) return g.consumerGroupDescribe(includeAuthorizedOperations);
    const d = describeMissing(groupId);
    if (g) d.errorMessage = `Group ${groupId} is not a consumer group.`;
    return d;
  }

  /** One record of types 3–8 read while loading; groups are built by afterReplay(). */
  replay(keyVersion: number, key: Buffer, value: Buffer | null): void {
    void keyVersion;
    const k = decodeConsumerGroupKey(key);
    if (!k) return;
    let list = this.loading.get(k.groupId);
    if (!list) this.loading.set(k.groupId, (list = []));
    list.push({ key, value });
  }

  afterReplay(): void {
    for (const [groupId, records] of this.loading) {
      const g = ConsumerGroup.replay(this.groupOptions(groupId), records);
      const other = this.host.groups.get(groupId);
      if (!g) {
        if (other instanceof ConsumerGroup) { other.markDead(); this.host.groups.delete(groupId); }
        continue;
      }
      if (other && !(other instanceof ConsumerGroup) && !other.isEmpty()) {
        this.host.logger?.warn({ group: groupId }, 'consumer group records for a group loaded as another type; kept the other');
        g.markDead();
        continue;
      }
      this.host.groups.set(groupId, g as unknown as HostedGroup);
    }
    this.loading = new Map();
  }

  close(): void {
    for (const g of this.host.groups.values()) if (g instanceof ConsumerGroup) g.close();
  }

  private newGroup(groupId: string): ConsumerGroup {
    return new ConsumerGroup(this.groupOptions(groupId));
  }

  private groupOptions(groupId: string) {
    return {
      groupId, topics: this.opts.topics, clock: this.host.clock, config: this.opts.config, newMemberId: this.opts.newMemberId,
      onTimerChange: (g: ConsumerGroup) => this.flush(g),
    };
  }

  /** Writes what a timer changed (a member expired or was fenced). */
  private flush(g: ConsumerGroup): void {
    const records = g.takeRecords();
    if (records.length === 0) return;
    this.host.write(records).then((code) => {
      if (code !== 0) this.host.logger?.warn({ group: g.groupId, error: code }, 'consumer group: writing a timeout failed');
    }, (err) => this.host.logger?.warn({ group: g.groupId, err: String(err) }, 'consumer group: writing a timeout failed'));
  }
}

/** Kafka's mapping of a failed __consumer_offsets append to the error a group API answers. */
function appendError(code: number): number {
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    default:
      return code;
  }
}

function failure(errorCode: number, errorMessage: string): ConsumerGroupHeartbeatResponse {
  return { throttleTimeMs: 0, errorCode, errorMessage, memberId: null, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: null };
}
