// One perf producer: its own connections (one Cluster), a record quota and a schedule.
// Batches come from the BatchFactory; each Produce request carries at most one batch per
// partition of one leader (within maxRequestBytes), and up to maxInFlight requests are
// pipelined per connection. Nothing is allocated per record.
//
// Latency of a record = time its acknowledgement arrived − its send time, where the send time
// is its due time from the Schedule when rate-limited, and the moment its batch was built when
// unlimited (records are created on demand when a request slot is free). It is recorded for
// every record: one histogram entry with count n for a batch of n records sharing a send time.
// With acks=0 the "acknowledgement" is the socket write completing.
import { Api } from '../client/api-keys';
import { Cluster } from '../client/cluster';
import type { Connection } from '../client/connection';
import { KafkaProtocolError } from '../client/errors';
import { ErrorCode } from '../protocol/error-codes';
import { BatchFactory, BuiltBatch } from './batch-factory';
import { nowMs } from './clock';
import { errorCodeName, isRetriableError } from './error-names';
import type { RunStats } from './run-stats';
import { Schedule } from './schedule';

export interface ProduceEngineOptions {
  cluster: Cluster;
  topic: string;
  /** Partitions this producer writes to, in rotation order. */
  partitions: number[];
  factory: BatchFactory;
  /** Records this producer sends. */
  records: number;
  /** records/s for this producer; <= 0 unlimited. */
  rate: number;
  acks: 0 | 1 | -1;
  lingerMs: number;
  maxInFlight: number;
  maxRequestBytes: number;
  requestTimeoutMs: number;
  retries: number;
  retryBackoffMs: number;
  /** Value bytes per record (for MB/s, as Kafka's tools count). */
  recordBytes: number;
  stats: RunStats;
  /** Use spread() batches (own timestamps per record, embedded send times) even when unlimited. */
  alwaysSpread?: boolean;
}

interface Pending {
  partition: number;
  batch: BuiltBatch;
  /** Send time of the first record and the step between records (ms). */
  t0: number;
  stepMs: number;
  attempts: number;
}

export class ProduceEngine {
  requests = 0;
  retried = 0;
  wireBytes = 0;
  private readonly o: ProduceEngineOptions;
  private quota: number;
  private schedule!: Schedule;
  private next = 0;
  private settled = 0;
  private readonly inFlight = new Map<number, number>();
  private readonly conns = new Map<number, Connection>();
  private readonly connecting = new Set<number>();
  private readonly connectFailures = new Map<number, number>();
  private byLeader = new Map<number, number[]>();
  private readonly rotation = new Map<number, number>();
  private retryQueue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private pumping = false;
  private metadataRefresh: Promise<void> | null = null;
  private resolveDone!: () => void;
  readonly done: Promise<void>;

  constructor(o: ProduceEngineOptions) {
    this.o = o;
    this.quota = o.records;
    this.done = new Promise((r) => { this.resolveDone = r; });
  }

  /** Records acknowledged or failed so far. */
  get completed(): number { return this.settled; }

  /** Resolves leaders and opens the connections (not measured), then starts sending. */
  async connect(): Promise<void> {
    await this.refreshLeaders();
    for (const leader of this.byLeader.keys()) this.conns.set(leader, await this.o.cluster.connectionFor(leader));
  }

  /** Starts sending; record k is due at startMs + k / rate. */
  start(startMs: number): void {
    this.schedule = new Schedule(this.o.rate, startMs, this.o.records);
    if (this.quota === 0) { this.resolveDone(); return; }
    this.pump();
  }

  /** Stops creating records; `done` resolves once the requests in flight are answered. */
  stop(): void {
    this.quota = this.next;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.retryQueue.forEach((p) => this.fail(p, 'INTERRUPTED'));
    this.retryQueue = [];
    this.checkDone();
  }

  private async refreshLeaders(): Promise<void> {
    const t = await this.o.cluster.topic(this.o.topic, { refresh: true });
    const by = new Map<number, number[]>();
    for (const p of this.o.partitions) {
      const info = t.partitions.find((x) => x.partition === p);
      const leader = info ? info.leader : -1;
      if (leader < 0) continue;
      let l = by.get(leader);
      if (!l) by.set(leader, (l = []));
      l.push(p);
    }
    this.byLeader = by;
  }

