// The group coordinator for the groups of one __consumer_offsets partition: an actor that
// serves the classic group APIs and committed offsets, parks joins and syncs as promises
// answered by events or deadlines, persists through the partition's log, and rebuilds
// itself from that log on load. It runs on whatever thread hosts it, with an injected
// clock; other group types (KIP-848 consumer groups) plug in as extensions sharing the
// group id space (`groups`), the offsets store and the write path (`context`).
import { ApiKey } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/error-codes';
import { SamsaError, kafkaErrorOf } from '../../runtime/samsa-error';
import { ClassicGroup } from './classic-group';
import { joinRequestFrom, ClassicJoin } from './classic-join';
import { ClassicRebalancer } from './classic-rebalance';
import { ClassicSync } from './classic-sync';
import { GroupAdmin, type ListedGroup } from './group-admin';
import { KeyedTimers } from './keyed-timers';
import { OffsetOps } from './offset-ops';
import { OffsetStore } from './offset-store';
import { decodeGroupValue, decodeKey, decodeOffsetValue } from './records';
import { errorResponse, joinResponse, leaveResponse, syncResponse } from './responses';
import type { ShardContext } from './shard-context';
import {
  NOOP_LOGGER, type GroupClock, type GroupConfig, type GroupLogger, type GroupLogWriter, type GroupRecord,
  type GroupTypeExtension, type RequestInfo, type ShardGroup,
} from './types';

export interface GroupCoordinatorShardOptions {
  partition: number;
  config: GroupConfig;
  log: GroupLogWriter;
  clock: GroupClock;
  logger?: GroupLogger;
}

export interface GroupSnapshot {
  groupId: string;
  type: string;
  state: string;
  protocolType: string;
  protocolName: string | null;
  generationId: number;
  leaderId: string | null;
  members: { memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; assignment: Buffer }[];
  offsets: { topic: string; partition: number; offset: number; leaderEpoch: number; metadata: string; commitTimestamp: number }[];
}

const EXPIRY_TIMER = 'offsets-expiry';

export class GroupCoordinatorShard {
  readonly partition: number;
  readonly groups = new Map<string, ShardGroup>();
  readonly offsets = new OffsetStore();
  readonly context: ShardContext;
  private readonly log: GroupLogWriter;
  private readonly timers: KeyedTimers;
  private readonly rb: ClassicRebalancer;
  private readonly joins: ClassicJoin;
  private readonly syncs: ClassicSync;
  private readonly offsetOps: OffsetOps;
  private readonly admin: GroupAdmin;
  private readonly extensions: GroupTypeExtension[] = [];
  private readonly inflight = new Set<(code: number) => void>();
  private applyTail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(opts: GroupCoordinatorShardOptions) {
    this.partition = opts.partition;
    this.log = opts.log;
    this.timers = new KeyedTimers(opts.clock);
    this.context = {
      partition: opts.partition,
      config: opts.config,
      clock: opts.clock,
      logger: opts.logger ?? NOOP_LOGGER,
      groups: this.groups,
      offsets: this.offsets,
      timers: this.timers,
      write: (records, apply) => this.write(records, apply),
    };
    this.rb = new ClassicRebalancer(this.context);
    this.joins = new ClassicJoin(this.rb);
    this.syncs = new ClassicSync(this.rb);
    this.offsetOps = new OffsetOps(this.context, this.rb);
    this.admin = new GroupAdmin(this.context);
    this.scheduleExpiry();
  }

  /** Plug in another group type (its API keys and record key versions). */
  registerExtension(ext: GroupTypeExtension): void { this.extensions.push(ext); }

  // ---- log ----
  private write(records: GroupRecord[], apply?: (error: number) => void): Promise<number> {
    let appended: Promise<number>;
    const codeOf = (err: unknown) => kafkaErrorOf(err) || ErrorCode.UNKNOWN_SERVER_ERROR;
    try {
      appended = this.log.append(records).then(() => 0, codeOf);
    } catch (err) {
      appended = Promise.resolve(codeOf(err));
    }
    const done = this.applyTail.then(() => appended).then((code) => {
      if (apply) {
        try { apply(code); } catch (err) { this.context.logger.error({ err }, 'applying a group write failed'); }
      }
      return code;
    });
    this.applyTail = done.then(() => undefined);
    return done;
  }

