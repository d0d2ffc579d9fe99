// A consumer group of the KIP-848 protocol (group type 'consumer'), driven by
// ConsumerGroupHeartbeat. The group shard owns one ConsumerGroup per group id and delegates
// to it; this class keeps the group's state, answers heartbeats and describes, runs the
// session and rebalance timeouts on the injected clock, and queues the __consumer_offsets
// records (Kafka's formats, see consumer/records.ts) that the shard must write.
//
// Lifecycle: a member joins with epoch 0 (the coordinator makes up its id when it sends '');
// any change of members, subscriptions or subscribed topics' metadata bumps the group epoch;
// the next heartbeat recomputes the target assignment with the group's server assignor and
// every member then reconciles towards its target on its own heartbeats (revoke first, then
// advance to the assignment epoch and take the partitions that are free). A member leaves
// with epoch -1; a static member (instance id) leaves for a while with -2, keeping its
// partitions until its session ends or it rejoins under a new member id.
import { ErrorCode } from '../../protocol/error-codes';
import { randomKafkaUuid } from '../../runtime/uuid';
import { resolveAssignors } from './assignors';
import type { ServerAssignor } from './assignors/types';
import { type Assignment, EMPTY_ASSIGNMENT, assignmentEquals, assignmentOf, toTopicPartitions } from './consumer/assignment';
import { GroupIndex } from './consumer/group-index';
import {
  GROUP_AUTHORIZED_OPERATIONS, classicDescribe, groupTombstones, memberTombstones, offsetCommitError, offsetFetchError,
} from './consumer/group-rules';
import {
  type ConsumerGroupMember, FencedMemberError, LEAVE_GROUP_STATIC_MEMBER_EPOCH, MemberState, currentAssignmentEquals,
  metadataEquals, newMember, reconcile, sameList,
} from './consumer/member';
import { MemberTimers } from './consumer/member-timers';
import {
  type ConsumerGroupRecord, type GroupRecord, currentAssignmentRecord, groupEpochRecord, memberMetadataRecord,
  partitionMetadataRecord, targetAssignmentEpochRecord, targetAssignmentMemberRecord,
} from './consumer/records';
import {
  type GroupState, describeMissing, describeState, emptyState, groupStateOf, loadState, snapshotRecords,
} from './consumer/state';
import { SubscriptionResolver, subscriptionMetadataEquals } from './consumer/subscriptions';
import { computeTargets, preferredAssignor } from './consumer/target';
import {
  type ConsumerGroupConfig, type ConsumerGroupHeartbeatRequest, type ConsumerGroupHeartbeatResponse, type ConsumerGroupState,
  DEFAULT_CONSUMER_GROUP_CONFIG, type DescribedGroup, GROUP_STATE_NAMES, type GroupClock, type HeartbeatContext, type TopicsView,
} from './consumer/types';
import { HeartbeatError, checkMemberEpoch, checkStaticIdentity, unknownMember, validateHeartbeat } from './consumer/validate';

export * from './consumer/types';
export type { ConsumerGroupMember } from './consumer/member';
export { MemberState } from './consumer/member';
export type { Assignment } from './consumer/assignment';
export type { ConsumerGroupRecord, GroupRecord } from './consumer/records';
export { RecordType, decodeConsumerGroupKey, decodeConsumerGroupRecord, isConsumerGroupRecordKey } from './consumer/records';

export interface ConsumerGroupOptions {
  groupId: string;
  topics: TopicsView;
  clock: GroupClock;
  config?: Partial<ConsumerGroupConfig>;
  /** Called after a timer changed the group (a member expired); the shard then writes takeRecords(). */
  onTimerChange?: (group: ConsumerGroup) => void;
  /** Member ids for members that join with ''; default: a random Kafka uuid. */
  newMemberId?: () => string;
}

export class ConsumerGroup {
  readonly type = 'consumer' as const;
  readonly groupId: string;
  private readonly topics: TopicsView;
  private readonly clock: GroupClock;
  private readonly cfg: ConsumerGroupConfig;
  private readonly assignors: ServerAssignor[];
  private readonly onTimerChange?: (group: ConsumerGroup) => void;
  private readonly makeMemberId: () => string;
  private readonly s: GroupState;
  private readonly idx = new GroupIndex();
  private readonly timers: MemberTimers;
  private pending: GroupRecord[] = [];
  private deleted = false;
  private lastState: ConsumerGroupState = 'empty';
  private stateSince: number;

