// One member of a classic group: coordinator discovery (on a connection of its own, so a
// JoinGroup that waits for the rebalance never holds up fetches), JoinGroup / SyncGroup,
// background heartbeats, LeaveGroup, and the offset requests that carry the generation.
import { Cluster } from '../cluster';
import { Connection, ConnectionOptions } from '../connection';
import { isRetriable, KafkaProtocolError } from '../errors';
import { ErrorCode } from '../../protocol/error-codes';
import { CONSUMER_PROTOCOL_TYPE, GroupApi, TopicPartition, isCoordinatorError, isRetryLater, requestVersioned, sleep } from './apis';
import { CommitFailedError, ConsumerClosedError } from './errors';
import { findCoordinator, CoordinatorInfo } from './find-coordinator';
import { CommittedOffset, OffsetToCommit, offsetCommitBody, offsetCommitResults, offsetFetchBody, offsetFetchResult } from './offset-requests';

export interface MembershipOptions {
  groupId: string;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  /** Options for the coordinator connection (host and port come from FindCoordinator). */
  connection: Omit<ConnectionOptions, 'host' | 'port'>;
  /** Called when the member must rejoin (from heartbeats, commits, ...). */
  onRejoinNeeded?: () => void;
}

export interface JoinedMember { memberId: string; groupInstanceId: string | null; metadata: Buffer }

export interface JoinResult {
  generationId: number;
  memberId: string;
  leaderId: string;
  isLeader: boolean;
  protocolName: string;
  /** Filled for the leader only. */
  members: JoinedMember[];
  /** JoinGroup v9: a static leader whose metadata did not change keeps the current assignment. */
  skipAssignment: boolean;
}

const MAX_COMMIT_ATTEMPTS = 6;

export class GroupMembership {
  memberId = '';
  generationId = -1;
  protocolName: string | null = null;
  /** Set by a failure that the consumer must surface (e.g. FENCED_INSTANCE_ID). */
  fatal: Error | null = null;
  private rejoin = true;
  private closed = false;
  /** Set by abort(): join and sync give up (the consumer is closing). */
  private aborted = false;
  private coord: { info: CoordinatorInfo; conn: Connection } | null = null;
  private discovering: Promise<Connection> | null = null;
  private hbTimer: NodeJS.Timeout | null = null;
  private hbActive = false;
  private lastHeartbeatOk = 0;

  constructor(private readonly cluster: Cluster, private readonly o: MembershipOptions) {}

  get groupId(): string { return this.o.groupId; }
  /** True until a SyncGroup succeeds, and again once something asks for a rebalance. */
  get rejoinNeeded(): boolean { return this.rejoin; }
  get coordinatorInfo(): CoordinatorInfo | null { return this.coord?.info ?? null; }
  /** Member of a generation (offsets can be committed). */
  get inGeneration(): boolean { return this.generationId >= 0 && this.memberId !== ''; }

  requestRejoin(): void {
    const was = this.rejoin;
    this.rejoin = true;
    if (!was) this.o.onRejoinNeeded?.();
  }

  // ---- coordinator ----

  /** The coordinator connection, discovering the coordinator first when unknown. */
  async coordinator(): Promise<Connection> {
    if (this.closed) throw new ConsumerClosedError();
    if (this.coord) {
      if (this.coord.conn.isConnected) return this.coord.conn;
      try { await this.coord.conn.connect(); return this.coord.conn; } catch { this.markCoordinatorUnknown(); }
    }
    if (!this.discovering) this.discovering = this.discover().finally(() => { this.discovering = null; });
    return this.discovering;
  }