  /** Rebuild groups and committed offsets from this partition's records, in offset order. */
  replay(records: Iterable<GroupRecord>): void {
    const loaded = new Set<string>();
    const now = this.context.clock.now();
    for (const rec of records) {
      try {
        const key = decodeKey(rec.key);
        if (key.kind === 'offset') {
          if (rec.value === null) this.offsets.delete(key.group, key.topic, key.partition);
          else {
            this.offsets.set(key.group, key.topic, key.partition, decodeOffsetValue(rec.value));
            if (!this.groups.has(key.group)) this.rb.createGroup(key.group);
          }
        } else if (key.kind === 'group') {
          const old = this.groups.get(key.group);
          if (old) { this.groups.delete(key.group); old.markDead(); }
          if (rec.value === null) { loaded.delete(key.group); continue; }
          this.rb.adopt(ClassicGroup.fromValue(key.group, decodeGroupValue(rec.value), now));
          loaded.add(key.group);
        } else {
          const ext = this.extensions.find((e) => e.recordKeyVersions.includes(key.version));
          if (ext) ext.replay(key.version, rec.key, rec.value);
        }
      } catch (err) {
        this.context.logger.warn({ err, partition: this.partition }, 'skipping an undecodable __consumer_offsets record');
      }
    }
    for (const id of loaded) {
      const g = this.groups.get(id);
      if (!(g instanceof ClassicGroup)) continue;
      // As after a coordinator failover: members must heartbeat or rejoin within their sessions.
      for (const m of g.members.values()) this.rb.scheduleHeartbeat(g, m);
      if (g.size > this.context.config.maxSize) this.rb.prepareRebalance(g, 'group is larger than group.max.size');
    }
    for (const e of this.extensions) e.afterReplay?.();
  }

