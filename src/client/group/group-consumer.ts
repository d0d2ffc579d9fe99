// A consumer in a classic (eager) consumer group: subscribes to topics, joins the group,
// the leader assigns partitions with a client-side assignor, committed offsets decide
// where fetching starts, and fetching itself is samsa's plain Consumer (composition).
// Before every rejoin the owned partitions are revoked (their positions committed when
// autoCommit is on).
import { Cluster, ClusterOptions } from '../cluster';
import { Consumer, ConsumedRecord, ConsumerOptions, partitionKey } from '../consumer';
import { isRetriable } from '../errors';
import { TopicPartition, sleep } from './apis';
import { Assignor, MemberSubscription, resolveAssignors } from './assignors';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from './consumer-protocol';
import { ConsumerClosedError, NoOffsetForPartitionError } from './errors';
import { GroupMembership, JoinResult } from './membership';
import { OffsetToCommit } from './offset-requests';

export interface GroupConsumerOptions extends Partial<ClusterOptions> {
  groupId: string;
  /** group.instance.id: a static member (no LeaveGroup on close). */
  groupInstanceId?: string | null;
  /** session.timeout.ms (default 45000). */
  sessionTimeoutMs?: number;
  /** max.poll.interval.ms, sent as the rebalance timeout (default 300000). */
  rebalanceTimeoutMs?: number;
  /** heartbeat.interval.ms (default 3000). */
  heartbeatIntervalMs?: number;
  /** partition.assignment.strategy in preference order (default ['range', 'roundrobin']). */
  assignors?: (string | Assignor)[];
  /** enable.auto.commit (default true). */
  autoCommit?: boolean;
  /** auto.commit.interval.ms (default 5000). */
  autoCommitIntervalMs?: number;
  /** Start position of a partition without committed offset (default 'latest'). */
  autoOffsetReset?: 'earliest' | 'latest' | 'none';
  /** retry.backoff.ms (default 100). */
  retryBackoffMs?: number;
  maxWaitMs?: number;
  minBytes?: number;
  maxBytes?: number;
  maxPartitionBytes?: number;
  isolationLevel?: 0 | 1;
  /** Called after a rebalance with the partitions this member now owns. */
  onPartitionsAssigned?: (partitions: TopicPartition[]) => void | Promise<void>;
  /** Called before a rebalance with the partitions this member gives up (after their commit). */
  onPartitionsRevoked?: (partitions: TopicPartition[]) => void | Promise<void>;
}

export class GroupConsumer {
  readonly cluster: Cluster;
  readonly groupId: string;
  private readonly consumer: Consumer;
  private readonly membership: GroupMembership;
  private readonly ownsCluster: boolean;
  private readonly assignors: Assignor[];
  private readonly autoCommit: boolean;
  private readonly autoCommitIntervalMs: number;
  private readonly autoOffsetReset: 'earliest' | 'latest' | 'none';
  private readonly maxWaitMs: number;
  private readonly metadataMaxAgeMs: number;
  private readonly o: GroupConsumerOptions;
  private topics: string[] = [];
  private owned: TopicPartition[] = [];
  /** Last committed position per partition key, to skip unchanged auto-commits. */
  private readonly lastCommitted = new Map<string, number>();
  private nextAutoCommit = 0;
  /** Leader only: partition counts the current assignment was computed from. */
  private assignedSnapshot: Map<string, number> | null = null;
  private nextMetadataCheck = 0;
  private closed = false;
  private joining = false;
  /** Assignment received in SyncGroup, not yet applied (committed offsets fetched, positions set). */
  private pending: TopicPartition[] | null = null;
  private inFlight: Promise<unknown> | null = null;
  private wake: (() => void) | null = null;
  private closing: Promise<void> | null = null;

