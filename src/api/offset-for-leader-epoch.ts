// ApiKey 23 OffsetForLeaderEpoch v0-4
import { register } from './registry';
import { perPartition } from './partition-api';
import type { RequestContext } from './types';

interface Req { topics: { topic: string; partitions: { partition: number; currentLeaderEpoch: number; leaderEpoch: number }[] }[] }

register({
  apiKey: 23, name: 'OffsetForLeaderEpoch', minVersion: 0, maxVersion: 4,
  async handle(ctx: RequestContext, req: Req) {
    const v = ctx.header.apiVersion;
    const res = await perPartition<Req['topics'][number]['partitions'][number], [number, number, number]>(
      ctx.services, 'epochEnd', req.topics.map((t) => ({ name: t.topic, parts: t.partitions })), (p) => p.partition,
      (topic, p) => [topic, p.partition, p.leaderEpoch, v >= 2 ? p.currentLeaderEpoch : -1], (code) => [code, -1, -1]);
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t, ti) => ({
        topic: t.topic,
        partitions: t.partitions.map((p, pi) => {
          const [errorCode, leaderEpoch, endOffset] = res[ti][pi];
          return { errorCode, partition: p.partition, leaderEpoch, endOffset };
        }),
      })),
    };
  },
});
