// ApiKey 2 ListOffsets v1-10
import { register } from './registry';
import { perPartition } from './partition-api';
import type { RequestContext } from './types';

interface ListOffsetsRequest {
  replicaId: number; isolationLevel: number;
  topics: { name: string; partitions: { partitionIndex: number; currentLeaderEpoch: number; timestamp: number }[] }[];
}

register({
  apiKey: 2, name: 'ListOffsets', minVersion: 1, maxVersion: 10,
  async handle(ctx: RequestContext, req: ListOffsetsRequest) {
    const v = ctx.header.apiVersion;
    const res = await perPartition<ListOffsetsRequest['topics'][number]['partitions'][number], [number, number, number, number]>(
      ctx.services, 'listOffsets', req.topics.map((t) => ({ name: t.name, parts: t.partitions })), (p) => p.partitionIndex,
      (topic, p) => [topic, p.partitionIndex, p.timestamp, v >= 4 ? p.currentLeaderEpoch : -1], (code) => [code, -1, -1, -1]);
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t, ti) => ({
        name: t.name,
        partitions: t.partitions.map((p, pi) => {
          const [errorCode, offset, timestamp, leaderEpoch] = res[ti][pi];
          return { partitionIndex: p.partitionIndex, errorCode, timestamp, offset, leaderEpoch, oldStyleOffsets: [] };
        }),
      })),
    };
  },
});
