// Consumer group administration (used by Admin): ListGroups on every broker, and
// DescribeGroups, OffsetFetch, OffsetCommit (as Kafka's admin does it: no generation, no
// member, accepted only while the group is empty), DeleteGroups and OffsetDelete on the
// group's coordinator, looked up with FindCoordinator and retried when it moves.
import type { Cluster } from '../cluster';
import type { Connection } from '../connection';
import { isRetriable, KafkaProtocolError, UnsupportedVersionError } from '../errors';
import { ErrorCode } from '../../protocol/error-codes';
import { CONSUMER_PROTOCOL_TYPE, GroupApi, TopicPartition, isCoordinatorError, isRetryLater, requestVersioned, sleep } from './apis';
import { decodeAssignment, decodeSubscription } from './consumer-protocol';
import { CoordinatorInfo, findCoordinator } from './find-coordinator';
import {
  ADMIN_COMMIT_MEMBER, CommittedOffset, OffsetToCommit, offsetCommitBody, offsetCommitResults, offsetFetchBody, offsetFetchResult,
} from './offset-requests';

export interface GroupListing {
  groupId: string;
  /** 'consumer' for consumer groups; '' for groups that only hold offsets. */
  protocolType: string;
  /** ListGroups v4+ (null from older brokers). */
  state: string | null;
  /** ListGroups v5+ ('classic', 'consumer', ...), else null. */
  type: string | null;
}

export interface MemberDescription {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** Decoded ConsumerProtocolAssignment (empty for other protocol types or no assignment yet). */
  assignment: TopicPartition[];
  /** Subscribed topics from the member metadata (null when not a consumer subscription). */
  subscription: string[] | null;
}

export interface GroupDescription {
  groupId: string;
  /** Empty, Stable, PreparingRebalance, CompletingRebalance or Dead (unknown group). */
  state: string;
  protocolType: string;
  /** The chosen assignor for consumer groups ('' while none). */
  protocol: string;
  members: MemberDescription[];
  coordinator: CoordinatorInfo;
}

export interface DeleteOffsetsResult { errorCode: number; partitions: (TopicPartition & { errorCode: number })[] }

const MAX_ATTEMPTS = 10;

/** The canonical group state names (ListGroups filters compare them exactly). */
export const GROUP_STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'] as const;

async function coordinatorOf(cluster: Cluster, groupId: string): Promise<{ conn: Connection; info: CoordinatorInfo }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const info = await findCoordinator(await cluster.anyConnection(), groupId);
      const known = cluster.brokers.get(info.nodeId);
      if (!known || known.host !== info.host || known.port !== info.port) await cluster.refreshMetadata();
      return { conn: await cluster.connectionFor(info.nodeId), info };
    } catch (err) {
      if (!isRetriable(err) || attempt + 1 >= MAX_ATTEMPTS) throw err;
      await sleep(Math.min(100 * 2 ** attempt, 1000));
    }
  }
}

/**
 * Runs `fn` against the group's coordinator; `fn` returns an error code to retry on
 * (coordinator moved or loading) or 0 with its value.
 */
async function withCoordinator<T>(cluster: Cluster, groupId: string,
  fn: (conn: Connection, info: CoordinatorInfo) => Promise<{ retryCode: number; value?: T }>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const { conn, info } = await coordinatorOf(cluster, groupId);
    let out: { retryCode: number; value?: T };
    try {
      out = await fn(conn, info);
    } catch (err) {
      if (!isRetriable(err) || attempt + 1 >= MAX_ATTEMPTS) throw err;
      await sleep(Math.min(100 * 2 ** attempt, 1000));
      continue;
    }
    if (!out.retryCode) return out.value as T;
    if (attempt + 1 >= MAX_ATTEMPTS) throw new KafkaProtocolError(out.retryCode, `group ${groupId}`);
    await sleep(Math.min(100 * 2 ** attempt, 1000));
  }
}

function retryable(code: number): boolean { return isCoordinatorError(code) || isRetryLater(code); }

