// The answers a consumer group gives to the shard's other APIs: offset commit and fetch
// checks by member epoch, the classic DescribeGroups entry, and deletion tombstones.
import { ErrorCode } from '../../../protocol/error-codes';
import { type GroupRecord, tombstone } from './records';
import type { GroupState } from './state';
import { GROUP_STATE_NAMES } from './types';

/** READ(3), DELETE(6) and DESCRIBE(8): everything a group allows when there is no authorizer. */
export const GROUP_AUTHORIZED_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

/**
 * OffsetCommit: the member epoch travels in the generation field (v9+ for this protocol).
 * A negative epoch (admin client, manual assignment) commits only while the group has no
 * members; otherwise the epoch must be the member's current one.
 */
export function offsetCommitError(s: GroupState, memberId: string, memberEpoch: number, apiVersion: number): number {
  if (memberEpoch < 0 && s.members.size === 0) return ErrorCode.NONE;
  const m = s.members.get(memberId);
  if (!m) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (apiVersion < 9) return ErrorCode.UNSUPPORTED_VERSION;
  return memberEpoch === m.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
}

/** OffsetFetch (v9+ may carry a member id and epoch); a negative epoch is not checked. */
export function offsetFetchError(s: GroupState, memberId: string | null, memberEpoch: number): number {
  if (memberEpoch < 0) return ErrorCode.NONE;
  const m = memberId === null ? undefined : s.members.get(memberId);
  if (!m) return ErrorCode.UNKNOWN_MEMBER_ID;
  return memberEpoch === m.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
}

/** DescribeGroups (the classic describe) does not show consumer groups: Kafka answers GROUP_ID_NOT_FOUND. */
export function classicDescribe(groupId: string, includeAuthorizedOperations: boolean): object {
  return {
    errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} is not a classic group.`,
    groupId, groupState: GROUP_STATE_NAMES.dead, protocolType: '', protocolData: '', members: [],
    authorizedOperations: includeAuthorizedOperations ? GROUP_AUTHORIZED_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
  };
}

export function memberTombstones(groupId: string, memberId: string): GroupRecord[] {
  return [tombstone(8, groupId, memberId), tombstone(7, groupId, memberId), tombstone(5, groupId, memberId)];
}

/** Tombstones of every record of the group. */
export function groupTombstones(s: GroupState): { key: Buffer; value: null }[] {
  const out: GroupRecord[] = [];
  for (const m of s.members.values()) out.push(...memberTombstones(s.groupId, m.memberId));
  out.push(tombstone(6, s.groupId), tombstone(4, s.groupId), tombstone(3, s.groupId));
  return out as { key: Buffer; value: null }[];
}
