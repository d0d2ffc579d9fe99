// A consumer group member (KIP-848) and its reconciliation: moving the member's current
// assignment towards its target one step at a time. A member first gives up (revokes) the
// partitions it must lose, staying at its epoch until its heartbeat no longer reports them;
// then it moves to the target epoch and receives the target partitions that are free. Those
// still held by another member ("unreleased") come on a later heartbeat, once released.
import {
  type Assignment, EMPTY_ASSIGNMENT, assignmentEquals, filterAssignment, intersect, minus, overlaps, union,
} from './assignment';

/** Member states, with the byte values Kafka stores in ConsumerGroupCurrentMemberAssignmentValue. */
export const MemberState = {
  STABLE: 0,
  UNREVOKED_PARTITIONS: 1,
  UNRELEASED_PARTITIONS: 2,
  UNKNOWN: 127,
} as const;
export type MemberStateValue = number;

export const MEMBER_STATE_NAMES: Record<number, string> = {
  0: 'stable', 1: 'unrevoked_partitions', 2: 'unreleased_partitions', 127: 'unknown',
};

/** Epoch sent by a member leaving the group. */
export const LEAVE_GROUP_MEMBER_EPOCH = -1;
/** Epoch sent by a static member leaving temporarily (it keeps its partitions until its session ends). */
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;

export interface ConsumerGroupMember {
  readonly memberId: string;
  readonly instanceId: string | null;
  readonly rackId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** Sorted, distinct. */
  readonly subscribedTopicNames: readonly string[];
  readonly subscribedTopicRegex: string | null;
  readonly rebalanceTimeoutMs: number;
  readonly serverAssignor: string | null;
  readonly memberEpoch: number;
  readonly previousMemberEpoch: number;
  readonly state: MemberStateValue;
  /** Partitions the member may use now. */
  readonly assigned: Assignment;
  /** Partitions the member must give up; still its own until it reports them gone. */
  readonly pendingRevocation: Assignment;
}

export function newMember(memberId: string): ConsumerGroupMember {
  return {
    memberId, instanceId: null, rackId: null, clientId: '', clientHost: '', subscribedTopicNames: [],
    subscribedTopicRegex: null, rebalanceTimeoutMs: -1, serverAssignor: null, memberEpoch: 0,
    previousMemberEpoch: 0, state: MemberState.STABLE, assigned: EMPTY_ASSIGNMENT, pendingRevocation: EMPTY_ASSIGNMENT,
  };
}

/** The fields of ConsumerGroupMemberMetadataValue: did any change? */
export function metadataEquals(a: ConsumerGroupMember, b: ConsumerGroupMember): boolean {
  return a.instanceId === b.instanceId && a.rackId === b.rackId && a.clientId === b.clientId
    && a.clientHost === b.clientHost && a.subscribedTopicRegex === b.subscribedTopicRegex
    && a.rebalanceTimeoutMs === b.rebalanceTimeoutMs && a.serverAssignor === b.serverAssignor
    && sameList(a.subscribedTopicNames, b.subscribedTopicNames);
}

/** The fields of ConsumerGroupCurrentMemberAssignmentValue: did any change? */
export function currentAssignmentEquals(a: ConsumerGroupMember, b: ConsumerGroupMember): boolean {
  return a.memberEpoch === b.memberEpoch && a.previousMemberEpoch === b.previousMemberEpoch && a.state === b.state
    && assignmentEquals(a.assigned, b.assigned) && assignmentEquals(a.pendingRevocation, b.pendingRevocation);
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Thrown when a member must be fenced (it has to drop everything and rejoin). */
export class FencedMemberError extends Error {}

export interface ReconcileInput {
  targetEpoch: number;
  /** The member's target assignment. */
  target: Assignment;
  /** Who holds a partition now (assigned or pending revocation), or undefined if free. */
  ownerOf(topicId: string, partition: number): string | undefined;
  /** Partitions the member reported owning in this heartbeat; null = not reported. */
  owned: Assignment | null;
}

/**
 * Next state of a member, or the member itself when it cannot progress yet.
 * Throws FencedMemberError for a member in a state this version does not know.
 */
export function reconcile(member: ConsumerGroupMember, input: ReconcileInput): ConsumerGroupMember {
  const stillOwns = (pending: Assignment): boolean => input.owned === null || overlaps(input.owned, pending);
  switch (member.state) {
    case MemberState.STABLE:
      return member.memberEpoch === input.targetEpoch ? member : nextAssignment(member, member.memberEpoch, input, stillOwns);
    case MemberState.UNREVOKED_PARTITIONS:
      return stillOwns(member.pendingRevocation) ? member : nextAssignment(member, member.memberEpoch, input, stillOwns);
    case MemberState.UNRELEASED_PARTITIONS:
      return nextAssignment(member, member.memberEpoch, input, stillOwns);
    default:
      if (input.owned === null || input.owned.size > 0) {
        throw new FencedMemberError('the member is in an unknown state; it must give up its partitions and rejoin');
      }
      return nextAssignment(member, input.targetEpoch, input, stillOwns);
  }
}

function nextAssignment(
  member: ConsumerGroupMember, memberEpoch: number, input: ReconcileInput, stillOwns: (a: Assignment) => boolean,
): ConsumerGroupMember {
  const kept = intersect(member.assigned, input.target);
  const toRevoke = minus(member.assigned, input.target);
  const toAssign = minus(input.target, member.assigned);
  const isFree = (t: string, p: number): boolean => {
    const owner = input.ownerOf(t, p);
    return owner === undefined || owner === member.memberId;
  };
  const free = filterAssignment(toAssign, isFree);
  const unreleased = toAssign.size > 0 && filterAssignment(toAssign, (t, p) => !isFree(t, p)).size > 0;
  if (toRevoke.size > 0 && stillOwns(toRevoke)) {
    // Stay at the current epoch until the member reports the revoked partitions gone.
    return {
      ...member, state: MemberState.UNREVOKED_PARTITIONS, previousMemberEpoch: member.memberEpoch,
      memberEpoch, assigned: kept, pendingRevocation: toRevoke,
    };
  }
  return {
    ...member, state: unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE,
    previousMemberEpoch: member.memberEpoch, memberEpoch: input.targetEpoch,
    assigned: union(kept, free), pendingRevocation: EMPTY_ASSIGNMENT,
  };
}