/** ListGroups on every broker, optionally only groups in `states` (needs ListGroups v4). */
export async function listGroups(cluster: Cluster, states: string[] = []): Promise<GroupListing[]> {
  const md = await cluster.refreshMetadata(null);
  const seen = new Map<string, GroupListing>();
  await Promise.all(md.brokers.map(async (b) => {
    const conn = await cluster.connectionFor(b.nodeId);
    if (states.length > 0 && conn.versionFor(GroupApi.ListGroups) < 4) {
      throw new UnsupportedVersionError(`broker ${conn.address} cannot filter groups by state (ListGroups v4+)`);
    }
    const { res } = await requestVersioned(conn, GroupApi.ListGroups, { statesFilter: states, typesFilter: [] });
    if (res.errorCode) throw new KafkaProtocolError(res.errorCode, `ListGroups on ${conn.address}`);
    for (const g of res.groups ?? []) {
      seen.set(g.groupId, { groupId: g.groupId, protocolType: g.protocolType ?? '', state: g.groupState ?? null, type: g.groupType ?? null });
    }
  }));
  return [...seen.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

function describeMember(m: any, consumer: boolean): MemberDescription {
  let assignment: TopicPartition[] = [];
  let subscription: string[] | null = null;
  if (consumer) {
    try { assignment = decodeAssignment(m.memberAssignment).partitions; } catch { /* not a consumer assignment */ }
    try { if (m.memberMetadata && m.memberMetadata.length) subscription = decodeSubscription(m.memberMetadata).topics; } catch { /* ignore */ }
  }
  return {
    memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null, clientId: m.clientId ?? '', clientHost: m.clientHost ?? '',
    assignment, subscription,
  };
}

/** DescribeGroups; an unknown group is described as state Dead without members. */
export async function describeGroups(cluster: Cluster, groupIds: string[]): Promise<GroupDescription[]> {
  return Promise.all(groupIds.map((groupId) => withCoordinator<GroupDescription>(cluster, groupId, async (conn, info) => {
    const { res } = await requestVersioned(conn, GroupApi.DescribeGroups, { groups: [groupId], includeAuthorizedOperations: false });
    const g = (res.groups ?? []).find((x: any) => x.groupId === groupId) ?? (res.groups ?? [])[0];
    if (!g) throw new KafkaProtocolError(ErrorCode.UNKNOWN_SERVER_ERROR, `DescribeGroups ${groupId}: empty response`);
    const code: number = g.errorCode ?? 0;
    if (retryable(code)) return { retryCode: code };
    if (code === ErrorCode.GROUP_ID_NOT_FOUND) {
      return { retryCode: 0, value: { groupId, state: 'Dead', protocolType: '', protocol: '', members: [], coordinator: info } };
    }
    if (code) throw new KafkaProtocolError(code, `DescribeGroups ${groupId}`);
    const consumer = g.protocolType === CONSUMER_PROTOCOL_TYPE || g.protocolType === '';
    return {
      retryCode: 0,
      value: {
        groupId, state: g.groupState, protocolType: g.protocolType ?? '', protocol: g.protocolData ?? '',
        members: (g.members ?? []).map((m: any) => describeMember(m, consumer)), coordinator: info,
      },
    };
  })));
}

/**
 * Committed offsets of a group: of the given partitions (offset -1 where none), of every
 * partition of the given topics, or (no argument) of every partition that has one.
 */
export async function fetchOffsets(cluster: Cluster, groupId: string, topics?: (string | TopicPartition)[]): Promise<CommittedOffset[]> {
  let partitions: TopicPartition[] | null = null;
  if (topics !== undefined) {
    partitions = [];
    for (const t of topics) {
      if (typeof t !== 'string') { partitions.push(t); continue; }
      const info = await cluster.topic(t, { refresh: true });
      for (const p of info.partitions) partitions.push({ topic: t, partition: p.partition });
    }
    if (partitions.length === 0) return [];
  }
  return withCoordinator(cluster, groupId, async (conn) => {
    if (partitions === null && conn.versionFor(GroupApi.OffsetFetch) < 2) {
      throw new UnsupportedVersionError(`broker ${conn.address} cannot list all offsets of a group (OffsetFetch v2+)`);
    }
    const { version, res } = await requestVersioned(conn, GroupApi.OffsetFetch, offsetFetchBody(groupId, partitions, false));
    const r = offsetFetchResult(res, version, groupId);
    if (retryable(r.errorCode)) return { retryCode: r.errorCode };
    if (r.errorCode === ErrorCode.GROUP_ID_NOT_FOUND) return { retryCode: 0, value: [] };
    if (r.errorCode) throw new KafkaProtocolError(r.errorCode, `OffsetFetch of group ${groupId}`);
    const failed = r.offsets.find((o) => o.errorCode !== 0);
    if (failed) {
      if (retryable(failed.errorCode)) return { retryCode: failed.errorCode };
      throw new KafkaProtocolError(failed.errorCode, `OffsetFetch ${failed.topic}-${failed.partition} of group ${groupId}`);
    }
    return { retryCode: 0, value: r.offsets.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)) };
  });
}

