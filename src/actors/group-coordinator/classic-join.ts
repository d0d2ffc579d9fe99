// JoinGroup for classic groups: member ids (MEMBER_ID_REQUIRED from v4), static members
// (group.instance.id) with fencing and replacement, group size limits, and the state
// machine's answer to a join in each state. A join that has to wait is parked on its
// member and answered when the join phase completes.
import { randomUUID } from 'crypto';
import { ErrorCode } from '../../protocol/error-codes';
import { ClassicGroup } from './classic-group';
import { ClassicMember, joinError, type JoinOutcome, type Protocol } from './classic-member';
import { NEW_MEMBER_JOIN_TIMEOUT_MS, type ClassicRebalancer } from './classic-rebalance';
import type { RequestInfo } from './types';

export interface JoinRequest {
  version: number;
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: Protocol[];
  reason: string | null;
}

export function joinRequestFrom(version: number, body: any): JoinRequest {
  const sessionTimeoutMs = body.sessionTimeoutMs;
  const rebalance = version >= 1 && body.rebalanceTimeoutMs >= 0 ? body.rebalanceTimeoutMs : sessionTimeoutMs;
  return {
    version,
    groupId: body.groupId,
    sessionTimeoutMs,
    rebalanceTimeoutMs: rebalance,
    memberId: body.memberId ?? '',
    groupInstanceId: version >= 5 ? body.groupInstanceId ?? null : null,
    protocolType: body.protocolType ?? '',
    protocols: (body.protocols ?? []).map((p: any) => ({ name: p.name, metadata: p.metadata ?? Buffer.alloc(0) })),
    reason: body.reason ?? null,
  };
}

export class ClassicJoin {
  constructor(private readonly rb: ClassicRebalancer) {}

  private get ctx() { return this.rb.ctx; }