  constructor(clusterOrOpts: Cluster | GroupConsumerOptions, opts?: GroupConsumerOptions) {
    const o = clusterOrOpts instanceof Cluster ? opts : clusterOrOpts;
    if (!o) throw new Error('group consumer options are required');
    if (!o.groupId) throw new Error('groupId is required');
    this.o = o;
    if (clusterOrOpts instanceof Cluster) { this.cluster = clusterOrOpts; this.ownsCluster = false; } else {
      if (!o.bootstrap) throw new Error('bootstrap servers are required');
      this.cluster = new Cluster({ ...o, bootstrap: o.bootstrap });
      this.ownsCluster = true;
    }
    this.groupId = o.groupId;
    const sessionTimeoutMs = o.sessionTimeoutMs ?? 45_000;
    const heartbeatIntervalMs = o.heartbeatIntervalMs ?? 3_000;
    if (heartbeatIntervalMs >= sessionTimeoutMs) throw new Error('heartbeatIntervalMs must be lower than sessionTimeoutMs');
    this.assignors = resolveAssignors(o.assignors ?? ['range', 'roundrobin']);
    this.autoCommit = o.autoCommit ?? true;
    this.autoCommitIntervalMs = o.autoCommitIntervalMs ?? 5_000;
    this.autoOffsetReset = o.autoOffsetReset ?? 'latest';
    this.maxWaitMs = o.maxWaitMs ?? 500;
    this.metadataMaxAgeMs = o.metadataMaxAgeMs ?? 300_000;
    const inner: ConsumerOptions = {
      maxWaitMs: o.maxWaitMs, minBytes: o.minBytes, maxBytes: o.maxBytes, maxPartitionBytes: o.maxPartitionBytes,
      isolationLevel: o.isolationLevel, autoOffsetReset: this.autoOffsetReset,
    };
    this.consumer = new Consumer(this.cluster, inner);
    const requestTimeoutMs = o.requestTimeoutMs ?? 30_000;
    this.membership = new GroupMembership(this.cluster, {
      groupId: o.groupId, groupInstanceId: o.groupInstanceId ?? null, sessionTimeoutMs,
      rebalanceTimeoutMs: o.rebalanceTimeoutMs ?? 300_000, heartbeatIntervalMs,
      retryBackoffMs: o.retryBackoffMs ?? 100, requestTimeoutMs,
      connection: { clientId: o.clientId ?? 'samsa-client', connectTimeoutMs: o.connectTimeoutMs, requestTimeoutMs, maxVersions: o.maxVersions, wire: o.wire },
      onRejoinNeeded: () => this.wake?.(),
    });
  }

  /** Member id assigned by the coordinator ('' before the first join). */
  get memberId(): string { return this.membership.memberId; }
  get generationId(): number { return this.membership.generationId; }
  /** The assignor the group chose in the last rebalance. */
  get protocolName(): string | null { return this.membership.protocolName; }

  /** Replaces the subscription; takes effect with the next poll (a rebalance). */
  subscribe(topics: string[]): void {
    const list = [...new Set(topics)].sort();
    if (list.length === 0) throw new Error('subscribe needs at least one topic');
    if (list.join('\0') === this.topics.join('\0')) return;
    this.topics = list;
    this.membership.requestRejoin();
  }

  subscription(): string[] { return [...this.topics]; }
  /** Partitions owned since the last rebalance. */
  assignment(): TopicPartition[] { return this.owned.map((tp) => ({ ...tp })); }
  position(topic: string, partition: number): number | undefined { return this.consumer.position(topic, partition); }
  seek(topic: string, partition: number, offset: number): void { this.consumer.seek(topic, partition, offset); }

  /** One round: (re)joins when needed, auto-commits when due, then fetches. */
  async poll(): Promise<ConsumedRecord[]> {
    if (this.closed) return [];
    if (this.topics.length === 0) throw new Error('subscribe() before poll()');
    const run = this.pollOnce();
    this.inFlight = run;
    try {
      return await run;
    } catch (err) {
      if (this.closed && err instanceof ConsumerClosedError) return [];
      throw err;
    } finally {
      if (this.inFlight === run) this.inFlight = null;
    }
  }

  private async pollOnce(): Promise<ConsumedRecord[]> {
    if (this.membership.fatal) throw this.membership.fatal;
    await this.ensureActive();
    if (this.closed) return [];
    await this.maybeCheckMetadata();
    await this.maybeAutoCommit();
    if (this.membership.rejoinNeeded || this.closed) return [];
    if (this.owned.length === 0) { await this.idle(this.maxWaitMs); return []; }
    return this.consumer.poll();
  }

