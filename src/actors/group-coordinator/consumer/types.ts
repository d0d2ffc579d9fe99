// What a consumer group (KIP-848) needs from its shard, and the protocol shapes it answers.
import type { ServerAssignor } from '../assignors/types';
import type { TopicPartitionsData } from './assignment';

/** Topic metadata as the broker knows it now. */
export interface TopicsView {
  byName(name: string): { topicId: string; partitions: number } | undefined;
  byId(topicId: string): { name: string; partitions: number } | undefined;
  /** Every topic name; needed only to resolve regular-expression subscriptions. */
  names?(): Iterable<string>;
}

/** Injected clock (a fake one in tests). */
export interface GroupClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
}

export interface ConsumerGroupConfig {
  /** group.consumer.heartbeat.interval.ms */
  heartbeatIntervalMs: number;
  /** group.consumer.session.timeout.ms */
  sessionTimeoutMs: number;
  /** group.consumer.max.size */
  maxSize: number;
  /** group.consumer.assignors: names (or assignor objects); the first is the default. */
  assignors: readonly (string | ServerAssignor)[];
}

export const DEFAULT_CONSUMER_GROUP_CONFIG: ConsumerGroupConfig = {
  heartbeatIntervalMs: 5000,
  sessionTimeoutMs: 45000,
  maxSize: 2147483647,
  assignors: ['uniform', 'range'],
};

/** ConsumerGroupHeartbeat request body (v0–v1); absent optional fields mean "unchanged" (null). */
export interface ConsumerGroupHeartbeatRequest {
  groupId: string;
  memberId: string;
  memberEpoch: number;
  instanceId?: string | null;
  rackId?: string | null;
  rebalanceTimeoutMs?: number;
  subscribedTopicNames?: string[] | null;
  subscribedTopicRegex?: string | null;
  serverAssignor?: string | null;
  topicPartitions?: TopicPartitionsData[] | null;
}

export interface ConsumerGroupHeartbeatResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  assignment: { topicPartitions: TopicPartitionsData[] } | null;
}

/** Client identity from the request header and connection. */
export interface HeartbeatContext { clientId?: string; clientHost?: string }

export interface DescribedTopicPartitions { topicId: string; topicName: string; partitions: number[] }

export interface DescribedMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: { topicPartitions: DescribedTopicPartitions[] };
  targetAssignment: { topicPartitions: DescribedTopicPartitions[] };
}

/** One entry of ConsumerGroupDescribe's `groups`. */
export interface DescribedGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  groupState: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: DescribedMember[];
  authorizedOperations: number;
}

/** Group states (KIP-848). */
export type ConsumerGroupState = 'empty' | 'assigning' | 'reconciling' | 'stable' | 'dead';

/** As Kafka spells them in ConsumerGroupDescribe and ListGroups. */
export const GROUP_STATE_NAMES: Record<ConsumerGroupState, string> = {
  empty: 'Empty', assigning: 'Assigning', reconciling: 'Reconciling', stable: 'Stable', dead: 'Dead',
};