  join(req: JoinRequest, info: RequestInfo): Promise<JoinOutcome> {
    const cfg = this.ctx.config;
    if (req.groupId === '' || req.groupId === null) return done(joinError(req.memberId, ErrorCode.INVALID_GROUP_ID));
    if (req.sessionTimeoutMs < cfg.minSessionTimeoutMs || req.sessionTimeoutMs > cfg.maxSessionTimeoutMs) {
      return done(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const isUnknown = req.memberId === '';
    let existing = this.ctx.groups.get(req.groupId);
    if (existing && !(existing instanceof ClassicGroup)) {
      // Another group type (a KIP-848 consumer group) owns the id: an empty one gives way.
      if (!existing.isEmpty() || !isUnknown) return done(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      const tombstones = existing.deletionRecords();
      existing.markDead();
      this.ctx.groups.delete(req.groupId);
      if (tombstones.length > 0) void this.ctx.write(tombstones);
      existing = undefined;
    }
    if (!existing && !isUnknown) return done(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    const created = !existing;
    const g = existing ?? this.rb.createGroup(req.groupId);
    return new Promise<JoinOutcome>((resolve) => {
      if (!this.acceptJoiningMember(g, req.memberId)) {
        const m = g.get(req.memberId);
        if (m) this.rb.removeMemberAndUpdateGroup(g, m, 'group is full');
        resolve(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
      } else if (isUnknown) {
        this.joinNewMember(g, req, info, resolve);
      } else {
        this.joinExistingMember(g, req, info, resolve);
      }
      if (g.is('PreparingRebalance')) this.rb.tryCompleteJoin(g);
      if (created && g.size === 0 && g.pendingMembers.size === 0 && g.is('Empty') && this.ctx.groups.get(g.groupId) === g) {
        this.ctx.groups.delete(g.groupId);
        g.markDead();
      }
    });
  }

  private acceptJoiningMember(g: ClassicGroup, memberId: string): boolean {
    const max = this.ctx.config.maxSize;
    switch (g.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance': {
        const m = g.get(memberId);
        return (m !== undefined && m.awaitingJoin) || g.numAwaitingJoin() < max;
      }
      default:
        return g.has(memberId) || g.size < max;
    }
  }

  private joinNewMember(g: ClassicGroup, req: JoinRequest, info: RequestInfo, resolve: (o: JoinOutcome) => void): void {
    if (g.is('Dead')) return resolve(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!g.supportsProtocols(req.protocolType, req.protocols)) return resolve(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    const newMemberId = `${req.groupInstanceId ?? info.clientId}-${randomUUID()}`;
    if (req.groupInstanceId !== null) return this.joinStaticMember(g, req, info, newMemberId, resolve);
    if (req.version >= 4) {
      g.pendingMembers.add(newMemberId);
      this.rb.schedulePendingMember(g, newMemberId, req.sessionTimeoutMs);
      return resolve(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
    }
    this.addMemberAndRebalance(g, req, info, newMemberId, resolve);
  }

  private joinExistingMember(g: ClassicGroup, req: JoinRequest, info: RequestInfo, resolve: (o: JoinOutcome) => void): void {
    if (g.is('Dead')) return resolve(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!g.supportsProtocols(req.protocolType, req.protocols)) return resolve(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    if (g.pendingMembers.has(req.memberId)) return this.addMemberAndRebalance(g, req, info, req.memberId, resolve);
    const err = g.validateMember(req.memberId, req.groupInstanceId);
    if (err) return resolve(joinError(req.memberId, err));
    const m = g.get(req.memberId)!;
    switch (g.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(g, m, req, resolve, `member ${m.memberId} rejoined`);
      case 'CompletingRebalance':
        if (m.matches(req.protocols)) {
          // Same metadata (the member probably lost the first response): the current generation.
          this.rb.scheduleHeartbeat(g, m);
          return resolve(this.rb.joinOutcome(g, m, g.isLeader(m.memberId)));
        }
        return this.updateMemberAndRebalance(g, m, req, resolve, `member ${m.memberId} changed its metadata`);
      case 'Stable':
        if (g.isLeader(m.memberId) || !m.matches(req.protocols)) {
          // A leader's join always rebalances (topic metadata changes reach the group this way).
          return this.updateMemberAndRebalance(g, m, req, resolve, `member ${m.memberId} rejoined in Stable`);
        }
        this.rb.scheduleHeartbeat(g, m);
        return resolve(this.rb.joinOutcome(g, m, false));
      default:
        return resolve(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private addMemberAndRebalance(g: ClassicGroup, req: JoinRequest, info: RequestInfo, memberId: string, resolve: (o: JoinOutcome) => void): void {
    const m = new ClassicMember(memberId, req.groupInstanceId, info.clientId, info.clientHost, req.rebalanceTimeoutMs,
      req.sessionTimeoutMs, req.protocolType, req.protocols);
    m.isNew = true;
    if (g.is('PreparingRebalance') && g.joinPhase === 'initial') g.newMemberAdded = true;
    g.add(m);
    m.joinWaiter = resolve;
    this.rb.scheduleHeartbeat(g, m, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.rb.maybePrepareRebalance(g, `adding member ${memberId}`);
  }

  private updateMemberAndRebalance(g: ClassicGroup, m: ClassicMember, req: JoinRequest, resolve: (o: JoinOutcome) => void, reason: string): void {
    this.updateMember(g, m, req);
    // A second join of the same member replaces the first, which is told to rejoin.
    m.answerJoin(joinError(m.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
    m.joinWaiter = resolve;
    this.rb.scheduleHeartbeat(g, m);
    this.rb.maybePrepareRebalance(g, reason);
  }

  private updateMember(g: ClassicGroup, m: ClassicMember, req: JoinRequest): void {
    g.updateProtocols(m, req.protocols);
    m.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    m.sessionTimeoutMs = req.sessionTimeoutMs;
  }

  /** A static member with an unknown member id: a new member, or a restart replacing the old id. */
  private joinStaticMember(g: ClassicGroup, req: JoinRequest, info: RequestInfo, newMemberId: string, resolve: (o: JoinOutcome) => void): void {
    const instanceId = req.groupInstanceId!;
    const oldMemberId = g.staticMemberId(instanceId);
    if (oldMemberId === undefined) return this.addMemberAndRebalance(g, req, info, newMemberId, resolve);
    const m = g.get(oldMemberId)!;
    const saved = { protocols: m.protocols, rebalance: m.rebalanceTimeoutMs, session: m.sessionTimeoutMs, clientId: m.clientId, clientHost: m.clientHost };
    const leaderBefore = g.leaderId ?? '';
    // The old incarnation is fenced: whatever it has parked is answered now.
    m.answerJoin(joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
    m.answerSync({ errorCode: ErrorCode.FENCED_INSTANCE_ID, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
    this.rb.cancelHeartbeat(g, oldMemberId);
    g.replaceStaticMember(instanceId, oldMemberId, newMemberId);
    this.updateMember(g, m, req);
    m.clientId = info.clientId;
    m.clientHost = info.clientHost;
    this.rb.scheduleHeartbeat(g, m);
    switch (g.state) {
      case 'Stable': {
        if (g.selectProtocol() !== g.protocolName) {
          m.joinWaiter = resolve;
          return this.rb.prepareRebalance(g, `static member ${instanceId} changed the group's protocol`);
        }
        // No rebalance: persist the new member id, then hand back the current generation.
        void this.rb.storeGroup(g).then((error) => {
          if (error) {
            if (g.staticMemberId(instanceId) === newMemberId && g.get(newMemberId) === m) {
              this.rb.cancelHeartbeat(g, newMemberId);
              g.replaceStaticMember(instanceId, newMemberId, oldMemberId);
              g.updateProtocols(m, saved.protocols);
              Object.assign(m, { rebalanceTimeoutMs: saved.rebalance, sessionTimeoutMs: saved.session, clientId: saved.clientId, clientHost: saved.clientHost });
              this.rb.scheduleHeartbeat(g, m);
            }
            return resolve(joinError(req.memberId, error));
          }
          const isLeader = g.isLeader(newMemberId);
          const skip = isLeader && req.version >= 9;
          resolve({
            ...this.rb.joinOutcome(g, m, skip),
            // Before v9 a rejoining static leader is told the old leader id, so it does not
            // compute an assignment for a group that is not rebalancing.
            leader: skip ? newMemberId : isLeader ? leaderBefore : g.leaderId ?? '',
            skipAssignment: skip,
          });
        });
        return;
      }
      case 'CompletingRebalance':
        // The leader may be assigning to the old member id: rebalance again.
        m.joinWaiter = resolve;
        return this.rb.prepareRebalance(g, `static member ${instanceId} rejoined during CompletingRebalance`);
      case 'PreparingRebalance':
        m.joinWaiter = resolve;
        return;
      default:
        return resolve(joinError(req.memberId, ErrorCode.UNKNOWN_SERVER_ERROR));
    }
  }
}

function done(o: JoinOutcome): Promise<JoinOutcome> { return Promise.resolve(o); }
