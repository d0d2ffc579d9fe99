// OffsetCommit, OffsetFetch and OffsetDelete against the shard's offsets store. Commits are
// checked against the group (generation, member, state), written as OffsetCommit records
// and answered once the log acknowledged them; fetches read acknowledged offsets only.
import { ErrorCode } from '../../protocol/error-codes';
import { offsetAppendError } from './append-errors';
import type { ClassicRebalancer } from './classic-rebalance';
import { offsetRecord, offsetTombstone, type OffsetValue } from './records';
import type { ShardContext } from './shard-context';
import type { GroupRecord } from './types';

export interface FetchedGroup {
  groupId: string;
  errorCode: number;
  topics: { name: string; partitions: { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; metadata: string | null; errorCode: number }[] }[];
}

export class OffsetOps {
  constructor(private readonly ctx: ShardContext, private readonly rb: ClassicRebalancer) {}

  async commit(version: number, body: any): Promise<any> {
    const groupId: string = body.groupId;
    const generation: number = version >= 1 ? body.generationIdOrMemberEpoch ?? -1 : -1;
    const memberId: string = version >= 1 ? body.memberId ?? '' : '';
    const instanceId: string | null = version >= 7 ? body.groupInstanceId ?? null : null;
    const retentionMs: number = version >= 2 && version <= 4 ? body.retentionTimeMs ?? -1 : -1;
    const topics: any[] = body.topics ?? [];
    const answer = (errorOf: (t: string, p: any) => number) => ({
      throttleTimeMs: 0,
      topics: topics.map((t) => ({ name: t.name, partitions: (t.partitions ?? []).map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: errorOf(t.name, p) })) })),
    });
    if (groupId === null || groupId === undefined) return answer(() => ErrorCode.INVALID_GROUP_ID);
    let group = this.ctx.groups.get(groupId);
    if (!group) {
      if (generation >= 0) return answer(() => ErrorCode.ILLEGAL_GENERATION);
      group = this.rb.createGroup(groupId); // a group that only stores offsets (no protocol)
    }
    const err = group.validateOffsetCommit(memberId, instanceId, generation, version);
    if (err) return answer(() => err);

    const now = this.ctx.clock.now();
    const records: GroupRecord[] = [];
    const accepted: [string, number, OffsetValue][] = [];
    const tooLarge = new Set<string>();
    for (const t of topics) {
      for (const p of t.partitions ?? []) {
        const metadata: string = p.committedMetadata ?? '';
        if (metadata.length > this.ctx.config.offsetMetadataMaxBytes) { tooLarge.add(`${t.name}\u0000${p.partitionIndex}`); continue; }
        const value: OffsetValue = {
          offset: p.committedOffset,
          leaderEpoch: version >= 6 ? p.committedLeaderEpoch ?? -1 : -1,
          metadata,
          commitTimestamp: version === 1 && p.commitTimestamp >= 0 ? p.commitTimestamp : now,
          expireTimestamp: retentionMs >= 0 ? now + retentionMs : -1,
        };
        records.push(offsetRecord(groupId, t.name, p.partitionIndex, value));
        accepted.push([t.name, p.partitionIndex, value]);
      }
    }
    let writeError = 0;
    if (records.length > 0) {
      for (const [t, p] of accepted) this.ctx.offsets.beginPending(groupId, t, p);
      const code = await this.ctx.write(records, (e) => {
        for (const [t, p, v] of accepted) {
          this.ctx.offsets.endPending(groupId, t, p);
          if (!e) this.ctx.offsets.set(groupId, t, p, v);
        }
      });
      writeError = offsetAppendError(code);
    }
    return answer((t, p) => (tooLarge.has(`${t}\u0000${p.partitionIndex}`) ? ErrorCode.OFFSET_METADATA_TOO_LARGE : writeError));
  }

  fetch(version: number, body: any): any {
    if (version <= 7) {
      const g = this.fetchGroup(body.groupId, version >= 2 ? body.topics ?? null : body.topics ?? [], null, -1, version);
      const topics = g.errorCode && version < 2
        ? (body.topics ?? []).map((t: any) => ({ name: t.name, partitions: (t.partitionIndexes ?? []).map((p: number) => unknownPartition(p, g.errorCode)) }))
        : g.topics;
      return { throttleTimeMs: 0, topics, errorCode: version >= 2 ? g.errorCode : 0 };
    }
    return {
      throttleTimeMs: 0,
      groups: (body.groups ?? []).map((rg: any) => this.fetchGroup(rg.groupId, rg.topics ?? null, rg.memberId ?? null, rg.memberEpoch ?? -1, version)),
    };
  }

  /** One group's committed offsets; topics null = every partition with an offset. */
  fetchGroup(groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null, memberId: string | null, memberEpoch: number, version: number): FetchedGroup {
    const group = this.ctx.groups.get(groupId);
    if (group) {
      const err = group.validateOffsetFetch(memberId, memberEpoch, version);
      if (err) return { groupId, errorCode: err, topics: [] };
    }
    const store = this.ctx.offsets;
    if (topics === null) {
      const out: FetchedGroup['topics'] = [];
      for (const [name, parts] of store.topics(groupId) ?? []) {
        out.push({ name, partitions: [...parts].map(([p, e]) => ({ partitionIndex: p, committedOffset: e.offset, committedLeaderEpoch: e.leaderEpoch, metadata: e.metadata, errorCode: 0 })) });
      }
      return { groupId, errorCode: 0, topics: out };
    }
    return {
      groupId,
      errorCode: 0,
      topics: topics.map((t) => ({
        name: t.name,
        partitions: (t.partitionIndexes ?? []).map((p) => {
          const e = store.get(groupId, t.name, p);
          return e ? { partitionIndex: p, committedOffset: e.offset, committedLeaderEpoch: e.leaderEpoch, metadata: e.metadata, errorCode: 0 } : unknownPartition(p, 0);
        }),
      })),
    };
  }

  async deleteOffsets(body: any): Promise<any> {
    const groupId: string = body.groupId;
    const fail = (errorCode: number) => ({ errorCode, throttleTimeMs: 0, topics: [] });
    const group = this.ctx.groups.get(groupId);
    if (!group) return fail(ErrorCode.GROUP_ID_NOT_FOUND);
    const err = group.validateOffsetDelete();
    if (err) return fail(err);
    const store = this.ctx.offsets;
    const records: GroupRecord[] = [];
    const deleted: [string, number][] = [];
    const topics = (body.topics ?? []).map((t: any) => ({
      name: t.name,
      partitions: (t.partitions ?? []).map((p: any) => {
        if (group.isSubscribedToTopic(t.name)) return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
        if (store.get(groupId, t.name, p.partitionIndex) || store.isPending(groupId, t.name, p.partitionIndex)) {
          records.push(offsetTombstone(groupId, t.name, p.partitionIndex));
          deleted.push([t.name, p.partitionIndex]);
        }
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
      }),
    }));
    if (records.length > 0) {
      const code = await this.ctx.write(records, (e) => {
        if (!e) for (const [t, p] of deleted) store.delete(groupId, t, p);
      });
      if (code) return fail(offsetAppendError(code));
    }
    return { errorCode: ErrorCode.NONE, throttleTimeMs: 0, topics };
  }
}

function unknownPartition(p: number, errorCode: number) {
  return { partitionIndex: p, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode };
}
