// Checks on ConsumerGroupHeartbeat requests and member epochs; failures carry the Kafka
// error code to answer with.
import { ErrorCode } from '../../../protocol/error-codes';
import { type Assignment, isSubset } from './assignment';
import { type ConsumerGroupMember, LEAVE_GROUP_MEMBER_EPOCH, LEAVE_GROUP_STATIC_MEMBER_EPOCH } from './member';
import type { ConsumerGroupHeartbeatRequest } from './types';

export class HeartbeatError extends Error {
  constructor(readonly errorCode: number, message: string) {
    super(message);
    this.name = 'HeartbeatError';
  }
}

const invalid = (message: string): HeartbeatError => new HeartbeatError(ErrorCode.INVALID_REQUEST, message);

/** Longest regular expression accepted in SubscribedTopicRegex. */
export const MAX_REGEX_LENGTH = 1024;

/** Throws HeartbeatError when the request is malformed for its member epoch. */
export function validateHeartbeat(req: ConsumerGroupHeartbeatRequest, assignorNames: readonly string[]): void {
  if (!req.groupId) throw invalid("GroupId can't be empty.");
  if (req.instanceId === '') throw invalid("InstanceId can't be empty.");
  if (req.rackId === '') throw invalid("RackId can't be empty.");
  const epoch = req.memberEpoch;
  if (!Number.isInteger(epoch) || epoch < LEAVE_GROUP_STATIC_MEMBER_EPOCH) throw invalid(`MemberEpoch ${epoch} is invalid.`);
  if (epoch === 0) {
    if (req.rebalanceTimeoutMs === undefined || req.rebalanceTimeoutMs === -1) throw invalid('RebalanceTimeoutMs must be provided in first request.');
    if (req.rebalanceTimeoutMs < 0) throw invalid('RebalanceTimeoutMs must not be negative.');
    if (!req.topicPartitions || req.topicPartitions.length > 0) throw invalid('TopicPartitions must be empty when (re-)joining.');
    if (req.subscribedTopicNames == null && req.subscribedTopicRegex == null) {
      throw invalid('Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.');
    }
  } else {
    if (!req.memberId) throw invalid("MemberId can't be empty.");
    if (epoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH && req.instanceId == null) throw invalid("InstanceId can't be null.");
    if (req.rebalanceTimeoutMs !== undefined && req.rebalanceTimeoutMs < -1) throw invalid('RebalanceTimeoutMs must not be negative.');
  }
  if (req.serverAssignor != null && !assignorNames.includes(req.serverAssignor)) {
    throw new HeartbeatError(ErrorCode.UNSUPPORTED_ASSIGNOR,
      `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ${assignorNames.join(', ')}.`);
  }
  if (req.subscribedTopicRegex) compileTopicRegex(req.subscribedTopicRegex);
  for (const tp of req.topicPartitions ?? []) {
    if (!tp || typeof tp.topicId !== 'string' || !Array.isArray(tp.partitions)) throw invalid('TopicPartitions is malformed.');
  }
}

/** A topic regex as a full-match JS RegExp; INVALID_REGULAR_EXPRESSION when it does not compile. */
export function compileTopicRegex(source: string): RegExp {
  if (source.length > MAX_REGEX_LENGTH) {
    throw new HeartbeatError(ErrorCode.INVALID_REGULAR_EXPRESSION, `SubscribedTopicRegex is longer than ${MAX_REGEX_LENGTH} characters.`);
  }
  try {
    return new RegExp(`^(?:${source})$`, 'u');
  } catch (err) {
    throw new HeartbeatError(ErrorCode.INVALID_REGULAR_EXPRESSION, `SubscribedTopicRegex ${source} is invalid: ${(err as Error).message}`);
  }
}

/**
 * The epoch a member sends must be its current one; its previous one is accepted when the
 * member owns no more than its current assignment (the response that moved it on was lost).
 */
export function checkMemberEpoch(member: ConsumerGroupMember, received: number, owned: Assignment | null): void {
  if (received > member.memberEpoch) {
    throw new HeartbeatError(ErrorCode.FENCED_MEMBER_EPOCH,
      `The consumer group member has a greater member epoch (${received}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`);
  }
  if (received < member.memberEpoch) {
    if (received !== member.previousMemberEpoch || owned === null || !isSubset(owned, member.assigned)) {
      throw new HeartbeatError(ErrorCode.FENCED_MEMBER_EPOCH,
        `The consumer group member has a smaller member epoch (${received}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`);
    }
  }
}

export function unknownMember(memberId: string, groupId: string): HeartbeatError {
  return new HeartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${memberId} is not a member of group ${groupId}.`);
}

/** A static member's request must come from the member id that holds the instance id. */
export function checkStaticIdentity(member: ConsumerGroupMember | undefined, memberId: string, instanceId: string, groupId: string): ConsumerGroupMember {
  if (!member) {
    throw new HeartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${instanceId} is unknown in group ${groupId}.`);
  }
  if (member.memberId !== memberId) {
    throw new HeartbeatError(ErrorCode.FENCED_INSTANCE_ID,
      `Static member ${memberId} with instance id ${instanceId} is fenced by member ${member.memberId}.`);
  }
  return member;
}

export { LEAVE_GROUP_MEMBER_EPOCH, LEAVE_GROUP_STATIC_MEMBER_EPOCH };
