// DescribeGroups, ListGroups and DeleteGroups over every group of the shard, and the
// periodic expiry of committed offsets (offsets.retention.minutes), which also deletes
// groups left Empty with no offsets.
import { ErrorCode } from '../../protocol/error-codes';
import { groupAppendError } from './append-errors';
import { offsetTombstone } from './records';
import type { ShardContext } from './shard-context';
import type { GroupRecord, ShardGroup } from './types';

export interface ListedGroup { groupId: string; protocolType: string; groupState: string; groupType: string }

export class GroupAdmin {
  constructor(private readonly ctx: ShardContext) {}

  describe(groupIds: string[], includeAuthorizedOperations: boolean): object[] {
    return groupIds.map((groupId) => {
      const g = this.ctx.groups.get(groupId);
      if (g && g.describe) return g.describe(includeAuthorizedOperations);
      return {
        errorCode: ErrorCode.NONE, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [],
        authorizedOperations: -2147483648,
      };
    });
  }

  /** Filters are matched case-insensitively; an empty filter matches everything. */
  list(statesFilter: readonly string[], typesFilter: readonly string[]): ListedGroup[] {
    const states = new Set(statesFilter.map((s) => s.toLowerCase()));
    const types = new Set(typesFilter.map((s) => s.toLowerCase()));
    const out: ListedGroup[] = [];
    for (const g of this.ctx.groups.values()) {
      const state = g.stateName();
      if (state === 'Dead') continue;
      if (states.size > 0 && !states.has(state.toLowerCase())) continue;
      if (types.size > 0 && !types.has(g.type.toLowerCase())) continue;
      out.push({ groupId: g.groupId, protocolType: g.protocolTypeName(), groupState: state, groupType: g.type });
    }
    return out;
  }

  async deleteGroups(groupIds: string[]): Promise<{ groupId: string; errorCode: number }[]> {
    const results = new Map<number, number>();
    const records: GroupRecord[] = [];
    const removed: [string, [string, number][]][] = [];
    groupIds.forEach((groupId, i) => {
      if (groupId === null || groupId === undefined) { results.set(i, ErrorCode.INVALID_GROUP_ID); return; }
      const g = this.ctx.groups.get(groupId);
      if (!g) { results.set(i, ErrorCode.GROUP_ID_NOT_FOUND); return; }
      const err = g.validateDeleteGroup();
      if (err) { results.set(i, err); return; }
      const tps = this.offsetsOf(groupId);
      for (const [t, p] of tps) records.push(offsetTombstone(groupId, t, p));
      records.push(...g.deletionRecords());
      this.kill(g);
      removed.push([groupId, tps]);
      results.set(i, ErrorCode.NONE);
    });
    let writeError = 0;
    if (records.length > 0) {
      const code = await this.ctx.write(records, (e) => {
        if (!e) for (const [groupId, tps] of removed) for (const [t, p] of tps) this.ctx.offsets.delete(groupId, t, p);
      });
      writeError = groupAppendError(code);
    }
    return groupIds.map((groupId, i) => ({ groupId, errorCode: results.get(i) || writeError }));
  }

  /** Offsets a deletion must tombstone: committed ones and ones whose commit is in flight
   *  (that commit precedes the tombstone in the log). */
  private offsetsOf(groupId: string): [string, number][] {
    const seen = new Set<string>();
    const out: [string, number][] = [];
    for (const [t, p] of [...this.ctx.offsets.partitions(groupId), ...this.ctx.offsets.pendingPartitions(groupId)]) {
      const k = `${t}\u0000${p}`;
      if (!seen.has(k)) { seen.add(k); out.push([t, p]); }
    }
    return out;
  }

  private kill(g: ShardGroup): void {
    g.markDead();
    if (this.ctx.groups.get(g.groupId) === g) this.ctx.groups.delete(g.groupId);
  }

  /** One retention pass: tombstones for expired offsets, and for groups left Empty with none. */
  async expireOffsets(): Promise<{ offsets: number; groups: number }> {
    const now = this.ctx.clock.now();
    const retention = this.ctx.config.offsetsRetentionMs;
    const store = this.ctx.offsets;
    const records: GroupRecord[] = [];
    const expired: [string, string, number][] = [];
    let deadGroups = 0;
    const ids = new Set<string>([...this.ctx.groups.keys(), ...store.groupIds()]);
    for (const groupId of ids) {
      const g = this.ctx.groups.get(groupId);
      const cond = g ? g.offsetExpiration() : { base: 'commit' as const, skipSubscribed: false };
      let allExpired = !store.hasPending(groupId);
      for (const [topic, parts] of store.topics(groupId) ?? []) {
        for (const [partition, e] of parts) {
          let gone = false;
          if (cond && !(cond.skipSubscribed && g?.isSubscribedToTopic(topic)) && !store.isPending(groupId, topic, partition)) {
            if (e.expireTimestamp >= 0) gone = now >= e.expireTimestamp;
            else {
              const base = cond.base === 'state' && g && g.stateTimestamp() >= 0 ? g.stateTimestamp() : e.commitTimestamp;
              gone = now - base >= retention;
            }
          }
          if (gone) {
            records.push(offsetTombstone(groupId, topic, partition));
            expired.push([groupId, topic, partition]);
          } else {
            allExpired = false;
          }
        }
      }
      if (g && allExpired && g.isEmpty()) {
        records.push(...g.deletionRecords());
        this.kill(g);
        deadGroups++;
        this.ctx.logger.info({ group: groupId }, 'group deleted: empty and without offsets');
      }
    }
    if (records.length === 0) return { offsets: 0, groups: 0 };
    const code = await this.ctx.write(records, (e) => {
      if (!e) for (const [groupId, t, p] of expired) store.delete(groupId, t, p);
    });
    if (code) {
      this.ctx.logger.error({ code }, 'writing offset expiry tombstones failed');
      return { offsets: 0, groups: 0 };
    }
    if (expired.length > 0) this.ctx.logger.info({ offsets: expired.length }, 'expired committed offsets');
    return { offsets: expired.length, groups: deadGroups };
  }
}
