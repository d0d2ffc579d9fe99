// SyncGroup, Heartbeat and LeaveGroup for classic groups. Followers' syncs are parked
// until the leader's assignments are persisted; heartbeats keep sessions alive and tell
// members about rebalances; leaves (batched from v3) remove members and rebalance.
import { ErrorCode } from '../../protocol/error-codes';
import { ClassicGroup } from './classic-group';
import { EMPTY_BYTES, syncError, type SyncOutcome } from './classic-member';
import type { ClassicRebalancer } from './classic-rebalance';

export interface SyncRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface LeaveMember { memberId: string; groupInstanceId: string | null }
export interface LeaveResult { errorCode: number; members: (LeaveMember & { errorCode: number })[] }

export class ClassicSync {
  constructor(private readonly rb: ClassicRebalancer) {}

  private classic(groupId: string): ClassicGroup | undefined {
    const g = this.rb.ctx.groups.get(groupId);
    return g instanceof ClassicGroup ? g : undefined;
  }

  sync(req: SyncRequest): Promise<SyncOutcome> {
    if (!req.groupId) return Promise.resolve(syncError(ErrorCode.INVALID_GROUP_ID));
    const g = this.classic(req.groupId);
    if (!g) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    const err = this.validateSync(g, req);
    if (err) return Promise.resolve(syncError(err));
    const m = g.get(req.memberId)!;
    switch (g.state) {
      case 'PreparingRebalance':
        return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'CompletingRebalance':
        return new Promise<SyncOutcome>((resolve) => {
          m.answerSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
          m.syncWaiter = resolve;
          this.rb.markSynced(g, m.memberId);
          if (g.isLeader(m.memberId)) {
            const assignments = new Map<string, Buffer>();
            for (const a of req.assignments) if (g.has(a.memberId)) assignments.set(a.memberId, a.assignment ?? EMPTY_BYTES);
            void this.rb.completeSync(g, assignments);
          }
        });
      case 'Stable':
        this.rb.markSynced(g, m.memberId);
        this.rb.scheduleHeartbeat(g, m);
        return Promise.resolve({ errorCode: ErrorCode.NONE, protocolType: g.protocolType, protocolName: g.protocolName, assignment: m.assignment });
      default:
        return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private validateSync(g: ClassicGroup, req: SyncRequest): number {
    if (g.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const e = g.validateMember(req.memberId, req.groupInstanceId);
    if (e) return e;
    if (req.generationId !== g.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (req.protocolType !== null && req.protocolType !== g.protocolType) return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    if (req.protocolName !== null && req.protocolName !== g.protocolName) return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    return ErrorCode.NONE;
  }

  heartbeat(groupId: string, memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (!groupId) return ErrorCode.INVALID_GROUP_ID;
    const g = this.classic(groupId);
    if (!g) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (g.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const e = g.validateMember(memberId, groupInstanceId);
    if (e) return e;
    if (generationId !== g.generationId) return ErrorCode.ILLEGAL_GENERATION;
    const m = g.get(memberId)!;
    switch (g.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.rb.scheduleHeartbeat(g, m);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      default:
        this.rb.scheduleHeartbeat(g, m);
        return ErrorCode.NONE;
    }
  }

  leave(groupId: string, members: LeaveMember[]): LeaveResult {
    if (!groupId) return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const g = this.classic(groupId);
    // An unknown group: every member is unknown (and v0-2 carry that as the top-level error).
    if (!g) return { errorCode: ErrorCode.NONE, members: members.map((m) => ({ ...m, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })) };
    if (g.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const out: LeaveResult['members'] = [];
    let removedPending = false;
    for (const lm of members) {
      let errorCode: number = ErrorCode.NONE;
      if (lm.memberId === '' && lm.groupInstanceId !== null) {
        // Administrative removal by group.instance.id.
        const id = g.staticMemberId(lm.groupInstanceId);
        const m = id === undefined ? undefined : g.get(id);
        if (m) this.rb.removeMemberAndUpdateGroup(g, m, 'left the group (by instance id)');
        else errorCode = ErrorCode.UNKNOWN_MEMBER_ID;
      } else if (g.pendingMembers.has(lm.memberId)) {
        g.pendingMembers.delete(lm.memberId);
        this.rb.cancelHeartbeat(g, lm.memberId);
        removedPending = true;
      } else {
        errorCode = g.validateMember(lm.memberId, lm.groupInstanceId);
        const m = errorCode ? undefined : g.get(lm.memberId);
        if (m) this.rb.removeMemberAndUpdateGroup(g, m, 'left the group');
      }
      out.push({ memberId: lm.memberId, groupInstanceId: lm.groupInstanceId, errorCode });
    }
    if (removedPending && g.is('PreparingRebalance')) this.rb.tryCompleteJoin(g);
    return { errorCode: ErrorCode.NONE, members: out };
  }
}
