// The persistent state of a consumer group, and what is derived from it without timers:
// the full set of records that rebuild it, replay of those records, and the
// ConsumerGroupDescribe view.
import { ErrorCode } from '../../../protocol/error-codes';
import { type Assignment, EMPTY_ASSIGNMENT } from './assignment';
import { type ConsumerGroupMember, MemberState, newMember } from './member';
import {
  type ConsumerGroupRecord, type GroupRecord, type SubscribedTopicMetadata, currentAssignmentRecord, decodeConsumerGroupRecord, groupEpochRecord,
  memberMetadataRecord, partitionMetadataRecord, targetAssignmentEpochRecord, targetAssignmentMemberRecord,
} from './records';
import { type ConsumerGroupState, type DescribedGroup, type DescribedTopicPartitions, GROUP_STATE_NAMES, type TopicsView } from './types';

export interface GroupState {
  readonly groupId: string;
  groupEpoch: number;
  assignmentEpoch: number;
  /** Subscribed topics by name. */
  subscription: Map<string, SubscribedTopicMetadata>;
  members: Map<string, ConsumerGroupMember>;
  /** Target assignment by member id. */
  targets: Map<string, Assignment>;
}

export function emptyState(groupId: string): GroupState {
  return { groupId, groupEpoch: 0, assignmentEpoch: 0, subscription: new Map(), members: new Map(), targets: new Map() };
}

/**
 * Loads a group's records (raw or decoded, in log order) into an empty state; records of
 * other groups and types are skipped. False when they leave no group.
 */
export function loadState(s: GroupState, records: Iterable<GroupRecord | ConsumerGroupRecord>): boolean {
  const withMetadata = new Set<string>();
  let exists = false;
  for (const raw of records) {
    const r = 'type' in raw ? raw : decodeConsumerGroupRecord(raw);
    if (!r || r.groupId !== s.groupId) continue;
    exists = applyRecord(s, r, withMetadata) ? exists || r.type === 3 : false;
  }
  for (const id of [...s.members.keys()]) if (!withMetadata.has(id)) s.members.delete(id);
  for (const id of [...s.targets.keys()]) if (!s.members.has(id)) s.targets.delete(id);
  return exists || s.members.size > 0;
}

/** KIP-848 group state. */
export function groupStateOf(s: GroupState): Exclude<ConsumerGroupState, 'dead'> {
  if (s.members.size === 0) return 'empty';
  if (s.groupEpoch > s.assignmentEpoch) return 'assigning';
  for (const m of s.members.values()) {
    if (m.memberEpoch !== s.assignmentEpoch || m.state !== MemberState.STABLE) return 'reconciling';
  }
  return 'stable';
}

/** Records that rebuild the whole group (for a snapshot or after compaction). */
export function snapshotRecords(s: GroupState): GroupRecord[] {
  const members = [...s.members.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const out: GroupRecord[] = members.map((m) => memberMetadataRecord(s.groupId, m));
  out.push(groupEpochRecord(s.groupId, s.groupEpoch));
  out.push(partitionMetadataRecord(s.groupId, [...s.subscription.values()]));
  for (const m of members) out.push(targetAssignmentMemberRecord(s.groupId, m.memberId, s.targets.get(m.memberId) ?? EMPTY_ASSIGNMENT));
  out.push(targetAssignmentEpochRecord(s.groupId, s.assignmentEpoch));
  for (const m of members) out.push(currentAssignmentRecord(s.groupId, m));
  return out;
}

/**
 * Applies one record during load. Returns false when the record deletes the group.
 * Members are created by either of their records; `withMetadata` collects those that have
 * member metadata (the others are dropped when the load ends).
 */
export function applyRecord(s: GroupState, r: ConsumerGroupRecord, withMetadata: Set<string>): boolean {
  switch (r.type) {
    case 3:
      if (r.value === null) {
        s.groupEpoch = 0; s.assignmentEpoch = 0; s.subscription.clear(); s.members.clear(); s.targets.clear(); withMetadata.clear();
        return false;
      }
      s.groupEpoch = r.value.epoch;
      return true;
    case 4:
      s.subscription = new Map((r.value?.topics ?? []).map((t) => [t.topicName, t]));
      return true;
    case 5: {
      if (r.value === null) { s.members.delete(r.memberId); withMetadata.delete(r.memberId); return true; }
      const v = r.value;
      const m = s.members.get(r.memberId) ?? newMember(r.memberId);
      s.members.set(r.memberId, {
        ...m, instanceId: v.instanceId, rackId: v.rackId, clientId: v.clientId, clientHost: v.clientHost,
        subscribedTopicNames: [...new Set(v.subscribedTopicNames)].sort(), subscribedTopicRegex: v.subscribedTopicRegex,
        rebalanceTimeoutMs: v.rebalanceTimeoutMs, serverAssignor: v.serverAssignor,
      });
      withMetadata.add(r.memberId);
      return true;
    }
    case 6:
      s.assignmentEpoch = r.value?.assignmentEpoch ?? 0;
      return true;
    case 7:
      if (r.value === null) s.targets.delete(r.memberId);
      else s.targets.set(r.memberId, r.value.assignment);
      return true;
    case 8: {
      const m = s.members.get(r.memberId);
      if (r.value === null) {
        if (m) s.members.set(r.memberId, { ...m, memberEpoch: 0, previousMemberEpoch: 0, state: MemberState.STABLE, assigned: EMPTY_ASSIGNMENT, pendingRevocation: EMPTY_ASSIGNMENT });
        return true;
      }
      const v = r.value;
      s.members.set(r.memberId, {
        ...(m ?? newMember(r.memberId)), memberEpoch: v.memberEpoch, previousMemberEpoch: v.previousMemberEpoch,
        state: v.state, assigned: v.assigned, pendingRevocation: v.pendingRevocation,
      });
      return true;
    }
  }
}

function describeAssignment(a: Assignment, topics: TopicsView, s: GroupState): { topicPartitions: DescribedTopicPartitions[] } {
  const names = new Map([...s.subscription.values()].map((t) => [t.topicId, t.topicName]));
  return {
    topicPartitions: [...a].map(([topicId, partitions]) => ({
      topicId, topicName: topics.byId(topicId)?.name ?? names.get(topicId) ?? '', partitions: [...partitions],
    })),
  };
}

/** The ConsumerGroupDescribe entry of a live group. */
export function describeState(s: GroupState, topics: TopicsView, assignorName: string): DescribedGroup {
  const members = [...s.members.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    groupId: s.groupId,
    groupState: GROUP_STATE_NAMES[groupStateOf(s)],
    groupEpoch: s.groupEpoch,
    assignmentEpoch: s.assignmentEpoch,
    assignorName,
    members: members.map((m) => ({
      memberId: m.memberId,
      instanceId: m.instanceId,
      rackId: m.rackId,
      memberEpoch: m.memberEpoch,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: [...m.subscribedTopicNames],
      subscribedTopicRegex: m.subscribedTopicRegex,
      assignment: describeAssignment(m.assigned, topics, s),
      targetAssignment: describeAssignment(s.targets.get(m.memberId) ?? EMPTY_ASSIGNMENT, topics, s),
    })),
    authorizedOperations: -2147483648,
  };
}

/** The ConsumerGroupDescribe entry for a group that does not exist (any more). */
export function describeMissing(groupId: string): DescribedGroup {
  return {
    errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} not found.`, groupId,
    groupState: GROUP_STATE_NAMES.dead, groupEpoch: -1, assignmentEpoch: -1, assignorName: '', members: [],
    authorizedOperations: -2147483648,
  };
}
