// ApiKey 1 Fetch v4-17
// Long poll: each owner parks its share until it has minBytes or maxWaitMs passes; the
// first owner to answer with data wakes the others so the response goes out at once.
// Fetch sessions: full fetches only — a request to open a session (epoch 0) is declined
// with session id 0, which KIP-227 allows; clients then keep sending full fetches.
import { ErrorCode } from '../protocol/error-codes';
import { kafkaErrorOf } from '../runtime/samsa-error';
import { register } from './registry';
import type { RequestContext } from './types';

interface FetchRequest {
  maxWaitMs: number; minBytes: number; maxBytes: number; isolationLevel: number;
  sessionId: number; sessionEpoch: number;
  topics: { topic: string; topicId: string; partitions: { partition: number; currentLeaderEpoch: number; fetchOffset: number; partitionMaxBytes: number }[] }[];
}
/** [errorCode, highWatermark, logStartOffset, recordsLength, pad before the records] */
type PartResult = [number, number, number, number, number?];

const EMPTY = Buffer.alloc(0);
let nextFid = 1;

interface Part { topic: string; partition: number; fetchOffset: number; maxBytes: number; epoch: number; ti: number; pi: number }

register({
  apiKey: 1, name: 'Fetch', minVersion: 4, maxVersion: 17,
  async handle(ctx: RequestContext, req: FetchRequest) {
    const svc = ctx.services;
    const v = ctx.header.apiVersion;
    if (v >= 7 && req.sessionId !== 0) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, sessionId: 0, responses: [] };
    }
    const catalog = svc.catalog();
    const results: PartResult[][] = [];
    const records: (Buffer | null)[][] = [];
    const parts: Part[] = [];
    req.topics.forEach((t, ti) => {
      const entry = v >= 13 ? catalog.getById(t.topicId) : catalog.get(t.topic);
      results.push([]);
      records.push([]);
      t.partitions.forEach((p, pi) => {
        records[ti].push(null);
        if (!entry) results[ti].push([v >= 13 ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, 0]);
        else if (p.partition < 0 || p.partition >= entry.partitions.length) results[ti].push([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, 0]);
        else {
          results[ti].push([0, -1, -1, 0]);
          parts.push({ topic: entry.name, partition: p.partition, fetchOffset: p.fetchOffset, maxBytes: p.partitionMaxBytes, epoch: v >= 9 ? p.currentLeaderEpoch : -1, ti, pi });
        }
      });
    });

    const byOwner = svc.placement.groupByOwner(parts);
    const fid = nextFid++;
    const maxBytes = v >= 3 ? req.maxBytes : 0x7fffffff;
    const owners = [...byOwner.keys()];
    let woken = false;
    await Promise.all([...byOwner].map(async ([owner, list]) => {
      try {
        const { env, payload } = await svc.owner(owner).ask({
          op: 'fetch', fid, maxWaitMs: req.maxWaitMs, minBytes: req.minBytes, maxBytes,
          parts: list.map((p) => [p.topic, p.partition, p.fetchOffset, p.maxBytes, p.epoch]),
        });
        const tuples = env.parts as PartResult[];
        // each part's records follow `pad` filler bytes (fetch-purgatory.ts)
        let pos = 0;
        for (let i = 0; i < list.length; i++) {
          const p = list[i];
          const t = tuples[i];
          results[p.ti][p.pi] = t;
          if (payload && t[3] > 0) {
            pos += t[4] ?? 0;
            records[p.ti][p.pi] = payload.subarray(pos, pos + t[3]);
            pos += t[3];
          }
        }
        if (!woken && owners.length > 1 && (payload?.length ?? 0) > 0) {
          woken = true;
          for (const o of owners) if (o !== owner) svc.owner(o).tell({ op: 'fetchWake', fid });
        }
      } catch (err) {
        const code = kafkaErrorOf(err);
        for (const p of list) results[p.ti][p.pi] = [code, -1, -1, 0];
      }
    }));

    return {
      throttleTimeMs: 0,
      errorCode: 0,
      sessionId: 0,
      responses: req.topics.map((t, ti) => ({
        topic: t.topic,
        topicId: t.topicId,
        partitions: t.partitions.map((p, pi) => {
          const [errorCode, hw, logStart] = results[ti][pi];
          return {
            partitionIndex: p.partition, errorCode, highWatermark: hw, lastStableOffset: hw, logStartOffset: logStart,
            abortedTransactions: null, preferredReadReplica: -1, records: records[ti][pi] ?? EMPTY,
          };
        }),
      })),
    };
  },
});