  private leaderOf(partition: number): number {
    for (const [leader, parts] of this.byLeader) if (parts.includes(partition)) return leader;
    return -1;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      let wakeAt = Infinity;
      for (let progress = true; progress;) {
        progress = false;
        for (const [leader, parts] of this.byLeader) {
          if ((this.inFlight.get(leader) ?? 0) >= this.o.maxInFlight) continue;
          const conn = this.conns.get(leader);
          if (!conn) { void this.openConnection(leader); continue; }
          const { batches, wake } = this.collect(leader, parts);
          if (wake < wakeAt) wakeAt = wake;
          if (batches.length === 0) continue;
          this.send(leader, conn, batches);
          progress = true;
        }
      }
      if (wakeAt < Infinity && (!this.timer || wakeAt < this.timerAt)) {
        if (this.timer) clearTimeout(this.timer);
        this.timerAt = wakeAt;
        this.timer = setTimeout(() => { this.timer = null; this.pump(); }, Math.max(0, Math.ceil(wakeAt - nowMs())));
      }
    } finally {
      this.pumping = false;
    }
  }

  private async openConnection(leader: number): Promise<void> {
    if (this.connecting.has(leader)) return;
    this.connecting.add(leader);
    try {
      this.conns.set(leader, await this.o.cluster.connectionFor(leader));
      this.connectFailures.delete(leader);
    } catch (err) {
      const n = (this.connectFailures.get(leader) ?? 0) + 1;
      this.connectFailures.set(leader, n);
      if (n > this.o.retries) this.giveUpOn(leader, err);
      else await new Promise((r) => setTimeout(r, this.o.retryBackoffMs));
    } finally {
      this.connecting.delete(leader);
    }
    this.pump();
  }

  /** A leader stays unreachable: its batches fail, and with no reachable leader left so do the records not sent yet. */
  private giveUpOn(leader: number, err: unknown): void {
    const name = errorCodeName(err);
    this.byLeader.delete(leader);
    this.connectFailures.delete(leader);
    const mine = this.retryQueue.filter((p) => this.leaderOf(p.partition) < 0);
    this.retryQueue = this.retryQueue.filter((p) => this.leaderOf(p.partition) >= 0);
    for (const p of mine) this.fail(p, name);
    if (this.byLeader.size === 0 && this.next < this.quota) {
      this.o.stats.error(name, this.quota - this.next);
      this.settled += this.quota - this.next;
      this.next = this.quota;
    }
    this.checkDone();
  }

  /** Batches for one request to `leader`, and when to look again if records are not due yet. */
  private collect(leader: number, parts: number[]): { batches: Pending[]; wake: number } {
    const o = this.o;
    const batches: Pending[] = [];
    const used = new Set<number>();
    let bytes = 0;
    let wake = Infinity;
    if (this.retryQueue.length) {
      const keep: Pending[] = [];
      for (const p of this.retryQueue) {
        if (this.leaderOf(p.partition) !== leader || used.has(p.partition) || (batches.length > 0 && bytes + p.batch.buf.length > o.maxRequestBytes)) { keep.push(p); continue; }
        used.add(p.partition);
        bytes += p.batch.buf.length;
        batches.push(p);
      }
      this.retryQueue = keep;
    }
    const sched = this.schedule;
    const perBatch = o.factory.perBatch;
    let rot = this.rotation.get(leader) ?? 0;
    for (let tries = 0; tries < parts.length && this.next < this.quota; tries++) {
      const partition = parts[rot % parts.length];
      if (used.has(partition)) { rot++; continue; }
      const now = nowMs();
      const left = this.quota - this.next;
      const due = sched.dueAt(now) - this.next;
      let n = Math.min(perBatch, left, due);
      if (n <= 0) { wake = sched.timeOf(this.next); break; }
      if (!sched.unlimited && n < perBatch && n < left) {
        // a partial batch waits for linger.ms after its first record, or until it is full
        const lingerEnd = sched.timeOf(this.next) + o.lingerMs;
        if (now < lingerEnd) { wake = Math.min(lingerEnd, sched.timeOf(this.next + Math.min(perBatch, left) - 1)); break; }
      }
      const estimate = n * (o.recordBytes + 8) + 61;
      if (batches.length > 0 && bytes + estimate > o.maxRequestBytes) break;
      let p: Pending;
      if (sched.unlimited && !o.alwaysSpread) {
        p = { partition, batch: o.factory.uniform(n, now), t0: now, stepMs: 0, attempts: 0 };
      } else {
        const t0 = sched.unlimited ? now : sched.timeOf(this.next);
        p = { partition, batch: o.factory.spread(n, t0, sched.stepMs), t0, stepMs: sched.stepMs, attempts: 0 };
        n = p.batch.count;
      }
      this.next += n;
      used.add(partition);
      bytes += p.batch.buf.length;
      batches.push(p);
      rot++;
    }
    this.rotation.set(leader, rot % Math.max(1, parts.length));
    return { batches, wake };
  }

  private send(leader: number, conn: Connection, batches: Pending[]): void {
    const o = this.o;
    this.inFlight.set(leader, (this.inFlight.get(leader) ?? 0) + 1);
    this.requests++;
    const partitionData = new Array(batches.length);
    for (let i = 0; i < batches.length; i++) {
      partitionData[i] = { index: batches[i].partition, records: batches[i].batch.buf };
      this.wireBytes += batches[i].batch.buf.length;
      batches[i].attempts++;
    }
    const body = { transactionalId: null, acks: o.acks, timeoutMs: o.requestTimeoutMs, topicData: [{ name: o.topic, partitionData }] };
    conn.request(Api.Produce, body, { expectResponse: o.acks !== 0, timeoutMs: o.requestTimeoutMs + 5000 }).then(
      (res: any) => this.onResponse(leader, batches, res),
      (err: Error) => this.onFailure(leader, batches, err),
    );
  }

  private onResponse(leader: number, batches: Pending[], res: any): void {
    const now = nowMs();
    if (this.o.acks === 0 || !res) {
      for (const b of batches) this.succeed(b, now);
    } else {
      const parts = res.responses?.[0]?.partitionResponses ?? [];
      for (const b of batches) {
        let p: any;
        for (let i = 0; i < parts.length; i++) if (parts[i].index === b.partition) { p = parts[i]; break; }
        if (!p) { this.retryOrFail(b, new KafkaProtocolError(ErrorCode.UNKNOWN_SERVER_ERROR, `no response for partition ${b.partition}`)); continue; }
        if (p.errorCode) { this.retryOrFail(b, new KafkaProtocolError(p.errorCode, p.errorMessage ?? null)); continue; }
        this.succeed(b, now);
      }
    }
    this.requestDone(leader);
  }

  private onFailure(leader: number, batches: Pending[], err: Error): void {
    for (const b of batches) this.retryOrFail(b, err);
    this.requestDone(leader);
  }

  private requestDone(leader: number): void {
    this.inFlight.set(leader, (this.inFlight.get(leader) ?? 1) - 1);
    this.checkDone();
    this.pump();
  }

  private succeed(b: Pending, now: number): void {
    const n = b.batch.count;
    const stats = this.o.stats;
    stats.add(n, n * this.o.recordBytes);
    if (b.stepMs === 0) {
      stats.latency(now - b.t0, n);
    } else {
      for (let i = 0; i < n; i++) stats.latency(now - (b.t0 + i * b.stepMs));
    }
    b.batch.release();
    this.settled += n;
  }

  private fail(b: Pending, name: string): void {
    this.o.stats.error(name, b.batch.count);
    b.batch.release();
    this.settled += b.batch.count;
  }

  private retryOrFail(b: Pending, err: unknown): void {
    if (isRetriableError(err) && b.attempts <= this.o.retries) {
      this.retried++;
      this.retryQueue.push(b);
      this.scheduleMetadataRefresh();
      return;
    }
    this.fail(b, errorCodeName(err));
  }

  private scheduleMetadataRefresh(): void {
    if (this.metadataRefresh) return;
    this.metadataRefresh = (async () => {
      await new Promise((r) => setTimeout(r, this.o.retryBackoffMs));
      try { await this.refreshLeaders(); } catch { /* keep the old leaders */ }
    })().finally(() => {
      this.metadataRefresh = null;
      // batches whose partition has no leader now wait for another refresh, within their retries
      const orphans = this.retryQueue.filter((p) => this.leaderOf(p.partition) < 0);
      if (orphans.length) {
        this.retryQueue = this.retryQueue.filter((p) => this.leaderOf(p.partition) >= 0);
        for (const p of orphans) {
          if (++p.attempts > this.o.retries + 1) this.fail(p, 'LEADER_NOT_AVAILABLE'); else this.retryQueue.push(p);
        }
        if (this.retryQueue.some((p) => this.leaderOf(p.partition) < 0)) this.scheduleMetadataRefresh();
        this.checkDone();
      }
      this.pump();
    });
  }

  private checkDone(): void {
    if (this.settled >= this.quota && this.retryQueue.length === 0 && this.totalInFlight() === 0) {
      if (this.timer) { clearTimeout(this.timer); this.timer = null; }
      this.resolveDone();
    }
  }

  private totalInFlight(): number {
    let n = 0;
    for (const v of this.inFlight.values()) n += v;
    return n;
  }
}