/** Sets committed offsets of an inactive group (generation -1, no member id, as Kafka's admin). */
export async function alterOffsets(cluster: Cluster, groupId: string, offsets: OffsetToCommit[]): Promise<void> {
  if (offsets.length === 0) return;
  const body = offsetCommitBody(groupId, ADMIN_COMMIT_MEMBER, offsets);
  await withCoordinator<void>(cluster, groupId, async (conn) => {
    const { res } = await requestVersioned(conn, GroupApi.OffsetCommit, body);
    const failed = offsetCommitResults(res).find((r) => r.errorCode !== 0);
    if (!failed) return { retryCode: 0 };
    if (retryable(failed.errorCode)) return { retryCode: failed.errorCode };
    const hint = failed.errorCode === ErrorCode.UNKNOWN_MEMBER_ID ? ' (the group has active members)' : '';
    throw new KafkaProtocolError(failed.errorCode, `OffsetCommit ${failed.topic}-${failed.partition} of group ${groupId}${hint}`);
  });
}

/** DeleteGroups; the error code per group (0 = deleted). */
export async function deleteGroups(cluster: Cluster, groupIds: string[]): Promise<{ groupId: string; errorCode: number }[]> {
  return Promise.all(groupIds.map((groupId) => withCoordinator(cluster, groupId, async (conn) => {
    const { res } = await requestVersioned(conn, GroupApi.DeleteGroups, { groupsNames: [groupId] });
    const r = (res.results ?? []).find((x: any) => x.groupId === groupId);
    const code: number = r ? (r.errorCode ?? 0) : ErrorCode.UNKNOWN_SERVER_ERROR;
    if (retryable(code)) return { retryCode: code };
    return { retryCode: 0, value: { groupId, errorCode: code } };
  })));
}

/** OffsetDelete: removes committed offsets of partitions the group is not subscribed to. */
export async function deleteOffsets(cluster: Cluster, groupId: string, partitions: TopicPartition[]): Promise<DeleteOffsetsResult> {
  const topics = new Map<string, number[]>();
  for (const tp of partitions) {
    let l = topics.get(tp.topic);
    if (!l) topics.set(tp.topic, (l = []));
    l.push(tp.partition);
  }
  return withCoordinator(cluster, groupId, async (conn) => {
    const { res } = await requestVersioned(conn, GroupApi.OffsetDelete, {
      groupId, topics: [...topics].map(([name, ps]) => ({ name, partitions: ps.map((partitionIndex) => ({ partitionIndex })) })),
    });
    const code: number = res.errorCode ?? 0;
    if (retryable(code)) return { retryCode: code };
    const out: DeleteOffsetsResult = { errorCode: code, partitions: [] };
    for (const t of res.topics ?? []) {
      for (const p of t.partitions ?? []) out.partitions.push({ topic: t.name, partition: p.partitionIndex, errorCode: p.errorCode ?? 0 });
    }
    return { retryCode: 0, value: out };
  });
}