  constructor(opts: ConsumerGroupOptions) {
    this.groupId = opts.groupId;
    this.topics = opts.topics;
    this.clock = opts.clock;
    this.cfg = { ...DEFAULT_CONSUMER_GROUP_CONFIG, ...(opts.config ?? {}) };
    this.assignors = this.cfg.assignors.map((a) => (typeof a === 'string' ? resolveAssignors([a])[0] : a));
    if (this.assignors.length === 0) throw new Error('group.consumer.assignors must name at least one assignor');
    this.onTimerChange = opts.onTimerChange;
    this.makeMemberId = opts.newMemberId ?? randomKafkaUuid;
    this.s = emptyState(opts.groupId);
    this.timers = new MemberTimers(opts.clock);
    this.stateSince = this.clock.now();
  }

  /**
   * Rebuilds a group from its records (raw from the log, or decoded), in log order; records
   * of other groups and other record types are skipped. Null when the records leave no
   * group. Session timers start afresh for every member loaded.
   */
  static replay(opts: ConsumerGroupOptions, records: Iterable<GroupRecord | ConsumerGroupRecord>): ConsumerGroup | null {
    const g = new ConsumerGroup(opts);
    if (!loadState(g.s, records)) return null;
    for (const m of g.s.members.values()) {
      g.idx.update(undefined, m);
      g.scheduleSession(m.memberId);
      if (m.state === MemberState.UNREVOKED_PARTITIONS) g.scheduleRebalance(m);
    }
    g.lastState = g.state;
    return g;
  }

  // ---- read-only views ---------------------------------------------------------------

  get groupEpoch(): number { return this.s.groupEpoch; }
  get assignmentEpoch(): number { return this.s.assignmentEpoch; }
  get size(): number { return this.s.members.size; }
  isEmpty(): boolean { return this.s.members.size === 0; }
  get state(): ConsumerGroupState { return this.deleted ? 'dead' : groupStateOf(this.s); }
  member(memberId: string): ConsumerGroupMember | undefined { return this.s.members.get(memberId); }
  members(): ConsumerGroupMember[] { return [...this.s.members.values()]; }
  targetAssignment(memberId: string): Assignment { return this.s.targets.get(memberId) ?? EMPTY_ASSIGNMENT; }
  /** The assignor the group uses: the one most members ask for, else the first configured. */
  get assignorName(): string { return preferredAssignor(this.assignors, this.s.members.values()).name; }

  /** The group's entry in a ConsumerGroupDescribe response. */
  consumerGroupDescribe(includeAuthorizedOperations = false): DescribedGroup {
    if (this.deleted) return describeMissing(this.groupId);
    const d = describeState(this.s, this.topics, this.assignorName);
    if (includeAuthorizedOperations) d.authorizedOperations = GROUP_AUTHORIZED_OPERATIONS;
    return d;
  }

  // ---- what the shard asks of every group type ---------------------------------------

  /** Kafka's state name ('Empty', 'Assigning', 'Reconciling', 'Stable', 'Dead'). */
  stateName(): string { return GROUP_STATE_NAMES[this.state]; }
  /** ListGroups' protocol type of a consumer group. */
  protocolTypeName(): string { return 'consumer'; }
  isSubscribedToTopic(topic: string): boolean { return this.s.subscription.has(topic); }
  /** When the group entered its current state (clock ms). */
  stateTimestamp(): number { return this.stateSince; }
  /** Offsets expire from their commit time; those of subscribed topics do not. */
  offsetExpiration(): { base: 'state' | 'commit'; skipSubscribed: boolean } | null { return { base: 'commit', skipSubscribed: true }; }

  /** DescribeGroups (the classic describe): GROUP_ID_NOT_FOUND, as Kafka answers for consumer groups. */
  describe(includeAuthorizedOperations = false): object { return classicDescribe(this.groupId, includeAuthorizedOperations); }

  /** Records queued by the operations since the last call, to be written in this order. */
  takeRecords(): GroupRecord[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Records that rebuild the whole group as it is now. */
  records(): GroupRecord[] { return snapshotRecords(this.s); }

  /**
   * ConsumerGroupHeartbeat. `now` is informational (timers run on the injected clock);
   * `ctx` carries the client id and host shown by describe.
   */
  heartbeat(req: ConsumerGroupHeartbeatRequest, now: number = this.clock.now(), ctx: HeartbeatContext = {}): ConsumerGroupHeartbeatResponse {
    void now;
    if (this.deleted) return errorResponse(new HeartbeatError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `Group ${this.groupId} was deleted.`));
    try {
      if (req.groupId !== this.groupId) throw new HeartbeatError(ErrorCode.INVALID_REQUEST, `GroupId ${req.groupId} is not ${this.groupId}.`);
      validateHeartbeat(req, this.assignors.map((a) => a.name));
      return req.memberEpoch < 0 ? this.leave(req) : this.joinOrHeartbeat(req, ctx);
    } catch (err) {
      if (err instanceof HeartbeatError) return errorResponse(err);
      throw err;
    } finally {
      this.noteState();
    }
  }