  /** Endless record stream until close(); records not yet handed out when the loop stops are not committed. */
  async *records(): AsyncGenerator<ConsumedRecord> {
    while (!this.closed) {
      const batch = await this.poll();
      let handed = 0;
      try {
        for (let i = 0; i < batch.length; i++) {
          if (this.closed) return;
          handed = i + 1;
          yield batch[i];
        }
      } finally {
        if (handed < batch.length) this.rewind(batch.slice(handed));
      }
    }
  }

  /** Moves positions back to the first of `records` per partition (records not processed). */
  rewind(records: ConsumedRecord[]): void {
    const first = new Map<string, ConsumedRecord>();
    for (const r of records) {
      const k = partitionKey(r.topic, r.partition);
      const f = first.get(k);
      if (!f || r.offset < f.offset) first.set(k, r);
    }
    for (const r of first.values()) {
      if (this.consumer.position(r.topic, r.partition) !== undefined) this.consumer.seek(r.topic, r.partition, r.offset);
    }
  }

  /**
   * Commits offsets synchronously: the given ones, or the position (next offset to read)
   * of every owned partition. Throws CommitFailedError when the member lost its generation.
   */
  async commit(offsets?: OffsetToCommit[]): Promise<void> {
    const list = offsets ?? this.positions();
    await this.membership.commit(list);
    for (const o of list) this.lastCommitted.set(partitionKey(o.topic, o.partition), o.offset);
  }

  /** Committed offsets of partitions (-1 when none). */
  async committed(partitions: TopicPartition[]): Promise<{ topic: string; partition: number; offset: number; metadata: string | null }[]> {
    return (await this.membership.fetchCommitted(partitions)).map((c) => ({ topic: c.topic, partition: c.partition, offset: c.offset, metadata: c.metadata }));
  }

  private positions(): OffsetToCommit[] {
    const out: OffsetToCommit[] = [];
    for (const tp of this.owned) {
      const offset = this.consumer.position(tp.topic, tp.partition);
      if (offset !== undefined && offset >= 0) out.push({ topic: tp.topic, partition: tp.partition, offset });
    }
    return out;
  }

  private async maybeAutoCommit(): Promise<void> {
    if (!this.autoCommit || Date.now() < this.nextAutoCommit) return;
    this.nextAutoCommit = Date.now() + this.autoCommitIntervalMs;
    await this.commitChanged();
  }

  /** Commits positions that moved since the last commit; failures are left to the next try. */
  private async commitChanged(): Promise<void> {
    const changed = this.positions().filter((o) => this.lastCommitted.get(partitionKey(o.topic, o.partition)) !== o.offset);
    if (changed.length === 0 || !this.membership.inGeneration) return;
    try { await this.commit(changed); } catch { /* retried at the next interval, or revoked and rejoined */ }
  }

  // ---- rebalance ----

  private async ensureActive(): Promise<void> {
    while (!this.closed) {
      if (this.membership.fatal) throw this.membership.fatal;
      if (this.membership.rejoinNeeded) {
        if (this.owned.length > 0) await this.revoke();
        this.pending = null;
        this.joining = true;
        try {
          this.pending = await this.joinAndSync();
        } finally {
          this.joining = false;
        }
        continue;
      }
      if (this.pending) {
        try {
          await this.assign(this.pending);
          this.pending = null;
        } catch (err) {
          // e.g. the coordinator or a leader moved: poll returns nothing and the next one retries
          if (!isRetriable(err)) throw err;
          await sleep(this.o.retryBackoffMs ?? 100);
        }
      }
      return;
    }
  }

  private async revoke(): Promise<void> {
    if (this.autoCommit) await this.commitChanged();
    const revoked = this.owned;
    this.owned = [];
    for (const tp of revoked) this.consumer.unassign(tp.topic, tp.partition);
    this.lastCommitted.clear();
    this.assignedSnapshot = null;
    await this.o.onPartitionsRevoked?.(revoked);
  }

