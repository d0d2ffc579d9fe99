// Consumer without groups: assigned partitions, start positions from ListOffsets, a fetch
// loop (one Fetch per leader per round), decoded records, OFFSET_OUT_OF_RANGE resets.
import { Cluster, ClusterOptions } from './cluster';
import { Api } from './api-keys';
import { KafkaProtocolError } from './errors';
import { decodeBatches, RecordHeader, CONTROL_FLAG_MASK } from '../protocol/record-batch';
import { ErrorCode } from '../protocol/error-codes';

export type OffsetSpec = number | 'earliest' | 'latest';
export type OffsetReset = 'earliest' | 'latest' | 'none';

export interface ConsumerOptions extends Partial<ClusterOptions> {
  /** Fetch max.wait.ms (default 500). */
  maxWaitMs?: number;
  minBytes?: number;
  maxBytes?: number;
  /** max.partition.fetch.bytes (default 1 MiB). */
  maxPartitionBytes?: number;
  /** 0 read_uncommitted (default), 1 read_committed. */
  isolationLevel?: 0 | 1;
  /** What to do when a position is out of range (default 'latest', as auto.offset.reset). */
  autoOffsetReset?: OffsetReset;
}

export interface Assignment { topic: string; partition: number; offset?: OffsetSpec }

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

interface PartitionState { topic: string; partition: number; position: number; maxBytes: number; highWatermark: number }

const EARLIEST = -2;
const LATEST = -1;

export class Consumer {
  readonly cluster: Cluster;
  private readonly ownsCluster: boolean;
  private readonly maxWaitMs: number;
  private readonly minBytes: number;
  private readonly maxBytes: number;
  private readonly maxPartitionBytes: number;
  private readonly isolationLevel: 0 | 1;
  private readonly autoOffsetReset: OffsetReset;
  private readonly assigned = new Map<string, PartitionState>();
  private closed = false;

  constructor(clusterOrOpts: Cluster | ConsumerOptions, opts: ConsumerOptions = {}) {
    const o: ConsumerOptions = clusterOrOpts instanceof Cluster ? opts : clusterOrOpts;
    if (clusterOrOpts instanceof Cluster) { this.cluster = clusterOrOpts; this.ownsCluster = false; } else {
      if (!o.bootstrap) throw new Error('bootstrap servers are required');
      this.cluster = new Cluster({ ...o, bootstrap: o.bootstrap });
      this.ownsCluster = true;
    }
    this.maxWaitMs = o.maxWaitMs ?? 500;
    this.minBytes = o.minBytes ?? 1;
    this.maxBytes = o.maxBytes ?? 52_428_800;
    this.maxPartitionBytes = o.maxPartitionBytes ?? 1_048_576;
    this.isolationLevel = o.isolationLevel ?? 0;
    this.autoOffsetReset = o.autoOffsetReset ?? 'latest';
  }

  /** Adds partitions and resolves their start positions (default: autoOffsetReset, else latest). */
  async assign(list: Assignment[]): Promise<void> {
    const resolve: { a: Assignment; ts: number }[] = [];
    for (const a of list) {
      const spec = a.offset ?? (this.autoOffsetReset === 'earliest' ? 'earliest' : 'latest');
      const st: PartitionState = { topic: a.topic, partition: a.partition, position: -1, maxBytes: this.maxPartitionBytes, highWatermark: -1 };
      this.assigned.set(partitionKey(a.topic, a.partition), st);
      if (typeof spec === 'number') {
        if (!Number.isInteger(spec) || spec < 0) throw new Error(`invalid offset ${spec} for ${a.topic}-${a.partition}`);
        st.position = spec;
      } else {
        resolve.push({ a, ts: spec === 'earliest' ? EARLIEST : LATEST });
      }
    }
    if (resolve.length) {
      const offsets = await this.listOffsets(resolve.map((r) => ({ topic: r.a.topic, partition: r.a.partition, timestamp: r.ts })));
      for (const r of resolve) this.assigned.get(partitionKey(r.a.topic, r.a.partition))!.position = offsets.get(partitionKey(r.a.topic, r.a.partition))!;
    }
  }