  /** OffsetCommit by a member (epoch in the generation field, v9+): error code. */
  validateOffsetCommit(memberId: string, groupInstanceId: string | null, memberEpoch: number, apiVersion: number): number {
    void groupInstanceId;
    return this.deleted ? ErrorCode.COORDINATOR_NOT_AVAILABLE : offsetCommitError(this.s, memberId, memberEpoch, apiVersion);
  }

  /** OffsetFetch (v9+ may carry a member id and epoch): error code. */
  validateOffsetFetch(memberId: string | null, memberEpoch: number, apiVersion = 9): number {
    void apiVersion;
    return this.deleted ? ErrorCode.GROUP_ID_NOT_FOUND : offsetFetchError(this.s, memberId, memberEpoch);
  }

  /** OffsetDelete: allowed (the shard refuses topics the group subscribes to: GROUP_SUBSCRIBED_TO_TOPIC). */
  validateOffsetDelete(): number { return this.deleted ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.NONE; }

  validateDeleteGroup(): number {
    if (this.deleted) return ErrorCode.GROUP_ID_NOT_FOUND;
    return this.s.members.size > 0 ? ErrorCode.NON_EMPTY_GROUP : ErrorCode.NONE;
  }

  /** Tombstones of every record of the group (not its offsets), for DeleteGroups or expiry. */
  deletionRecords(): { key: Buffer; value: null }[] { return groupTombstones(this.s); }

  /** The group is deleted: heartbeats are refused from now on and its timers stop. */
  markDead(): void {
    this.close();
    if (!this.deleted) {
      this.deleted = true;
      this.noteState();
    }
  }

  /** Stops every timer (the shard unloads the group). */
  close(): void { this.timers.cancelAll(); }

  // ---- heartbeat paths ---------------------------------------------------------------

