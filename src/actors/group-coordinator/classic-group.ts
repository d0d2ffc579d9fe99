// A classic (JoinGroup/SyncGroup) group: members, state machine, protocol selection and
// the checks other APIs make against it. The rebalance mechanics live in classic-rebalance.ts.
import { ErrorCode } from '../../protocol/error-codes';
import { ClassicMember, type Protocol } from './classic-member';
import { groupTombstone, type GroupValue } from './records';
import {
  AUTHORIZED_OPERATIONS_OMITTED, GROUP_AUTHORIZED_OPERATIONS, type OffsetExpiration, type ShardGroup,
} from './types';

export type ClassicState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

const VALID_PREVIOUS: Record<ClassicState, readonly ClassicState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'],
};

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export class ClassicGroup implements ShardGroup {
  readonly type = 'classic';
  state: ClassicState = 'Empty';
  previousState: ClassicState = 'Empty';
  stateSince: number;
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, ClassicMember>();
  /** group.instance.id → member id */
  readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED, not joined yet. */
  readonly pendingMembers = new Set<string>();
  /** Members of the current generation that have not sent SyncGroup yet. */
  readonly pendingSyncMembers = new Set<string>();
  /** The running join phase: the initial delay of a group that was Empty, or the rebalance timeout. */
  joinPhase: 'initial' | 'normal' | null = null;
  newMemberAdded = false;
  subscribedTopics: Set<string> | null = null;
  private readonly protocolVotes = new Map<string, number>();
  /** Set by the shard: cancels this group's timers when it dies. */
  onDead: (() => void) | null = null;

  constructor(readonly groupId: string, now: number) {
    this.stateSince = now;
  }

  // ---- ShardGroup ----
  stateName(): string { return this.state; }
  protocolTypeName(): string { return this.protocolType ?? ''; }
  isEmpty(): boolean { return this.state === 'Empty'; }
  stateTimestamp(): number { return this.stateSince; }

  isSubscribedToTopic(topic: string): boolean {
    return this.subscribedTopics !== null && this.subscribedTopics.has(topic);
  }

  /** Kafka's rules: members commit with their generation; a group with no members takes
   *  generation -1 commits from standalone consumers. */
  validateOffsetCommit(memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (this.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (generationId >= 0 || memberId !== '' || groupInstanceId !== null) {
      const e = this.validateMember(memberId, groupInstanceId);
      if (e) return e;
      if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    } else if (this.state !== 'Empty') {
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  validateOffsetFetch(): number {
    return this.state === 'Dead' ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.NONE;
  }

  validateOffsetDelete(): number {
    if (this.state === 'Dead') return ErrorCode.GROUP_ID_NOT_FOUND;
    if (this.state !== 'Empty' && this.protocolType !== CONSUMER_PROTOCOL_TYPE) return ErrorCode.NON_EMPTY_GROUP;
    return ErrorCode.NONE;
  }

  validateDeleteGroup(): number {
    if (this.state === 'Dead') return ErrorCode.GROUP_ID_NOT_FOUND;
    if (this.state !== 'Empty') return ErrorCode.NON_EMPTY_GROUP;
    return ErrorCode.NONE;
  }

  offsetExpiration(): OffsetExpiration | null {
    if (this.protocolType === null) return { base: 'commit', skipSubscribed: false };
    if (this.state === 'Empty') return { base: 'state', skipSubscribed: false };
    if (this.protocolType === CONSUMER_PROTOCOL_TYPE && this.subscribedTopics !== null && this.state === 'Stable') {
      return { base: 'commit', skipSubscribed: true };
    }
    return null;
  }

  deletionRecords(): { key: Buffer; value: null }[] { return [groupTombstone(this.groupId)]; }

  markDead(): void {
    if (this.state !== 'Dead') this.transition('Dead', this.stateSince);
    this.onDead?.();
  }

  describe(includeAuthorizedOperations: boolean): object {
    const stable = this.state === 'Stable';
    return {
      errorCode: ErrorCode.NONE,
      groupId: this.groupId,
      groupState: this.state,
      protocolType: this.protocolType ?? '',
      protocolData: stable ? this.protocolName ?? '' : '',
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? m.metadataFor(this.protocolName) : Buffer.alloc(0),
        memberAssignment: stable ? m.assignment : Buffer.alloc(0),
      })),
      authorizedOperations: includeAuthorizedOperations ? GROUP_AUTHORIZED_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  }

  // ---- state ----
  is(s: ClassicState): boolean { return this.state === s; }

  transition(to: ClassicState, now: number): void {
    if (!VALID_PREVIOUS[to].includes(this.state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${to}`);
    }
    this.previousState = this.state;
    this.state = to;
    this.stateSince = now;
  }

  canRebalance(): boolean { return this.state === 'Stable' || this.state === 'CompletingRebalance' || this.state === 'Empty'; }

  // ---- members ----
  get size(): number { return this.members.size; }
  has(memberId: string): boolean { return this.members.has(memberId); }
  get(memberId: string): ClassicMember | undefined { return this.members.get(memberId); }
  isLeader(memberId: string): boolean { return this.leaderId === memberId; }
  staticMemberId(instanceId: string): string | undefined { return this.staticMembers.get(instanceId); }

  numAwaitingJoin(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.awaitingJoin) n++;
    return n;
  }

  /** UNKNOWN_MEMBER_ID / FENCED_INSTANCE_ID for a member id (and instance id) this group does not know. */
  validateMember(memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const existing = this.staticMembers.get(groupInstanceId);
      if (existing === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (existing !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
      return ErrorCode.NONE;
    }
    return this.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  add(member: ClassicMember): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    this.members.set(member.memberId, member);
    this.countVotes(member.protocols, 1);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    else this.pendingMembers.delete(member.memberId);
    if (this.leaderId === null) this.leaderId = member.memberId;
  }

  remove(memberId: string): ClassicMember | undefined {
    const m = this.members.get(memberId);
    if (!m) return undefined;
    this.members.delete(memberId);
    this.countVotes(m.protocols, -1);
    if (m.groupInstanceId !== null && this.staticMembers.get(m.groupInstanceId) === memberId) {
      this.staticMembers.delete(m.groupInstanceId);
    }
    this.pendingSyncMembers.delete(memberId);
    if (this.leaderId === memberId) {
      const next = this.members.keys().next();
      this.leaderId = next.done ? null : next.value;
    }
    return m;
  }

  updateProtocols(member: ClassicMember, protocols: Protocol[]): void {
    this.countVotes(member.protocols, -1);
    member.protocols = protocols;
    this.countVotes(protocols, 1);
  }

  /** A static member rejoined with a new member id: the same member object moves to it. */
  replaceStaticMember(instanceId: string, oldMemberId: string, newMemberId: string): ClassicMember {
    const m = this.members.get(oldMemberId);
    if (!m) throw new Error(`group ${this.groupId}: no member ${oldMemberId} for instance ${instanceId}`);
    const entries = [...this.members.entries()].map(([k, v]) => (k === oldMemberId ? [newMemberId, v] as const : [k, v] as const));
    this.members.clear();
    for (const [k, v] of entries) this.members.set(k, v);
    m.memberId = newMemberId;
    this.staticMembers.set(instanceId, newMemberId);
    if (this.leaderId === oldMemberId) this.leaderId = newMemberId;
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId);
    return m;
  }

  private countVotes(protocols: readonly Protocol[], d: number): void {
    for (const p of protocols) {
      const n = (this.protocolVotes.get(p.name) ?? 0) + d;
      if (n > 0) this.protocolVotes.set(p.name, n);
      else this.protocolVotes.delete(p.name);
    }
  }

  /** Can a member with this protocol type and these protocols be in the group? */
  supportsProtocols(protocolType: string, protocols: readonly Protocol[]): boolean {
    if (this.members.size === 0) return protocolType !== '' && protocols.length > 0;
    return this.protocolType === protocolType && protocols.some((p) => this.protocolVotes.get(p.name) === this.members.size);
  }

  /** Protocols every member supports, in the first member's order of preference. */
  candidateProtocols(): string[] {
    const first = this.members.values().next();
    if (first.done) return [];
    return first.value.protocols.map((p) => p.name).filter((n) => this.protocolVotes.get(n) === this.members.size);
  }

  /** Every member votes for its preferred candidate; most votes wins (ties: earlier candidate). */
  selectProtocol(): string | null {
    const candidates = this.candidateProtocols();
    if (candidates.length === 0) return null;
    const set = new Set(candidates);
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const v = m.vote(set);
      if (v !== undefined) votes.set(v, (votes.get(v) ?? 0) + 1);
    }
    let best = candidates[0];
    let bestVotes = -1;
    for (const c of candidates) {
      const n = votes.get(c) ?? 0;
      if (n > bestVotes) { best = c; bestVotes = n; }
    }
    return best;
  }

  hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin() && this.pendingMembers.size === 0;
  }

  /** If the leader has not rejoined, any member that has becomes leader; false when none has. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader && leader.awaitingJoin) return true;
    for (const m of this.members.values()) {
      if (m.awaitingJoin) { this.leaderId = m.memberId; return true; }
    }
    return false;
  }

  initNextGeneration(now: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transition('CompletingRebalance', now);
    } else {
      this.protocolName = null;
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transition('Empty', now);
    }
    this.pendingSyncMembers.clear();
  }

  rebalanceTimeoutMs(): number {
    let t = 0;
    for (const m of this.members.values()) t = Math.max(t, m.rebalanceTimeoutMs);
    return t;
  }

  /** Members as the leader's JoinGroup response lists them. */
  currentMemberMetadata(): { memberId: string; groupInstanceId: string | null; metadata: Buffer }[] {
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(this.protocolName) }));
  }

  /** Topics the members subscribe to (consumer protocol only), or null when unknown. */
  computeSubscribedTopics(): Set<string> | null {
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE || this.protocolName === null) {
      return this.members.size === 0 && this.protocolType === CONSUMER_PROTOCOL_TYPE ? new Set() : null;
    }
    const out = new Set<string>();
    for (const m of this.members.values()) {
      const topics = parseSubscriptionTopics(m.metadataFor(this.protocolName));
      if (topics === null) return null;
      for (const t of topics) out.add(t);
    }
    return out;
  }

  /** The GroupMetadataValue of the group now, with these assignments (default: current ones). */
  toValue(assignments?: ReadonlyMap<string, Buffer>): GroupValue {
    return {
      protocolType: this.protocolType ?? '',
      generation: this.generationId,
      protocol: this.protocolName,
      leader: this.leaderId,
      currentStateTimestamp: this.stateSince,
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs,
        sessionTimeout: m.sessionTimeoutMs,
        subscription: m.metadataFor(this.protocolName),
        assignment: assignments ? assignments.get(m.memberId) ?? Buffer.alloc(0) : m.assignment,
      })),
    };
  }

  /** Rebuild a group from its last GroupMetadataValue (Empty without members, else Stable). */
  static fromValue(groupId: string, v: GroupValue, now: number): ClassicGroup {
    const g = new ClassicGroup(groupId, v.currentStateTimestamp >= 0 ? v.currentStateTimestamp : now);
    g.protocolType = v.protocolType === '' ? null : v.protocolType;
    g.generationId = v.generation;
    g.protocolName = v.protocol;
    for (const mv of v.members) {
      const m = new ClassicMember(mv.memberId, mv.groupInstanceId, mv.clientId, mv.clientHost, mv.rebalanceTimeout,
        mv.sessionTimeout, g.protocolType ?? '', v.protocol === null ? [] : [{ name: v.protocol, metadata: mv.subscription }]);
      m.assignment = mv.assignment;
      g.members.set(m.memberId, m);
      g.countVotes(m.protocols, 1);
      if (m.groupInstanceId !== null) g.staticMembers.set(m.groupInstanceId, m.memberId);
    }
    g.leaderId = v.leader !== null && g.members.has(v.leader) ? v.leader : g.members.size > 0 ? g.members.keys().next().value! : null;
    g.state = g.members.size > 0 ? 'Stable' : 'Empty';
    g.previousState = g.state;
    g.subscribedTopics = g.computeSubscribedTopics();
    return g;
  }
}

/** Topics of a ConsumerProtocolSubscription (int16 version, then topics as an int32-counted
 *  array of int16 strings in every version), or null when the bytes do not parse. */
export function parseSubscriptionTopics(buf: Buffer): string[] | null {
  try {
    if (buf.length < 6) return null;
    const version = buf.readInt16BE(0);
    if (version < 0) return null;
    let pos = 2;
    const n = buf.readInt32BE(pos);
    pos += 4;
    if (n < 0 || n * 2 > buf.length - pos) return null;
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const len = buf.readInt16BE(pos);
      pos += 2;
      if (len < 0 || pos + len > buf.length) return null;
      out.push(buf.toString('utf8', pos, pos + len));
      pos += len;
    }
    return out;
  } catch {
    return null;
  }
}