  /** Assigns every partition of a topic (all starting from `offset`). */
  async assignTopic(topic: string, offset?: OffsetSpec): Promise<number[]> {
    const t = await this.cluster.topic(topic, { refresh: true });
    const partitions = t.partitions.map((p) => p.partition);
    await this.assign(partitions.map((partition) => ({ topic, partition, offset })));
    return partitions;
  }

  unassign(topic: string, partition: number): void { this.assigned.delete(partitionKey(topic, partition)); }

  /** Next offset to fetch for a partition (undefined when not assigned). */
  position(topic: string, partition: number): number | undefined { return this.assigned.get(partitionKey(topic, partition))?.position; }

  seek(topic: string, partition: number, offset: number): void {
    const st = this.assigned.get(partitionKey(topic, partition));
    if (!st) throw new Error(`${topic}-${partition} is not assigned`);
    st.position = offset;
  }

  /** ListOffsets: timestamp -2 earliest, -1 latest, else first offset at/after timestamp. Keyed "partition:topic". */
  async listOffsets(reqs: { topic: string; partition: number; timestamp: number }[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let attempt = 0; ; attempt++) {
      const byLeader = new Map<number, typeof reqs>();
      for (const r of reqs) {
        if (out.has(partitionKey(r.topic, r.partition))) continue;
        let leader = this.cluster.leaderFor(r.topic, r.partition);
        if (leader < 0) { await this.cluster.topic(r.topic, { refresh: true }); leader = this.cluster.leaderFor(r.topic, r.partition); }
        if (leader < 0) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${r.topic}-${r.partition}`);
        let l = byLeader.get(leader);
        if (!l) byLeader.set(leader, (l = []));
        l.push(r);
      }
      if (byLeader.size === 0) return out;
      let retriable: KafkaProtocolError | null = null;
      await Promise.all([...byLeader].map(async ([leader, list]) => {
        const conn = await this.cluster.connectionFor(leader);
        const topics = new Map<string, { partitionIndex: number; currentLeaderEpoch: number; timestamp: number; maxNumOffsets: number }[]>();
        for (const r of list) {
          let t = topics.get(r.topic);
          if (!t) topics.set(r.topic, (t = []));
          t.push({ partitionIndex: r.partition, currentLeaderEpoch: -1, timestamp: r.timestamp, maxNumOffsets: 1 });
        }
        const res: any = await conn.request(Api.ListOffsets, {
          replicaId: -1, isolationLevel: this.isolationLevel,
          topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
          timeoutMs: 30_000,
        });
        for (const t of res.topics ?? []) {
          for (const p of t.partitions ?? []) {
            if (p.errorCode) {
              const e = new KafkaProtocolError(p.errorCode, `ListOffsets ${t.name}-${p.partitionIndex}`);
              if (!e.retriable) throw e;
              retriable = e;
              this.cluster.topics.delete(t.name);
              continue;
            }
            const off = p.oldStyleOffsets && p.oldStyleOffsets.length ? p.oldStyleOffsets[0] : p.offset;
            out.set(partitionKey(t.name, p.partitionIndex), off);
          }
        }
      }));
      if (retriable) {
        if (attempt >= 10) throw retriable;
        await sleep(100 * (attempt + 1));
      }
    }
  }

  /** One fetch round: a Fetch to each leader of the assigned partitions; returns records in offset order per partition. */
  async poll(): Promise<ConsumedRecord[]> {
    if (this.closed) return [];
    let { byLeader, unknown } = this.groupByLeader();
    if (unknown) {
      await this.cluster.refreshMetadata([...new Set([...this.assigned.values()].map((s) => s.topic))]).catch(() => undefined);
      ({ byLeader } = this.groupByLeader());
      if (byLeader.size === 0) { await sleep(100); return []; }
    }
    const results = await Promise.all([...byLeader].map(([leader, list]) => this.fetchFrom(leader, list)));
    return results.flat();
  }

  private groupByLeader(): { byLeader: Map<number, PartitionState[]>; unknown: boolean } {
    const byLeader = new Map<number, PartitionState[]>();
    let unknown = false;
    for (const st of this.assigned.values()) {
      const leader = this.cluster.leaderFor(st.topic, st.partition);
      if (leader < 0) { unknown = true; continue; }
      let l = byLeader.get(leader);
      if (!l) byLeader.set(leader, (l = []));
      l.push(st);
    }
    return { byLeader, unknown };
  }

  private async fetchFrom(leader: number, list: PartitionState[]): Promise<ConsumedRecord[]> {
    const topics = new Map<string, PartitionState[]>();
    for (const st of list) {
      let t = topics.get(st.topic);
      if (!t) topics.set(st.topic, (t = []));
      t.push(st);
    }
    let res: any;
    try {
      const conn = await this.cluster.connectionFor(leader);
      res = await conn.request(Api.Fetch, {
        replicaId: -1, maxWaitMs: this.maxWaitMs, minBytes: this.minBytes, maxBytes: this.maxBytes,
        isolationLevel: this.isolationLevel, sessionId: 0, sessionEpoch: -1,
        topics: [...topics].map(([topic, sts]) => ({
          topic,
          partitions: sts.map((s) => ({
            partition: s.partition, currentLeaderEpoch: -1, fetchOffset: s.position, lastFetchedEpoch: -1,
            logStartOffset: -1, partitionMaxBytes: s.maxBytes,
          })),
        })),
        forgottenTopicsData: [],
        rackId: '',
      }, { timeoutMs: this.maxWaitMs + 30_000 });
    } catch (err) {
      if ((err as { retriable?: boolean }).retriable) {
        for (const t of topics.keys()) this.cluster.topics.delete(t);
        await sleep(100);
        return [];
      }
      throw err;
    }
    if (res.errorCode) throw new KafkaProtocolError(res.errorCode, 'Fetch');
    const out: ConsumedRecord[] = [];
    for (const t of res.responses ?? []) {
      for (const p of t.partitions ?? []) {
        const st = this.assigned.get(partitionKey(t.topic, p.partitionIndex));
        if (!st) continue;
        if (p.errorCode) { await this.onPartitionError(st, p.errorCode); continue; }
        st.highWatermark = p.highWatermark;
        const recs: Buffer | null = p.records;
        if (!recs || recs.length === 0) continue;
        this.decodeInto(st, recs, out);
      }
    }
    return out;
  }

  private decodeInto(st: PartitionState, buf: Buffer, out: ConsumedRecord[]): void {
    const batches = decodeBatches(buf);
    if (batches.length === 0) {
      // the first batch did not fit: ask for more next time
      st.maxBytes = Math.min(Math.max(st.maxBytes * 2, buf.length * 2), this.maxBytes);
      return;
    }
    for (const { header, records } of batches) {
      const next = header.baseOffset + header.lastOffsetDelta + 1;
      if (!(header.attributes & CONTROL_FLAG_MASK)) {
        for (const r of records) {
          if (r.offset < st.position) continue;
          out.push({ topic: st.topic, partition: st.partition, offset: r.offset, timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers });
        }
      }
      if (next > st.position) st.position = next;
    }
  }

  private async onPartitionError(st: PartitionState, code: number): Promise<void> {
    if (code === ErrorCode.OFFSET_OUT_OF_RANGE) {
      if (this.autoOffsetReset === 'none') {
        throw new KafkaProtocolError(code, `offset ${st.position} of ${st.topic}-${st.partition} is out of range`);
      }
      const ts = this.autoOffsetReset === 'earliest' ? EARLIEST : LATEST;
      const offsets = await this.listOffsets([{ topic: st.topic, partition: st.partition, timestamp: ts }]);
      st.position = offsets.get(partitionKey(st.topic, st.partition))!;
      return;
    }
    const e = new KafkaProtocolError(code, `Fetch ${st.topic}-${st.partition}`);
    if (!e.retriable) throw e;
    this.cluster.topics.delete(st.topic);
  }

  /** Endless record stream (until close()); each poll's records in order. */
  async *records(): AsyncGenerator<ConsumedRecord> {
    while (!this.closed) {
      const batch = await this.poll();
      for (const r of batch) {
        if (this.closed) return;
        yield r;
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.ownsCluster) await this.cluster.close();
  }
}

export function partitionKey(topic: string, partition: number): string { return `${partition}:${topic}`; }
function sleep(ms: number): Promise<void> { return new Promise((r) => setTimeout(r, ms)); }
