// ApiKey 21 DeleteRecords v0-2
import { register } from './registry';
import { perPartition } from './partition-api';
import type { RequestContext } from './types';

interface Req { topics: { name: string; partitions: { partitionIndex: number; offset: number }[] }[]; timeoutMs: number }

register({
  apiKey: 21, name: 'DeleteRecords', minVersion: 0, maxVersion: 2,
  async handle(ctx: RequestContext, req: Req) {
    const res = await perPartition<Req['topics'][number]['partitions'][number], [number, number]>(
      ctx.services, 'deleteRecords', req.topics.map((t) => ({ name: t.name, parts: t.partitions })), (p) => p.partitionIndex,
      (topic, p) => [topic, p.partitionIndex, p.offset], (code) => [code, -1]);
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t, ti) => ({
        name: t.name,
        partitions: t.partitions.map((p, pi) => ({ partitionIndex: p.partitionIndex, errorCode: res[ti][pi][0], lowWatermark: res[ti][pi][1] })),
      })),
    };
  },
});
