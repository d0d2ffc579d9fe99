// ApiKey 9 OffsetFetch v0-9 (one group up to v7, groups[] from v8)
import { ensureOffsetsTopic, routeGroup, routeGroups } from './group-routing';
import { ErrorCode } from '../protocol/error-codes';
import { register } from './registry';
import type { RequestContext } from './types';

type Topics = { name: string; partitionIndexes: number[] }[];
interface Req { groupId: string; topics: Topics | null; groups: { groupId: string; topics: Topics | null }[]; requireStable: boolean }

function singleError(req: Req, errorCode: number) {
  return {
    throttleTimeMs: 0, errorCode,
    // v0/v1 have no top-level error code: every requested partition carries it
    topics: (req.topics ?? []).map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode })) })),
  };
}

register({
  apiKey: 9, name: 'OffsetFetch', minVersion: 0, maxVersion: 9,
  async handle(ctx: RequestContext, req: Req) {
    const ready = await ensureOffsetsTopic(ctx.services);
    if (ctx.header.apiVersion < 8) {
      if (!ready) return singleError(req, ErrorCode.COORDINATOR_NOT_AVAILABLE);
      return routeGroup(ctx, req.groupId, req, (code) => singleError(req, code));
    }
    const ids = req.groups.map((g) => g.groupId);
    const groups = await routeGroups<{ groupId: string }>(ctx, ids,
      (list) => ({ groups: req.groups.filter((g) => list.includes(g.groupId)), requireStable: req.requireStable }),
      (body) => body.groups, (g) => g.groupId, (groupId, errorCode) => ({ groupId, topics: [], errorCode }));
    return { throttleTimeMs: 0, groups };
  },
});
