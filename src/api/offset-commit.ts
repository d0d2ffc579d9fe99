// ApiKey 8 OffsetCommit v0-9
// Partitions of unknown topics are answered here with UNKNOWN_TOPIC_OR_PARTITION; the
// rest goes to the group's coordinator shard.
import { ErrorCode } from '../protocol/error-codes';
import { register } from './registry';
import { routeGroup } from './group-routing';
import type { RequestContext } from './types';

interface Req {
  groupId: string;
  topics: { name: string; partitions: { partitionIndex: number }[] }[];
}
interface Res { throttleTimeMs: number; topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[] }

function errorResponse(req: Req, code: number): Res {
  return { throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code })) })) };
}

register({
  apiKey: 8, name: 'OffsetCommit', minVersion: 0, maxVersion: 9,
  async handle(ctx: RequestContext, req: Req) {
    const catalog = ctx.services.catalog();
    const known = (t: string, p: number) => { const e = catalog.get(t); return !!e && p >= 0 && p < e.partitions.length; };
    const valid = req.topics.map((t) => ({ ...t, partitions: t.partitions.filter((p) => known(t.name, p.partitionIndex)) })).filter((t) => t.partitions.length > 0);
    const res: Res = valid.length > 0
      ? await routeGroup<Res>(ctx, req.groupId, { ...req, topics: valid }, (code) => errorResponse(req, code))
      : errorResponse({ ...req, topics: [] }, 0);
    const answered = new Map<string, number>();
    for (const t of res.topics) for (const p of t.partitions) answered.set(`${t.name}\u0000${p.partitionIndex}`, p.errorCode);
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: answered.get(`${t.name}\u0000${p.partitionIndex}`) ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION })),
      })),
    };
  },
  errorResponse: (_ctx, req: Req, code) => errorResponse(req, code),
});