  private joinOrHeartbeat(req: ConsumerGroupHeartbeatRequest, ctx: HeartbeatContext): ConsumerGroupHeartbeatResponse {
    const owned = req.topicPartitions == null ? null : assignmentOf(req.topicPartitions);
    let memberId = req.memberId;
    let existing: ConsumerGroupMember | undefined;
    let replaced: ConsumerGroupMember | undefined;
    // 1. find the member and check it may do this (no state changes before this point)
    if (req.memberEpoch === 0) {
      if (!memberId) memberId = this.freshMemberId();
      existing = this.s.members.get(memberId);
      if (req.instanceId != null) {
        const holder = this.s.members.get(this.idx.memberIdOf(req.instanceId) ?? '');
        if (holder && holder.memberId !== memberId) {
          if (holder.memberEpoch !== LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            throw new HeartbeatError(ErrorCode.UNRELEASED_INSTANCE_ID,
              `Static member ${memberId} with instance id ${req.instanceId} cannot join the group because the instance id is owned by member ${holder.memberId}.`);
          }
          if (existing) throw new HeartbeatError(ErrorCode.INVALID_REQUEST, `Member ${memberId} cannot take over instance id ${req.instanceId}.`);
          replaced = holder;
        }
      }
      if (!existing && !replaced && this.s.members.size >= this.cfg.maxSize) {
        throw new HeartbeatError(ErrorCode.GROUP_MAX_SIZE_REACHED,
          `The consumer group has reached its maximum capacity of ${this.cfg.maxSize} members.`);
      }
    } else {
      existing = req.instanceId != null
        ? checkStaticIdentity(this.s.members.get(this.idx.memberIdOf(req.instanceId) ?? ''), memberId, req.instanceId, this.groupId)
        : this.s.members.get(memberId);
      if (!existing) throw unknownMember(memberId, this.groupId);
      checkMemberEpoch(existing, req.memberEpoch, owned);
    }

    // 2. the member with what the request changed
    const base: ConsumerGroupMember = existing ?? (replaced
      ? { ...replaced, memberId, memberEpoch: 0, previousMemberEpoch: 0, state: MemberState.STABLE, pendingRevocation: EMPTY_ASSIGNMENT }
      : newMember(memberId));
    const updated: ConsumerGroupMember = {
      ...base,
      instanceId: req.instanceId ?? base.instanceId,
      rackId: req.rackId ?? base.rackId,
      clientId: ctx.clientId ?? base.clientId,
      clientHost: ctx.clientHost ?? base.clientHost,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs != null && req.rebalanceTimeoutMs !== -1 ? req.rebalanceTimeoutMs : base.rebalanceTimeoutMs,
      subscribedTopicNames: req.subscribedTopicNames != null ? [...new Set(req.subscribedTopicNames)].sort() : base.subscribedTopicNames,
      subscribedTopicRegex: req.subscribedTopicRegex != null ? req.subscribedTopicRegex || null : base.subscribedTopicRegex,
      serverAssignor: req.serverAssignor ?? base.serverAssignor,
    };
    const before = existing ?? replaced;
    let bump = !before
      || !sameList(before.subscribedTopicNames, updated.subscribedTopicNames)
      || before.subscribedTopicRegex !== updated.subscribedTopicRegex
      || before.serverAssignor !== updated.serverAssignor;

    // 3. apply: membership, subscription metadata, group epoch, target assignment
    let inheritedTarget: Assignment | undefined;
    if (replaced) {
      inheritedTarget = this.s.targets.get(replaced.memberId) ?? EMPTY_ASSIGNMENT;
      this.dropMember(replaced);
    }
    if (!existing || !metadataEquals(existing, updated)) this.pending.push(memberMetadataRecord(this.groupId, updated));
    this.putMember(existing, updated);
    if (inheritedTarget) {
      this.s.targets.set(memberId, inheritedTarget);
      this.pending.push(targetAssignmentMemberRecord(this.groupId, memberId, inheritedTarget));
    }
    const resolver = new SubscriptionResolver(this.topics);
    if (this.refreshSubscriptionMetadata(resolver)) bump = true;
    if (bump) this.bumpGroupEpoch();
    if (this.s.groupEpoch > this.s.assignmentEpoch) this.computeTargetAssignment(resolver);

    // 4. reconcile the member towards its target
    let next: ConsumerGroupMember;
    try {
      next = reconcile(updated, {
        targetEpoch: this.s.assignmentEpoch,
        target: this.s.targets.get(memberId) ?? EMPTY_ASSIGNMENT,
        ownerOf: (t, p) => this.idx.ownerOf(t, p),
        owned,
      });
    } catch (err) {
      if (err instanceof FencedMemberError) throw new HeartbeatError(ErrorCode.FENCED_MEMBER_EPOCH, err.message);
      throw err;
    }
    if (!existing || !currentAssignmentEquals(updated, next)) {
      this.putMember(updated, next);
      this.pending.push(currentAssignmentRecord(this.groupId, next));
    }

    // 5. timers and answer
    this.scheduleSession(memberId);
    if (next.state === MemberState.UNREVOKED_PARTITIONS) {
      if (updated.state !== MemberState.UNREVOKED_PARTITIONS || updated.memberEpoch !== next.memberEpoch || !this.timers.has('rebalance', memberId)) {
        this.scheduleRebalance(next);
      }
    } else {
      this.timers.cancel('rebalance', memberId);
    }
    const fullRequest = req.memberEpoch === 0
      || (req.rebalanceTimeoutMs != null && req.rebalanceTimeoutMs !== -1 && req.subscribedTopicNames != null && req.topicPartitions != null);
    const changed = !existing || !assignmentEquals(existing.assigned, next.assigned);
    return {
      throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, memberId, memberEpoch: next.memberEpoch,
      heartbeatIntervalMs: this.cfg.heartbeatIntervalMs,
      assignment: fullRequest || changed ? { topicPartitions: toTopicPartitions(next.assigned) } : null,
    };
  }