  private async discover(): Promise<Connection> {
    const deadline = Date.now() + Math.max(this.o.requestTimeoutMs, this.o.sessionTimeoutMs);
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new ConsumerClosedError();
      try {
        const info = await findCoordinator(await this.cluster.anyConnection(), this.o.groupId, this.o.requestTimeoutMs);
        const conn = new Connection({ ...this.o.connection, host: info.host, port: info.port });
        await conn.connect();
        if (this.closed) { void conn.close(); throw new ConsumerClosedError(); }
        this.coord = { info, conn };
        return conn;
      } catch (err) {
        if (!isRetriable(err) || Date.now() >= deadline) throw err;
        await this.backoff(attempt);
      }
    }
  }

  /** Forgets the coordinator (closing its connection); the next request looks it up again. */
  markCoordinatorUnknown(): void {
    const c = this.coord;
    this.coord = null;
    if (c) void c.conn.close().catch(() => undefined);
  }

  private async send(apiKey: number, body: unknown, timeoutMs = this.o.requestTimeoutMs): Promise<{ version: number; res: any }> {
    const conn = await this.coordinator();
    try {
      return await requestVersioned(conn, apiKey, body, timeoutMs);
    } catch (err) {
      if (isRetriable(err) && !this.aborted && this.coord?.conn === conn) this.markCoordinatorUnknown();
      throw err;
    }
  }

  private backoff(attempt: number): Promise<void> {
    return sleep(Math.min(this.o.retryBackoffMs * 2 ** Math.min(attempt, 10), 1000));
  }

  // ---- join / sync ----

  /** JoinGroup until the coordinator accepts it (handles MEMBER_ID_REQUIRED and retriable errors). */
  async join(protocols: { name: string; metadata: Buffer }[]): Promise<JoinResult> {
    this.stopHeartbeats();
    for (let attempt = 0; ; attempt++) {
      if (this.closed || this.aborted) throw new ConsumerClosedError();
      let res: any;
      try {
        ({ res } = await this.send(GroupApi.JoinGroup, {
          groupId: this.o.groupId, sessionTimeoutMs: this.o.sessionTimeoutMs, rebalanceTimeoutMs: this.o.rebalanceTimeoutMs,
          memberId: this.memberId, groupInstanceId: this.o.groupInstanceId, protocolType: CONSUMER_PROTOCOL_TYPE,
          protocols, reason: null,
        }, Math.max(this.o.requestTimeoutMs, this.o.rebalanceTimeoutMs + 5000)));
      } catch (err) {
        if (this.closed || this.aborted) throw new ConsumerClosedError();
        if (!isRetriable(err)) throw err;
        await this.backoff(attempt);
        continue;
      }
      if (this.aborted) throw new ConsumerClosedError();
      const code: number = res.errorCode ?? 0;
      if (code === 0) {
        this.memberId = res.memberId;
        this.generationId = res.generationId;
        this.protocolName = res.protocolName ?? null;
        return {
          generationId: res.generationId, memberId: res.memberId, leaderId: res.leader, isLeader: res.leader === res.memberId,
          protocolName: res.protocolName ?? '', skipAssignment: !!res.skipAssignment,
          members: (res.members ?? []).map((m: any) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null, metadata: m.metadata })),
        };
      }
      switch (code) {
        case ErrorCode.MEMBER_ID_REQUIRED:
          this.memberId = res.memberId;
          break;
        case ErrorCode.UNKNOWN_MEMBER_ID:
          this.resetGeneration(true);
          break;
        case ErrorCode.REBALANCE_IN_PROGRESS:
        case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
          await this.backoff(attempt);
          break;
        case ErrorCode.NOT_COORDINATOR:
        case ErrorCode.COORDINATOR_NOT_AVAILABLE:
          this.markCoordinatorUnknown();
          await this.backoff(attempt);
          break;
        default:
          throw new KafkaProtocolError(code, `JoinGroup of group ${this.o.groupId}`);
      }
    }
  }

  /** SyncGroup: the member's assignment bytes, or null when the group must be joined again. */
  async sync(j: JoinResult, assignments: { memberId: string; assignment: Buffer }[]): Promise<Buffer | null> {
    let res: any;
    try {
      ({ res } = await this.send(GroupApi.SyncGroup, {
        groupId: this.o.groupId, generationId: j.generationId, memberId: j.memberId, groupInstanceId: this.o.groupInstanceId,
        protocolType: CONSUMER_PROTOCOL_TYPE, protocolName: j.protocolName, assignments,
      }, Math.max(this.o.requestTimeoutMs, this.o.rebalanceTimeoutMs + 5000)));
    } catch (err) {
      if (this.closed || this.aborted) throw new ConsumerClosedError();
      if (!isRetriable(err)) throw err;
      return null;
    }
    if (this.aborted) throw new ConsumerClosedError();
    const code: number = res.errorCode ?? 0;
    switch (code) {
      case 0:
        this.rejoin = false;
        this.startHeartbeats();
        return res.assignment ?? Buffer.alloc(0);
      case ErrorCode.REBALANCE_IN_PROGRESS:
        return null;
      case ErrorCode.UNKNOWN_MEMBER_ID:
        this.resetGeneration(true);
        return null;
      case ErrorCode.ILLEGAL_GENERATION:
        this.resetGeneration(false);
        return null;
      case ErrorCode.NOT_COORDINATOR:
      case ErrorCode.COORDINATOR_NOT_AVAILABLE:
        this.markCoordinatorUnknown();
        return null;
      default:
        throw new KafkaProtocolError(code, `SyncGroup of group ${this.o.groupId}`);
    }
  }

  private resetGeneration(memberIdToo: boolean): void {
    this.generationId = -1;
    if (memberIdToo) this.memberId = '';
    this.requestRejoin();
  }

  // ---- heartbeats ----

  startHeartbeats(): void {
    this.hbActive = true;
    this.lastHeartbeatOk = Date.now();
    this.scheduleHeartbeat(this.o.heartbeatIntervalMs);
  }

  stopHeartbeats(): void {
    this.hbActive = false;
    if (this.hbTimer) { clearTimeout(this.hbTimer); this.hbTimer = null; }
  }

  private scheduleHeartbeat(ms: number): void {
    if (this.hbTimer) clearTimeout(this.hbTimer);
    this.hbTimer = null;
    if (!this.hbActive || this.closed) return;
    this.hbTimer = setTimeout(() => { this.hbTimer = null; void this.heartbeat(); }, ms);
    this.hbTimer.unref();
  }

  private async heartbeat(): Promise<void> {
    const gen = this.generationId;
    const member = this.memberId;
    const stale = () => !this.hbActive || this.closed || gen !== this.generationId || member !== this.memberId;
    let code: number;
    try {
      const { res } = await this.send(GroupApi.Heartbeat, {
        groupId: this.o.groupId, generationId: gen, memberId: member, groupInstanceId: this.o.groupInstanceId,
      }, Math.min(this.o.requestTimeoutMs, this.o.sessionTimeoutMs));
      code = res.errorCode ?? 0;
    } catch (err) {
      if (stale()) return;
      if (!isRetriable(err)) { this.fail(err as Error); return; }
      // the coordinator is unreachable: keep trying; past the session timeout it has
      // dropped us anyway and the next answer will say so
      if (Date.now() - this.lastHeartbeatOk > this.o.sessionTimeoutMs) this.markCoordinatorUnknown();
      this.scheduleHeartbeat(this.o.retryBackoffMs);
      return;
    }
    if (stale()) return;
    switch (code) {
      case 0:
        this.lastHeartbeatOk = Date.now();
        break;
      case ErrorCode.REBALANCE_IN_PROGRESS:
        // keep heartbeating until the consumer rejoins
        this.lastHeartbeatOk = Date.now();
        this.requestRejoin();
        break;
      case ErrorCode.ILLEGAL_GENERATION:
        this.stopHeartbeats();
        this.resetGeneration(false);
        return;
      case ErrorCode.UNKNOWN_MEMBER_ID:
        this.stopHeartbeats();
        this.resetGeneration(true);
        return;
      case ErrorCode.NOT_COORDINATOR:
      case ErrorCode.COORDINATOR_NOT_AVAILABLE:
        this.stopHeartbeats();
        this.markCoordinatorUnknown();
        this.requestRejoin();
        return;
      case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
        this.scheduleHeartbeat(this.o.retryBackoffMs);
        return;
      default:
        this.fail(new KafkaProtocolError(code, `Heartbeat of group ${this.o.groupId}`));
        return;
    }
    this.scheduleHeartbeat(this.o.heartbeatIntervalMs);
  }

  private fail(err: Error): void {
    this.stopHeartbeats();
    this.fatal = err;
    this.o.onRejoinNeeded?.();
  }

  // ---- leave ----

  /** LeaveGroup (dynamic members only: a static member keeps its place until its session expires). */
  async leave(reason = 'the consumer is being closed'): Promise<void> {
    this.stopHeartbeats();
    const memberId = this.memberId;
    this.generationId = -1;
    this.memberId = '';
    this.rejoin = true;
    if (!memberId || this.o.groupInstanceId !== null || !this.coord) return;
    try {
      await this.send(GroupApi.LeaveGroup, {
        groupId: this.o.groupId, memberId, members: [{ memberId, groupInstanceId: null, reason }],
      });
    } catch { /* the session times out instead */ }
  }

  // ---- offsets ----

  /** OffsetCommit with the member's generation; throws CommitFailedError when it is not current. */
  async commit(offsets: OffsetToCommit[]): Promise<void> {
    if (offsets.length === 0) return;
    for (let attempt = 0; ; attempt++) {
      if (!this.inGeneration) throw new CommitFailedError(0, `not a member of an active generation of group ${this.o.groupId}`);
      let res: any;
      try {
        ({ res } = await this.send(GroupApi.OffsetCommit, offsetCommitBody(this.o.groupId,
          { generationId: this.generationId, memberId: this.memberId, groupInstanceId: this.o.groupInstanceId }, offsets)));
      } catch (err) {
        if (!isRetriable(err) || attempt + 1 >= MAX_COMMIT_ATTEMPTS) throw err;
        await this.backoff(attempt);
        continue;
      }
      const failed = offsetCommitResults(res).find((r) => r.errorCode !== 0);
      if (!failed) return;
      const code = failed.errorCode;
      const what = `${failed.topic}-${failed.partition} in group ${this.o.groupId}`;
      if ((isCoordinatorError(code) || isRetryLater(code)) && attempt + 1 < MAX_COMMIT_ATTEMPTS) {
        if (isCoordinatorError(code)) this.markCoordinatorUnknown();
        await this.backoff(attempt);
        continue;
      }
      switch (code) {
        case ErrorCode.UNKNOWN_MEMBER_ID:
          this.resetGeneration(true);
          throw new CommitFailedError(code, what);
        case ErrorCode.ILLEGAL_GENERATION:
          this.resetGeneration(false);
          throw new CommitFailedError(code, what);
        case ErrorCode.REBALANCE_IN_PROGRESS:
          this.requestRejoin();
          throw new CommitFailedError(code, what);
        default:
          throw new KafkaProtocolError(code, `OffsetCommit ${what}`);
      }
    }
  }

  /** Committed offsets of the partitions (offset -1: none). */
  async fetchCommitted(partitions: TopicPartition[]): Promise<CommittedOffset[]> {
    if (partitions.length === 0) return [];
    for (let attempt = 0; ; attempt++) {
      let version: number;
      let res: any;
      try {
        ({ version, res } = await this.send(GroupApi.OffsetFetch, offsetFetchBody(this.o.groupId, partitions, true)));
      } catch (err) {
        if (!isRetriable(err) || attempt + 1 >= MAX_COMMIT_ATTEMPTS) throw err;
        await this.backoff(attempt);
        continue;
      }
      const r = offsetFetchResult(res, version, this.o.groupId);
      const code = r.errorCode || (r.offsets.find((o) => o.errorCode !== 0)?.errorCode ?? 0);
      if (code === 0) return r.offsets;
      const retry = isCoordinatorError(code) || isRetryLater(code) || code === ErrorCode.UNSTABLE_OFFSET_COMMIT;
      if (!retry || attempt + 1 >= MAX_COMMIT_ATTEMPTS) throw new KafkaProtocolError(code, `OffsetFetch of group ${this.o.groupId}`);
      if (isCoordinatorError(code)) this.markCoordinatorUnknown();
      await this.backoff(attempt);
    }
  }

  /**
   * Ends a JoinGroup or SyncGroup that waits for the rebalance (the consumer is closing) by
   * closing the coordinator connection; the coordinator stays known, so leave() can still
   * reach it and free the member's place at once.
   */
  abort(): void {
    this.aborted = true;
    if (this.coord) void this.coord.conn.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopHeartbeats();
    const c = this.coord;
    this.coord = null;
    if (c) await c.conn.close().catch(() => undefined);
  }
}