  // ---- requests ----
  handle(apiKey: number, version: number, body: any, info: RequestInfo): Promise<any> {
    if (this.closed) return Promise.resolve(errorResponse(apiKey, version, body, ErrorCode.NOT_COORDINATOR));
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (r: any) => {
        if (settled) return;
        settled = true;
        this.inflight.delete(abort);
        resolve(r);
      };
      const abort = (code: number) => finish(errorResponse(apiKey, version, body, code));
      let p: Promise<any>;
      try {
        p = this.dispatch(apiKey, version, body, info);
      } catch (err) {
        if (err instanceof SamsaError) return reject(err);
        p = Promise.reject(err);
      }
      this.inflight.add(abort);
      p.then(finish, (err) => {
        this.context.logger.error({ err, apiKey, version }, 'group request failed');
        abort(ErrorCode.UNKNOWN_SERVER_ERROR);
      });
    });
  }

  private dispatch(apiKey: number, version: number, body: any, info: RequestInfo): Promise<any> {
    switch (apiKey) {
      case ApiKey.JoinGroup:
        return this.joins.join(joinRequestFrom(version, body), info).then((o) => joinResponse(version, o));
      case ApiKey.SyncGroup:
        return this.syncs.sync({
          groupId: body.groupId,
          generationId: body.generationId,
          memberId: body.memberId ?? '',
          groupInstanceId: version >= 3 ? body.groupInstanceId ?? null : null,
          protocolType: version >= 5 ? body.protocolType ?? null : null,
          protocolName: version >= 5 ? body.protocolName ?? null : null,
          assignments: body.assignments ?? [],
        }).then(syncResponse);
      case ApiKey.Heartbeat: {
        const errorCode = this.syncs.heartbeat(body.groupId, body.memberId ?? '', version >= 3 ? body.groupInstanceId ?? null : null, body.generationId);
        return Promise.resolve({ throttleTimeMs: 0, errorCode });
      }
      case ApiKey.LeaveGroup: {
        const members = version >= 3
          ? (body.members ?? []).map((m: any) => ({ memberId: m.memberId ?? '', groupInstanceId: m.groupInstanceId ?? null }))
          : [{ memberId: body.memberId ?? '', groupInstanceId: null }];
        return Promise.resolve(leaveResponse(version, this.syncs.leave(body.groupId, members)));
      }
      case ApiKey.OffsetCommit:
        return this.offsetOps.commit(version, body);
      case ApiKey.OffsetFetch:
        return Promise.resolve(this.offsetOps.fetch(version, body));
      case ApiKey.OffsetDelete:
        return this.offsetOps.deleteOffsets(body);
      case ApiKey.DescribeGroups:
        return Promise.resolve({ throttleTimeMs: 0, groups: this.admin.describe(body.groups ?? [], version >= 3 && body.includeAuthorizedOperations === true) });
      case ApiKey.ListGroups:
        return Promise.resolve({
          throttleTimeMs: 0, errorCode: 0,
          groups: this.listGroups(version >= 4 ? body.statesFilter ?? [] : [], version >= 5 ? body.typesFilter ?? [] : []),
        });
      case ApiKey.DeleteGroups:
        return this.admin.deleteGroups(body.groupsNames ?? []).then((results) => ({ throttleTimeMs: 0, results }));
      default: {
        const ext = this.extensions.find((e) => e.apiKeys.includes(apiKey));
        if (ext) return ext.handle(apiKey, version, body, info);
        throw new SamsaError('SAMSA_ERR_INTERNAL', `api key ${apiKey} is not a group API`);
      }
    }
  }

  /** ListGroups part for this shard (filters case-insensitive; empty = all). */
  listGroups(statesFilter: string[], typesFilter: string[]): ListedGroup[] {
    return this.admin.list(statesFilter, typesFilter);
  }

  /** Groups with members and committed offsets, for tools (one group, or all). */
  snapshot(groupId?: string): GroupSnapshot[] {
    const ids = groupId !== undefined ? [groupId] : [...new Set([...this.groups.keys(), ...this.offsets.groupIds()])];
    const out: GroupSnapshot[] = [];
    for (const id of ids) {
      const g = this.groups.get(id);
      if (!g && !this.offsets.hasOffsets(id)) continue;
      const classic = g instanceof ClassicGroup ? g : null;
      const offsets: GroupSnapshot['offsets'] = [];
      for (const [topic, parts] of this.offsets.topics(id) ?? []) {
        for (const [partition, e] of parts) offsets.push({ topic, partition, offset: e.offset, leaderEpoch: e.leaderEpoch, metadata: e.metadata, commitTimestamp: e.commitTimestamp });
      }
      out.push({
        groupId: id,
        type: g?.type ?? 'classic',
        state: g?.stateName() ?? 'Empty',
        protocolType: g?.protocolTypeName() ?? '',
        protocolName: classic?.protocolName ?? null,
        generationId: classic?.generationId ?? -1,
        leaderId: classic?.leaderId ?? null,
        members: classic ? [...classic.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost, assignment: m.assignment })) : [],
        offsets,
      });
    }
    return out;
  }

  // ---- retention ----
  private scheduleExpiry(): void {
    const every = this.context.config.offsetsRetentionCheckIntervalMs;
    if (!(every > 0)) return;
    this.timers.schedule(EXPIRY_TIMER, every, () => {
      void this.expireOffsets().finally(() => { if (!this.closed) this.scheduleExpiry(); });
    });
  }

  /** One retention pass now (also run every offsets.retention.check.interval.ms). */
  expireOffsets(): Promise<{ offsets: number; groups: number }> {
    return this.admin.expireOffsets().catch((err) => {
      this.context.logger.error({ err }, 'offset expiry failed');
      return { offsets: 0, groups: 0 };
    });
  }

  /** Cancel timers; parked and in-flight requests are answered with COORDINATOR_NOT_AVAILABLE. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.timers.cancelAll();
    for (const abort of [...this.inflight]) abort(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    for (const e of this.extensions) {
      try { e.close?.(); } catch (err) { this.context.logger.error({ err }, 'closing a group extension failed'); }
    }
  }
}