  private leave(req: ConsumerGroupHeartbeatRequest): ConsumerGroupHeartbeatResponse {
    const m = req.instanceId != null
      ? checkStaticIdentity(this.s.members.get(this.idx.memberIdOf(req.instanceId) ?? ''), req.memberId, req.instanceId, this.groupId)
      : this.s.members.get(req.memberId);
    if (!m) throw unknownMember(req.memberId, this.groupId);
    if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
      // A static member goes away for a while: it keeps its assignment (but releases what it
      // was revoking) until its session ends or it rejoins under a new member id.
      const left: ConsumerGroupMember = { ...m, memberEpoch: LEAVE_GROUP_STATIC_MEMBER_EPOCH, pendingRevocation: EMPTY_ASSIGNMENT };
      this.putMember(m, left);
      this.pending.push(currentAssignmentRecord(this.groupId, left));
      this.timers.cancel('rebalance', m.memberId);
      this.scheduleSession(m.memberId);
    } else {
      this.removeMember(m);
    }
    return {
      throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, memberId: m.memberId,
      memberEpoch: req.memberEpoch, heartbeatIntervalMs: 0, assignment: null,
    };
  }

  // ---- state changes ---------------------------------------------------------------

  /** Removes a member for good and bumps the group epoch (leave, expiry, fencing). */
  private removeMember(m: ConsumerGroupMember): void {
    this.dropMember(m);
    this.refreshSubscriptionMetadata(new SubscriptionResolver(this.topics));
    this.bumpGroupEpoch();
  }

  /** Forgets a member: tombstones, ownership, timers. */
  private dropMember(m: ConsumerGroupMember): void {
    this.pending.push(...memberTombstones(this.groupId, m.memberId));
    this.timers.cancelMember(m.memberId);
    this.idx.update(m, undefined);
    this.s.members.delete(m.memberId);
    this.s.targets.delete(m.memberId);
  }

  private putMember(old: ConsumerGroupMember | undefined, next: ConsumerGroupMember): void {
    this.idx.update(old, next);
    this.s.members.set(next.memberId, next);
  }

  /** Recomputes the subscribed topics' metadata; true (and a record) when it changed. */
  private refreshSubscriptionMetadata(resolver: SubscriptionResolver): boolean {
    const meta = resolver.metadata(this.idx.subscribedNames(), this.idx.subscribedRegexes());
    if (subscriptionMetadataEquals(meta, this.s.subscription)) return false;
    this.s.subscription = meta;
    this.pending.push(partitionMetadataRecord(this.groupId, [...meta.values()]));
    return true;
  }

  private bumpGroupEpoch(): void {
    this.s.groupEpoch = Math.max(this.s.groupEpoch, this.s.assignmentEpoch) + 1;
    this.pending.push(groupEpochRecord(this.groupId, this.s.groupEpoch));
  }

  /** Runs the group's assignor; the target assignment moves to the group epoch. */
  private computeTargetAssignment(resolver: SubscriptionResolver): void {
    const changed = computeTargets(preferredAssignor(this.assignors, this.s.members.values()), this.s, resolver);
    for (const [memberId, target] of changed) {
      this.s.targets.set(memberId, target);
      this.pending.push(targetAssignmentMemberRecord(this.groupId, memberId, target));
    }
    this.s.assignmentEpoch = this.s.groupEpoch;
    this.pending.push(targetAssignmentEpochRecord(this.groupId, this.s.assignmentEpoch));
  }

  private noteState(): void {
    const st = this.state;
    if (st !== this.lastState) {
      this.lastState = st;
      this.stateSince = this.clock.now();
    }
  }

  private freshMemberId(): string {
    for (;;) {
      const id = this.makeMemberId();
      if (!this.s.members.has(id)) return id;
    }
  }

  // ---- timers ----------------------------------------------------------------------

  private scheduleSession(memberId: string): void {
    this.timers.schedule('session', memberId, this.cfg.sessionTimeoutMs, () => {
      const m = this.s.members.get(memberId);
      if (m && !this.deleted) this.expire(m);
    });
  }

  /** A member that has not revoked its partitions within its rebalance timeout is fenced. */
  private scheduleRebalance(m: ConsumerGroupMember): void {
    const epoch = m.memberEpoch;
    this.timers.schedule('rebalance', m.memberId, m.rebalanceTimeoutMs, () => {
      const cur = this.s.members.get(m.memberId);
      if (cur && !this.deleted && cur.state === MemberState.UNREVOKED_PARTITIONS && cur.memberEpoch === epoch) this.expire(cur);
    });
  }

  private expire(m: ConsumerGroupMember): void {
    this.removeMember(m);
    this.noteState();
    this.onTimerChange?.(this);
  }
}

function errorResponse(err: HeartbeatError): ConsumerGroupHeartbeatResponse {
  return {
    throttleTimeMs: 0, errorCode: err.errorCode, errorMessage: err.message, memberId: null, memberEpoch: 0,
    heartbeatIntervalMs: 0, assignment: null,
  };
}