  private async joinAndSync(): Promise<TopicPartition[] | null> {
    const metadata = encodeSubscription({ topics: this.topics, generationId: this.membership.generationId });
    const j = await this.membership.join(this.assignors.map((a) => ({ name: a.name, metadata })));
    let assignments: { memberId: string; assignment: Buffer }[] = [];
    if (j.isLeader && !j.skipAssignment) assignments = await this.leaderAssign(j);
    const bytes = await this.membership.sync(j, assignments);
    if (bytes === null) return null;
    const mine = decodeAssignment(bytes).partitions;
    const wanted = new Set(this.topics);
    return mine.filter((tp) => wanted.has(tp.topic));
  }

  private async leaderAssign(j: JoinResult): Promise<{ memberId: string; assignment: Buffer }[]> {
    const assignor = this.assignors.find((a) => a.name === j.protocolName);
    if (!assignor) throw new Error(`the group chose assignor '${j.protocolName}', which this consumer does not have`);
    const members: MemberSubscription[] = j.members.map((m) => {
      const s = decodeSubscription(m.metadata);
      return { memberId: m.memberId, groupInstanceId: m.groupInstanceId, topics: s.topics, userData: s.userData };
    });
    const counts = await this.partitionCounts([...new Set(members.flatMap((m) => m.topics))]);
    const result = assignor.assign(members, counts);
    this.assignedSnapshot = counts;
    this.nextMetadataCheck = Date.now() + this.metadataMaxAgeMs;
    return members.map((m) => ({ memberId: m.memberId, assignment: encodeAssignment({ partitions: result.get(m.memberId) ?? [] }) }));
  }

  private async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (topics.length === 0) return counts;
    const md = await this.cluster.refreshMetadata(topics);
    for (const t of md.topics) if (t.errorCode === 0 && t.partitions.length > 0) counts.set(t.name, t.partitions.length);
    return counts;
  }

  /** The leader rebalances when a subscribed topic appears, disappears or grows partitions. */
  private async maybeCheckMetadata(): Promise<void> {
    if (!this.assignedSnapshot || Date.now() < this.nextMetadataCheck) return;
    this.nextMetadataCheck = Date.now() + this.metadataMaxAgeMs;
    let now: Map<string, number>;
    try { now = await this.partitionCounts([...this.assignedSnapshot.keys(), ...this.topics]); } catch { return; }
    const before = this.assignedSnapshot;
    const same = now.size === before.size && [...now].every(([t, n]) => before.get(t) === n);
    if (!same) this.membership.requestRejoin();
  }

  private async assign(partitions: TopicPartition[]): Promise<void> {
    const committed = await this.membership.fetchCommitted(partitions);
    const byKey = new Map(committed.map((c) => [partitionKey(c.topic, c.partition), c.offset]));
    const list = partitions.map((tp) => {
      const c = byKey.get(partitionKey(tp.topic, tp.partition)) ?? -1;
      if (c >= 0) return { ...tp, offset: c };
      if (this.autoOffsetReset === 'none') throw new NoOffsetForPartitionError(tp.topic, tp.partition);
      return { ...tp, offset: this.autoOffsetReset };
    });
    await this.consumer.assign(list);
    this.owned = partitions.map((tp) => ({ ...tp }));
    for (const l of list) if (typeof l.offset === 'number') this.lastCommitted.set(partitionKey(l.topic, l.partition), l.offset);
    this.nextAutoCommit = Date.now() + this.autoCommitIntervalMs;
    await this.o.onPartitionsAssigned?.(this.assignment());
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() { clearTimeout(t); resolve(); }
      this.wake = () => { this.wake = null; done(); };
    });
  }

  /** Commits positions (autoCommit), leaves the group (dynamic members) and closes connections. */
  close(): Promise<void> {
    if (!this.closing) this.closing = this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    this.closed = true;
    this.wake?.();
    if (this.joining) this.membership.abort();
    if (this.inFlight) await this.inFlight.catch(() => undefined);
    try {
      if (this.autoCommit && this.owned.length > 0 && this.membership.inGeneration && !this.membership.fatal) {
        await this.membership.commit(this.positions()).catch(() => undefined);
      }
      if (this.owned.length > 0) await Promise.resolve(this.o.onPartitionsRevoked?.(this.assignment())).catch(() => undefined);
      await this.membership.leave();
    } finally {
      await this.membership.close();
      await this.consumer.close();
      if (this.ownsCluster) await this.cluster.close();
    }
  }
}
