// OffsetCommit and OffsetFetch bodies and results across versions (shared by the group
// consumer and the admin client). OffsetFetch v8+ batches groups; v2+ reports a group-level
// error and takes null topics for "all committed partitions".
import type { TopicPartition } from './apis';

export interface OffsetToCommit extends TopicPartition {
  offset: number;
  metadata?: string | null;
  leaderEpoch?: number;
}

export interface CommittedOffset extends TopicPartition {
  /** -1 when the group has no offset for the partition. */
  offset: number;
  leaderEpoch: number;
  metadata: string | null;
  errorCode: number;
}

export interface CommitMember { generationId: number; memberId: string; groupInstanceId: string | null }

/** The admin's identity in OffsetCommit: no generation, no member (the group must be empty). */
export const ADMIN_COMMIT_MEMBER: CommitMember = { generationId: -1, memberId: '', groupInstanceId: null };

export function offsetCommitBody(groupId: string, member: CommitMember, offsets: OffsetToCommit[]): unknown {
  const topics = new Map<string, OffsetToCommit[]>();
  for (const o of offsets) {
    if (!Number.isSafeInteger(o.offset) || o.offset < 0) throw new Error(`invalid offset ${o.offset} for ${o.topic}-${o.partition}`);
    let l = topics.get(o.topic);
    if (!l) topics.set(o.topic, (l = []));
    l.push(o);
  }
  return {
    groupId,
    generationIdOrMemberEpoch: member.generationId,
    memberId: member.memberId,
    groupInstanceId: member.groupInstanceId,
    retentionTimeMs: -1,
    topics: [...topics].map(([name, list]) => ({
      name,
      partitions: list.map((o) => ({
        partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch ?? -1,
        commitTimestamp: -1, committedMetadata: o.metadata ?? '',
      })),
    })),
  };
}

/** Per-partition error codes of an OffsetCommit response. */
export function offsetCommitResults(res: any): (TopicPartition & { errorCode: number })[] {
  const out: (TopicPartition & { errorCode: number })[] = [];
  for (const t of res.topics ?? []) {
    for (const p of t.partitions ?? []) out.push({ topic: t.name, partition: p.partitionIndex, errorCode: p.errorCode ?? 0 });
  }
  return out;
}

/** topics null = every partition with a committed offset (OffsetFetch v2+). */
export function offsetFetchBody(groupId: string, topics: TopicPartition[] | null, requireStable: boolean): unknown {
  let list: { name: string; partitionIndexes: number[] }[] | null = null;
  if (topics !== null) {
    const m = new Map<string, number[]>();
    for (const tp of topics) {
      let l = m.get(tp.topic);
      if (!l) m.set(tp.topic, (l = []));
      l.push(tp.partition);
    }
    list = [...m].map(([name, partitionIndexes]) => ({ name, partitionIndexes }));
  }
  return {
    groupId,
    topics: list,
    groups: [{ groupId, memberId: null, memberEpoch: -1, topics: list }],
    requireStable,
  };
}

/** Group-level error (0 when none) and the partitions of an OffsetFetch response. */
export function offsetFetchResult(res: any, version: number, groupId: string): { errorCode: number; offsets: CommittedOffset[] } {
  let errorCode = 0;
  let topics: any[];
  if (version >= 8) {
    const g = (res.groups ?? []).find((x: any) => x.groupId === groupId) ?? (res.groups ?? [])[0];
    errorCode = g?.errorCode ?? 0;
    topics = g?.topics ?? [];
  } else {
    errorCode = res.errorCode ?? 0;
    topics = res.topics ?? [];
  }
  const offsets: CommittedOffset[] = [];
  for (const t of topics) {
    for (const p of t.partitions ?? []) {
      offsets.push({
        topic: t.name, partition: p.partitionIndex, offset: p.committedOffset ?? -1,
        leaderEpoch: p.committedLeaderEpoch ?? -1, metadata: p.metadata ?? null, errorCode: p.errorCode ?? 0,
      });
    }
  }
  return { errorCode, offsets };
}
