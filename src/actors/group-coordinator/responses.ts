// Response bodies of the group APIs at a given version, from the coordinator's outcomes,
// and the all-error response of each API (for a closing shard, or the broker answering
// NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS for a group it does not serve).
import { ApiKey } from '../../protocol/apis';
import { joinError, syncError, type JoinOutcome, type SyncOutcome } from './classic-member';
import type { LeaveResult } from './classic-sync';

export const GROUP_API_KEYS: readonly number[] = [
  ApiKey.OffsetCommit, ApiKey.OffsetFetch, ApiKey.JoinGroup, ApiKey.Heartbeat, ApiKey.LeaveGroup,
  ApiKey.SyncGroup, ApiKey.DescribeGroups, ApiKey.ListGroups, ApiKey.DeleteGroups, ApiKey.OffsetDelete,
];

export function joinResponse(version: number, o: JoinOutcome): any {
  return {
    throttleTimeMs: 0,
    errorCode: o.errorCode,
    generationId: o.generationId,
    protocolType: o.protocolType,
    // ProtocolName is nullable from v7 only; older versions send '' for "no protocol".
    protocolName: version >= 7 ? o.protocolName : o.protocolName ?? '',
    leader: o.leader,
    skipAssignment: o.skipAssignment,
    memberId: o.memberId,
    members: o.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata })),
  };
}

export function syncResponse(o: SyncOutcome): any {
  return { throttleTimeMs: 0, errorCode: o.errorCode, protocolType: o.protocolType, protocolName: o.protocolName, assignment: o.assignment };
}

export function leaveResponse(version: number, r: LeaveResult): any {
  if (version >= 3) return { throttleTimeMs: 0, errorCode: r.errorCode, members: r.members };
  // v0-2 carry a single member: its error is the response's.
  return { throttleTimeMs: 0, errorCode: r.errorCode || (r.members[0]?.errorCode ?? 0) };
}

/** The response of an API at a version with `code` everywhere it can be put. */
export function errorResponse(apiKey: number, version: number, body: any, code: number): any {
  switch (apiKey) {
    case ApiKey.JoinGroup: return joinResponse(version, joinError(body?.memberId ?? '', code));
    case ApiKey.SyncGroup: return syncResponse(syncError(code));
    case ApiKey.Heartbeat: return { throttleTimeMs: 0, errorCode: code };
    case ApiKey.LeaveGroup: return version >= 3 ? { throttleTimeMs: 0, errorCode: code, members: [] } : { throttleTimeMs: 0, errorCode: code };
    case ApiKey.OffsetCommit:
      return {
        throttleTimeMs: 0,
        topics: (body?.topics ?? []).map((t: any) => ({ name: t.name, partitions: (t.partitions ?? []).map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: code })) })),
      };
    case ApiKey.OffsetFetch: {
      const part = (p: number) => ({ partitionIndex: p, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: code });
      if (version >= 8) return { throttleTimeMs: 0, groups: (body?.groups ?? []).map((g: any) => ({ groupId: g.groupId, topics: [], errorCode: code })) };
      if (version >= 2) return { throttleTimeMs: 0, topics: [], errorCode: code };
      return {
        throttleTimeMs: 0,
        topics: (body?.topics ?? []).map((t: any) => ({ name: t.name, partitions: (t.partitionIndexes ?? []).map(part) })),
        errorCode: 0,
      };
    }
    case ApiKey.OffsetDelete: return { errorCode: code, throttleTimeMs: 0, topics: [] };
    case ApiKey.DescribeGroups:
      return {
        throttleTimeMs: 0,
        groups: (body?.groups ?? []).map((groupId: string) => ({
          errorCode: code, groupId, groupState: '', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648,
        })),
      };
    case ApiKey.ListGroups: return { throttleTimeMs: 0, errorCode: code, groups: [] };
    case ApiKey.DeleteGroups:
      return { throttleTimeMs: 0, results: (body?.groupsNames ?? []).map((groupId: string) => ({ groupId, errorCode: code })) };
    default:
      return { throttleTimeMs: 0, errorCode: code };
  }
}
