// Consumer groups live with the partition of __consumer_offsets that Kafka's rule picks
// for the group id; the handler owning that partition hosts the group's coordinator shard.
import { ErrorCode } from '../protocol/error-codes';
import type { BrokerServices, RequestContext } from './types';
import { groupPartition } from '../actors/group-coordinator/group-partition';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** The offsets topic exists, or is created now (as FindCoordinator does in Kafka). */
export async function ensureOffsetsTopic(svc: BrokerServices): Promise<boolean> {
  if (svc.catalog().has(OFFSETS_TOPIC)) return true;
  const [res] = await svc.controller.createTopics([{
    name: OFFSETS_TOPIC, numPartitions: svc.config.offsetsTopicNumPartitions, replicationFactor: -1,
    configs: [
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'segment.bytes', value: String(svc.config.offsetsTopicSegmentBytes) },
    ],
  }], false);
  if (res.errorCode !== 0 && res.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) {
    svc.logger.error({ error: res.errorMessage }, `could not create ${OFFSETS_TOPIC}`);
  }
  return svc.catalog().has(OFFSETS_TOPIC);
}

export function shardPartition(svc: BrokerServices, groupId: string): number | null {
  const t = svc.catalog().get(OFFSETS_TOPIC);
  return t ? groupPartition(groupId, t.partitions.length) : null;
}

export interface ShardAnswer { body?: any; errorCode?: number }

/** Ask the coordinator shard of `partition` to serve (part of) a group request. */
export async function askShard(ctx: RequestContext, partition: number, body: unknown): Promise<ShardAnswer> {
  const svc = ctx.services;
  const owner = svc.placement.ownerOf(OFFSETS_TOPIC, partition);
  try {
    const { env } = await svc.owner(owner).ask({
      op: 'group', p: partition, apiKey: ctx.header.apiKey, version: ctx.header.apiVersion, body,
      info: { clientId: ctx.header.clientId ?? '', clientHost: `/${ctx.conn.remote.replace(/:\d+$/, '')}` },
    });
    return env.errorCode ? { errorCode: env.errorCode } : { body: env.body };
  } catch {
    return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
  }
}

/** A single-group request: validate the id, find the shard, ask it; errors become `onError(code)`. */
export async function routeGroup<R>(ctx: RequestContext, groupId: string, body: unknown, onError: (code: number) => R): Promise<R> {
  if (!groupId) return onError(ErrorCode.INVALID_GROUP_ID);
  if (!(await ensureOffsetsTopic(ctx.services))) return onError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  const p = shardPartition(ctx.services, groupId)!;
  const ans = await askShard(ctx, p, body);
  return ans.errorCode ? onError(ans.errorCode) : (ans.body as R);
}

/**
 * A request about several groups: split them by shard, ask each shard with `bodyFor(ids)`,
 * and return each group's entry (from `entriesOf(body)`, matched by `idOf`) in request order.
 */
export async function routeGroups<E>(ctx: RequestContext, ids: string[], bodyFor: (ids: string[]) => unknown,
  entriesOf: (body: any) => E[], idOf: (e: E) => string, onError: (id: string, code: number) => E): Promise<E[]> {
  const svc = ctx.services;
  if (!svc.catalog().has(OFFSETS_TOPIC)) return ids.map((id) => onError(id, ErrorCode.GROUP_ID_NOT_FOUND));
  const byShard = new Map<number, string[]>();
  for (const id of ids) {
    const p = shardPartition(svc, id)!;
    const l = byShard.get(p);
    if (l) l.push(id);
    else byShard.set(p, [id]);
  }
  const found = new Map<string, E>();
  await Promise.all([...byShard].map(async ([p, list]) => {
    const ans = await askShard(ctx, p, bodyFor(list));
    if (ans.errorCode) for (const id of list) found.set(id, onError(id, ans.errorCode));
    else for (const e of entriesOf(ans.body)) found.set(idOf(e), e);
  }));
  return ids.map((id) => found.get(id) ?? onError(id, ErrorCode.GROUP_ID_NOT_FOUND));
}
