// The rebalance mechanics of classic groups, as Kafka's group coordinator runs them:
// PreparingRebalance waits for members to rejoin (initial delay for a group that was
// Empty, else the largest rebalance timeout), completing the join starts a generation and
// answers the parked joins; the leader's SyncGroup assignments are persisted before the
// parked syncs are answered; session timers remove silent members; members that never
// send SyncGroup are removed after the rebalance timeout.
import { ErrorCode } from '../../protocol/error-codes';
import { groupAppendError } from './append-errors';
import { ClassicGroup } from './classic-group';
import { EMPTY_BYTES, joinError, syncError, type ClassicMember, type JoinOutcome } from './classic-member';
import { groupRecord } from './records';
import type { ShardContext } from './shard-context';

/** Kafka's limit on how long a new member's JoinGroup may stay parked (5 minutes). */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export class ClassicRebalancer {
  constructor(readonly ctx: ShardContext) {}

  private now(): number { return this.ctx.clock.now(); }
  private hbKey(g: ClassicGroup, memberId: string): string { return `${g.groupId}\u0000hb\u0000${memberId}`; }
  private joinKey(g: ClassicGroup): string { return `${g.groupId}\u0000join`; }
  private syncKey(g: ClassicGroup): string { return `${g.groupId}\u0000sync`; }

  /** A new, registered classic group whose timers die with it. */
  createGroup(groupId: string): ClassicGroup {
    const g = new ClassicGroup(groupId, this.now());
    this.adopt(g);
    return g;
  }

  adopt(g: ClassicGroup): void {
    g.onDead = () => {
      this.ctx.timers.cancelPrefix(`${g.groupId}\u0000`);
      for (const m of g.members.values()) {
        m.answerJoin(joinError(m.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
        m.answerSync(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
      }
    };
    this.ctx.groups.set(g.groupId, g);
  }

  // ---- heartbeats ----
  scheduleHeartbeat(g: ClassicGroup, m: ClassicMember, ms: number = m.sessionTimeoutMs): void {
    const id = m.memberId;
    this.ctx.timers.schedule(this.hbKey(g, id), ms, () => this.expireHeartbeat(g, id));
  }

  cancelHeartbeat(g: ClassicGroup, memberId: string): void { this.ctx.timers.cancel(this.hbKey(g, memberId)); }

  schedulePendingMember(g: ClassicGroup, memberId: string, ms: number): void {
    this.ctx.timers.schedule(this.hbKey(g, memberId), ms, () => this.expireHeartbeat(g, memberId));
  }

  private expireHeartbeat(g: ClassicGroup, memberId: string): void {
    if (g.is('Dead')) return;
    if (g.pendingMembers.delete(memberId)) {
      this.ctx.logger.debug({ group: g.groupId, memberId }, 'pending member expired');
      if (g.is('PreparingRebalance')) this.tryCompleteJoin(g);
      return;
    }
    const m = g.get(memberId);
    if (!m || m.hasSatisfiedHeartbeat()) return;
    this.ctx.logger.info({ group: g.groupId, memberId }, 'member session expired');
    this.removeMemberAndUpdateGroup(g, m, 'session timeout');
  }

  // ---- rebalance ----
  maybePrepareRebalance(g: ClassicGroup, reason: string): void {
    if (g.canRebalance()) this.prepareRebalance(g, reason);
  }

  prepareRebalance(g: ClassicGroup, reason: string): void {
    if (g.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(g, ErrorCode.REBALANCE_IN_PROGRESS);
    this.ctx.timers.cancel(this.syncKey(g));
    g.pendingSyncMembers.clear();
    const wasEmpty = g.is('Empty');
    g.transition('PreparingRebalance', this.now());
    this.ctx.logger.info({ group: g.groupId, generation: g.generationId, reason }, 'preparing to rebalance');
    if (wasEmpty) {
      const delay = this.ctx.config.initialRebalanceDelayMs;
      g.joinPhase = 'initial';
      g.newMemberAdded = false;
      this.scheduleInitialJoin(g, delay, Math.max(g.rebalanceTimeoutMs() - delay, 0));
    } else {
      g.joinPhase = 'normal';
      this.ctx.timers.schedule(this.joinKey(g), g.rebalanceTimeoutMs(), () => this.completeJoin(g));
      this.tryCompleteJoin(g);
    }
  }

  /** Kafka's InitialDelayedJoin: while new members keep arriving, wait up to another delay. */
  private scheduleInitialJoin(g: ClassicGroup, delay: number, remaining: number): void {
    this.ctx.timers.schedule(this.joinKey(g), delay, () => {
      if (!g.is('PreparingRebalance')) return;
      if (g.newMemberAdded && remaining > 0) {
        g.newMemberAdded = false;
        const next = Math.min(this.ctx.config.initialRebalanceDelayMs, remaining);
        this.scheduleInitialJoin(g, next, Math.max(remaining - this.ctx.config.initialRebalanceDelayMs, 0));
      } else {
        this.completeJoin(g);
      }
    });
  }

  /** Completes the join phase early once every member has rejoined (not during the initial delay). */
  tryCompleteJoin(g: ClassicGroup): void {
    if (g.is('PreparingRebalance') && g.joinPhase === 'normal' && g.hasAllMembersJoined()) this.completeJoin(g);
  }

  completeJoin(g: ClassicGroup): void {
    if (!g.is('PreparingRebalance')) return;
    this.ctx.timers.cancel(this.joinKey(g));
    for (const m of [...g.members.values()]) {
      if (!m.awaitingJoin && !m.isStatic) {
        this.cancelHeartbeat(g, m.memberId);
        g.remove(m.memberId);
        this.ctx.logger.info({ group: g.groupId, memberId: m.memberId }, 'member did not rejoin in time, removed');
      }
    }
    if (!g.maybeElectNewJoinedLeader() && g.size > 0) {
      // Only static members that have not rejoined are left: wait another rebalance timeout
      // (their sessions expire meanwhile).
      g.joinPhase = 'normal';
      this.ctx.timers.schedule(this.joinKey(g), g.rebalanceTimeoutMs(), () => this.completeJoin(g));
      return;
    }
    g.joinPhase = null;
    g.initNextGeneration(this.now());
    if (g.is('Empty')) {
      this.ctx.logger.info({ group: g.groupId, generation: g.generationId }, 'group is empty');
      void this.storeGroup(g);
      return;
    }
    this.ctx.logger.info({ group: g.groupId, generation: g.generationId, protocol: g.protocolName, members: g.size }, 'join phase complete');
    for (const m of g.members.values()) {
      m.answerJoin(this.joinOutcome(g, m, g.isLeader(m.memberId)));
      this.scheduleHeartbeat(g, m);
      m.isNew = false;
      g.pendingSyncMembers.add(m.memberId);
    }
    const generation = g.generationId;
    this.ctx.timers.schedule(this.syncKey(g), g.rebalanceTimeoutMs(), () => this.expirePendingSync(g, generation));
  }

  joinOutcome(g: ClassicGroup, m: ClassicMember, withMembers: boolean): JoinOutcome {
    return {
      errorCode: ErrorCode.NONE,
      generationId: g.generationId,
      protocolType: g.protocolType,
      protocolName: g.protocolName,
      leader: g.leaderId ?? '',
      memberId: m.memberId,
      skipAssignment: false,
      members: withMembers ? g.currentMemberMetadata() : [],
    };
  }

  private expirePendingSync(g: ClassicGroup, generation: number): void {
    if (generation !== g.generationId || !(g.is('CompletingRebalance') || g.is('Stable'))) return;
    if (g.pendingSyncMembers.size === 0) return;
    const missing = [...g.pendingSyncMembers];
    this.ctx.logger.info({ group: g.groupId, generation, members: missing }, 'members did not send SyncGroup in time, removed');
    for (const id of missing) {
      const m = g.remove(id);
      this.cancelHeartbeat(g, id);
      m?.answerJoin(joinError(id, ErrorCode.UNKNOWN_MEMBER_ID));
    }
    this.prepareRebalance(g, 'members did not sync');
  }

  /** A member stopped: answer what it has parked, drop it, rebalance if needed. */
  removeMemberAndUpdateGroup(g: ClassicGroup, m: ClassicMember, reason: string): void {
    m.answerJoin(joinError(m.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    m.answerSync(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    this.cancelHeartbeat(g, m.memberId);
    g.remove(m.memberId);
    switch (g.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.maybePrepareRebalance(g, `removing member ${m.memberId}: ${reason}`);
        break;
      case 'PreparingRebalance':
        this.tryCompleteJoin(g);
        break;
      default:
        break;
    }
  }

  markSynced(g: ClassicGroup, memberId: string): void {
    g.pendingSyncMembers.delete(memberId);
    if (g.pendingSyncMembers.size === 0) this.ctx.timers.cancel(this.syncKey(g));
  }

  resetAndPropagateAssignmentError(g: ClassicGroup, error: number): void {
    for (const m of g.members.values()) m.assignment = EMPTY_BYTES;
    this.propagateAssignment(g, error);
  }

  propagateAssignment(g: ClassicGroup, error: number): void {
    for (const m of g.members.values()) {
      const answered = m.answerSync({
        errorCode: error,
        protocolType: error ? null : g.protocolType,
        protocolName: error ? null : g.protocolName,
        assignment: error ? EMPTY_BYTES : m.assignment,
      });
      if (answered && !error) this.scheduleHeartbeat(g, m);
    }
  }

  /** The leader's SyncGroup: persist the assignments with the group, then answer every parked sync. */
  async completeSync(g: ClassicGroup, assignments: Map<string, Buffer>): Promise<void> {
    const generation = g.generationId;
    const error = await this.storeGroup(g, assignments);
    if (!g.is('CompletingRebalance') || g.generationId !== generation) return;
    if (error) {
      this.resetAndPropagateAssignmentError(g, error);
      this.maybePrepareRebalance(g, 'failed to store the group assignment');
      return;
    }
    for (const m of g.members.values()) m.assignment = assignments.get(m.memberId) ?? EMPTY_BYTES;
    this.propagateAssignment(g, ErrorCode.NONE);
    g.transition('Stable', this.now());
    this.ctx.logger.info({ group: g.groupId, generation }, 'group is stable');
  }

  /** Writes the group's metadata record; resolves with the error to answer (0 = stored). */
  async storeGroup(g: ClassicGroup, assignments?: ReadonlyMap<string, Buffer>): Promise<number> {
    const rec = groupRecord(g.groupId, g.toValue(assignments));
    const code = await this.ctx.write([rec]);
    if (code) this.ctx.logger.warn({ group: g.groupId, code }, 'storing group metadata failed');
    return groupAppendError(code);
  }
}
