// One perf consumer without a group: its own connections, a fixed set of partitions, one
// Fetch in flight per leader. The next Fetch is sent as soon as a response arrives (positions
// come from the batch headers) and the response's records are counted while it is out.
import { Api } from '../client/api-keys';
import { Cluster } from '../client/cluster';
import { KafkaProtocolError } from '../client/errors';
import { ErrorCode } from '../protocol/error-codes';
import { nextOffsetAfter, RecordVisitor, walkRecords } from './batch-walker';
import { nowMs, sleep } from './clock';
import { isRetriableError } from './error-names';
import { readEmbedded } from './payload';
import type { RunStats } from './run-stats';
import { partitionOffsets } from './topic-setup';

/** Records still wanted, shared by the consumers of a run; exhausted() is called when it reaches 0. */
export interface Budget { remaining: number; exhausted?: () => void }

export interface FetchEngineOptions {
  cluster: Cluster;
  topic: string;
  partitions: number[];
  /** Start offset per partition. */
  start: Map<number, number>;
  maxWaitMs: number;
  maxBytes: number;
  partitionMaxBytes: number;
  stats: RunStats;
  budget: Budget;
  /** Record end-to-end latency from the embedded send time instead of the fetch round trip. */
  endToEnd: boolean;
}

interface Fetched { res: any; sentAt: number; at: number; positions: Map<number, number> }

export class FetchEngine {
  fetches = 0;
  private readonly o: FetchEngineOptions;
  private readonly positions = new Map<number, number>();
  private stopped = false;
  private regroup = false;

  constructor(o: FetchEngineOptions) {
    this.o = o;
    for (const p of o.partitions) this.positions.set(p, o.start.get(p) ?? 0);
  }

  stop(): void { this.stopped = true; }

  private get active(): boolean { return !this.stopped && this.o.budget.remaining > 0; }

  /** Fetches until the budget is used up or stop(). */
  async run(): Promise<void> {
    while (this.active) {
      this.regroup = false;
      let t;
      try {
        t = await this.o.cluster.topic(this.o.topic);
      } catch (err) {
        if (!isRetriableError(err)) throw err;
        await sleep(100);
        continue;
      }
      const byLeader = new Map<number, number[]>();
      for (const p of this.o.partitions) {
        const leader = t.partitions.find((x) => x.partition === p)?.leader ?? -1;
        if (leader < 0) continue;
        let l = byLeader.get(leader);
        if (!l) byLeader.set(leader, (l = []));
        l.push(p);
      }
      if (byLeader.size === 0) { await this.o.cluster.topic(this.o.topic, { refresh: true }).catch(() => undefined); await sleep(100); continue; }
      await Promise.all([...byLeader].map(([leader, parts]) => this.leaderLoop(leader, parts)));
      if (this.regroup) await this.o.cluster.topic(this.o.topic, { refresh: true }).catch(() => undefined);
    }
  }

  private async fetch(leader: number, parts: number[]): Promise<Fetched> {
    const o = this.o;
    const conn = await o.cluster.connectionFor(leader);
    const positions = new Map<number, number>();
    for (const p of parts) positions.set(p, this.positions.get(p)!);
    const sentAt = nowMs();
    this.fetches++;
    const res = await conn.request(Api.Fetch, {
      replicaId: -1, maxWaitMs: o.maxWaitMs, minBytes: 1, maxBytes: o.maxBytes, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: o.topic, partitions: parts.map((p) => ({
        partition: p, currentLeaderEpoch: -1, fetchOffset: positions.get(p)!, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: o.partitionMaxBytes,
      })) }],
      forgottenTopicsData: [], rackId: '',
    }, { timeoutMs: o.maxWaitMs + 30_000 });
    if (res.errorCode) throw new KafkaProtocolError(res.errorCode, 'Fetch');
    return { res, sentAt, at: nowMs(), positions };
  }

  private async leaderLoop(leader: number, parts: number[]): Promise<void> {
    let pending: Promise<Fetched> | null = this.fetch(leader, parts);
    while (pending) {
      let f: Fetched;
      try {
        f = await pending;
      } catch (err) {
        if (!isRetriableError(err)) throw err;
        this.regroup = true;
        await sleep(100);
        return;
      }
      pending = null;
      if (!this.active) return;
      const errors = await this.advance(f);
      if (errors) { this.regroup = true; }
      if (!this.regroup) pending = this.fetch(leader, parts);
      pending?.catch(() => undefined);
      this.count(f);
    }
  }

  /** Moves positions past the complete batches of each partition; handles partition errors. Returns true when metadata must be refreshed. */
  private async advance(f: Fetched): Promise<boolean> {
    let refresh = false;
    for (const t of f.res.responses ?? []) {
      for (const p of t.partitions ?? []) {
        if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
          const earliest = await partitionOffsets(this.o.cluster, this.o.topic, [p.partitionIndex], 'earliest');
          this.positions.set(p.partitionIndex, earliest.get(p.partitionIndex) ?? 0);
          continue;
        }
        if (p.errorCode) {
          const e = new KafkaProtocolError(p.errorCode, `Fetch ${this.o.topic}-${p.partitionIndex}`);
          if (!e.retriable) throw e;
          refresh = true; // NOT_LEADER_OR_FOLLOWER and the like: new metadata, then fetch again
          continue;
        }
        if (p.records && p.records.length) {
          const from = f.positions.get(p.partitionIndex) ?? 0;
          this.positions.set(p.partitionIndex, Math.max(this.positions.get(p.partitionIndex) ?? 0, nextOffsetAfter(p.records, from)));
        }
      }
    }
    return refresh;
  }

  private count(f: Fetched): void {
    const o = this.o;
    const stats = o.stats;
    let visit: RecordVisitor | undefined;
    if (o.endToEnd) {
      const now = nowMs();
      visit = (ts, buf, pos, len) => {
        const sent = readEmbedded(buf, pos, len, now);
        stats.latency(now - (sent >= 0 ? sent : ts));
      };
    }
    let total = 0;
    for (const t of f.res.responses ?? []) {
      for (const p of t.partitions ?? []) {
        if (p.errorCode || !p.records || p.records.length === 0 || o.budget.remaining <= 0) continue;
        const w = walkRecords(p.records, f.positions.get(p.partitionIndex) ?? 0, o.budget.remaining, visit);
        o.budget.remaining -= w.records;
        stats.add(w.records, w.bytes);
        if (o.budget.remaining <= 0) o.budget.exhausted?.();
        total += w.records;
      }
    }
    if (!o.endToEnd && total > 0) stats.latency(f.at - f.sentAt, total);
  }
}
