// Producer: partitioning (explicit / murmur2 key hash / sticky), per-partition batching with
// linger.ms and batch.size, one Produce request per broker carrying its ready batches,
// several requests in flight per connection, retries of retriable errors, per-record promises.
import { Cluster, ClusterOptions, TopicInfo } from './cluster';
import { Api } from './api-keys';
import { Accumulator, Batch } from './accumulator';
import { partitionForKey, StickyPartitioner } from './partitioner';
import { KafkaProtocolError, isRetriable } from './errors';
import { buildBatch, RecordHeader, RecordInput } from '../protocol/record-batch';
import { ErrorCode } from '../protocol/error-codes';

/** Open batches this close to their linger deadline leave with the expiring ones. */
const LINGER_SLACK_MS = 2;

export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export const COMPRESSION_IDS: Record<CompressionName, 0 | 1 | 2 | 3 | 4> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

export interface ProducerOptions extends Partial<ClusterOptions> {
  /** 0, 1 or -1 (all); default -1 as in Kafka. */
  acks?: 0 | 1 | -1;
  compression?: CompressionName;
  lingerMs?: number;
  batchSize?: number;
  maxRequestSize?: number;
  requestTimeoutMs?: number;
  /** Give up on a record this long after send() (default 120000). */
  deliveryTimeoutMs?: number;
  retryBackoffMs?: number;
  /** Produce requests in flight per broker (default 5). */
  maxInFlight?: number;
  /** send() waits while more than this many bytes are buffered (default 32 MiB). */
  bufferMemory?: number;
  /** Let Metadata create unknown topics (allow.auto.create.topics, default true). */
  allowAutoTopicCreation?: boolean;
}

export interface ProducerRecord {
  topic: string;
  partition?: number;
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: RecordHeader[] | Record<string, string | Buffer | null>;
  timestamp?: number;
}

export interface RecordMetadata { topic: string; partition: number; offset: number; timestamp: number }

function toBuf(v: Buffer | string | null | undefined): Buffer | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}

function toHeaders(h: ProducerRecord['headers']): RecordHeader[] | undefined {
  if (!h) return undefined;
  if (Array.isArray(h)) return h;
  return Object.entries(h).map(([key, value]) => ({ key, value: toBuf(value) }));
}

export class Producer {
  readonly cluster: Cluster;
  private readonly ownsCluster: boolean;
  private readonly acks: 0 | 1 | -1;
  private readonly compression: 0 | 1 | 2 | 3 | 4;
  private readonly maxRequestSize: number;
  private readonly requestTimeoutMs: number;
  private readonly deliveryTimeoutMs: number;
  private readonly retryBackoffMs: number;
  private readonly maxInFlight: number;
  private readonly bufferMemory: number;
  private readonly allowAutoTopicCreation: boolean;
  private readonly acc: Accumulator<RecordMetadata>;
  private readonly sticky = new StickyPartitioner();
  /** Closed batches waiting to be sent, oldest first. */
  private ready: Batch<RecordMetadata>[] = [];
  private readonly inFlight = new Map<number, number>();
  private lingerTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Records appended and not yet settled. */
  private inBatches = 0;
  /** send() calls still waiting for metadata or buffer memory. */
  private waitingSends = 0;
  private readonly metadataMaxAgeMs: number;
  private bufferedBytes = 0;
  private flushWaiters: (() => void)[] = [];
  private memoryWaiters: (() => void)[] = [];
  private closed = false;
  private flushing = 0;
  private metadataRefresh: Promise<unknown> | null = null;

  constructor(clusterOrOpts: Cluster | ProducerOptions, opts: ProducerOptions = {}) {
    const o: ProducerOptions = clusterOrOpts instanceof Cluster ? opts : clusterOrOpts;
    if (clusterOrOpts instanceof Cluster) { this.cluster = clusterOrOpts; this.ownsCluster = false; } else {
      if (!o.bootstrap) throw new Error('bootstrap servers are required');
      this.cluster = new Cluster({ ...o, bootstrap: o.bootstrap });
      this.ownsCluster = true;
    }
    this.acks = o.acks ?? -1;
    if (![0, 1, -1].includes(this.acks)) throw new Error(`invalid acks ${o.acks}: must be 0, 1 or -1`);
    const c = o.compression ?? 'none';
    if (!(c in COMPRESSION_IDS)) throw new Error(`invalid compression '${c}': must be one of ${Object.keys(COMPRESSION_IDS).join(', ')}`);
    this.compression = COMPRESSION_IDS[c];
    this.maxRequestSize = o.maxRequestSize ?? 1_048_576;
    this.requestTimeoutMs = o.requestTimeoutMs ?? 30_000;
    this.deliveryTimeoutMs = o.deliveryTimeoutMs ?? 120_000;
    this.retryBackoffMs = o.retryBackoffMs ?? 100;
    this.maxInFlight = o.maxInFlight ?? 5;
    this.bufferMemory = o.bufferMemory ?? 32 * 1024 * 1024;
    this.allowAutoTopicCreation = o.allowAutoTopicCreation ?? true;
    this.metadataMaxAgeMs = o.metadataMaxAgeMs ?? 300_000;
    this.acc = new Accumulator({ batchSize: Math.max(1, o.batchSize ?? 16_384), lingerMs: Math.max(0, o.lingerMs ?? 5) });
  }

  /** Queues a record; resolves when the broker acknowledged it (acks=0: when written). */
  send(rec: ProducerRecord): Promise<RecordMetadata> {
    if (this.closed) return Promise.reject(new Error('producer is closed'));
    const topic = this.cluster.topics.get(rec.topic);
    // fast path: metadata cached, buffer space left and no earlier send still waiting
    // (so records keep their order) → one promise, no awaits
    if (topic && this.bufferedBytes < this.bufferMemory && this.waitingSends === 0) {
      try {
        return this.append(rec, topic);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.sendSlow(rec);
  }

  private async sendSlow(rec: ProducerRecord): Promise<RecordMetadata> {
    // counted so that flush() also waits for sends still resolving metadata or memory
    this.waitingSends++;
    try {
      const topic = await this.cluster.topic(rec.topic, { autoCreate: this.allowAutoTopicCreation });
      while (this.bufferedBytes >= this.bufferMemory) await new Promise<void>((r) => this.memoryWaiters.push(r));
      return await this.append(rec, topic);
    } finally {
      this.waitingSends--;
      this.maybeFlushed();
    }
  }

  private append(rec: ProducerRecord, topic: TopicInfo): Promise<RecordMetadata> {
    if (this.cluster.metadataAgeMs(rec.topic) > this.metadataMaxAgeMs) void this.cluster.topic(rec.topic).catch(() => undefined);
    const n = topic.partitions.length;
    if (n === 0) throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, `topic ${rec.topic} has no partitions`);
    const key = toBuf(rec.key);
    let partition: number;
    if (rec.partition !== undefined && rec.partition !== null) {
      partition = rec.partition;
      if (!Number.isInteger(partition) || partition < 0 || partition >= n) {
        throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `partition ${partition} of ${rec.topic} (it has ${n})`);
      }
    } else if (key) {
      partition = partitionForKey(key, n);
    } else {
      partition = this.sticky.partition(rec.topic, n);
    }
    const record: RecordInput = { key, value: toBuf(rec.value), headers: toHeaders(rec.headers), timestamp: rec.timestamp ?? Date.now() };
    return new Promise<RecordMetadata>((resolve, reject) => {
      this.inBatches++;
      this.bufferedBytes += (key ? key.length : 0) + (record.value ? record.value.length : 0);
      const closedBatches = this.acc.append(rec.topic, partition, record, { resolve, reject }, Date.now());
      if (this.flushing > 0) closedBatches.push(...this.acc.drainAll());
      if (closedBatches.length) this.enqueue(closedBatches);
      else this.armLinger();
    });
  }

  /** Accounting when a batch's records are settled. */
  private settled(b: Batch<RecordMetadata>): void {
    this.inBatches -= b.records.length;
    this.bufferedBytes -= b.payloadBytes;
    if (this.bufferedBytes < this.bufferMemory && this.memoryWaiters.length) {
      const w = this.memoryWaiters;
      this.memoryWaiters = [];
      w.forEach((f) => f());
    }
    this.maybeFlushed();
  }

  private maybeFlushed(): void {
    if (this.inBatches === 0 && this.waitingSends === 0 && this.flushWaiters.length) {
      const w = this.flushWaiters;
      this.flushWaiters = [];
      w.forEach((f) => f());
    }
  }

  /** Sends everything buffered and waits until every outstanding record is settled. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      this.enqueue(this.acc.drainAll());
      if (this.inBatches === 0 && this.waitingSends === 0) return;
      await new Promise<void>((r) => this.flushWaiters.push(r));
    } finally {
      this.flushing--;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.ownsCluster) await this.cluster.close();
  }

  private enqueue(batches: Batch<RecordMetadata>[]): void {
    for (const b of batches) {
      this.ready.push(b);
      if (b.records.length && !b.records[0].key) {
        const n = this.cluster.topics.get(b.topic)?.partitions.length ?? 0;
        if (n > 0) this.sticky.onBatchClosed(b.topic, n, b.partition);
      }
    }
    this.armLinger();
    this.pump();
  }

  private armLinger(): void {
    if (this.lingerTimer) return;
    const wait = this.acc.nextExpiry(Date.now());
    if (wait === null) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = null;
      const expired = this.acc.expired(Date.now(), LINGER_SLACK_MS);
      if (expired.length) this.enqueue(expired); else this.armLinger();
    }, wait);
  }

  /** Sends ready batches to their leaders, within each broker's in-flight limit. */
  private pump(): void {
    if (this.ready.length === 0) return;
    const now = Date.now();
    const byLeader = new Map<number, Batch<RecordMetadata>[]>();
    const keep: Batch<RecordMetadata>[] = [];
    let needMetadata = false;
    for (const b of this.ready) {
      if (now - b.createdAt > this.deliveryTimeoutMs) {
        this.fail(b, new KafkaProtocolError(ErrorCode.REQUEST_TIMED_OUT, `delivery.timeout.ms expired for ${b.records.length} record(s) to ${b.topic}-${b.partition}`));
        continue;
      }
      const leader = this.cluster.leaderFor(b.topic, b.partition);
      if (leader < 0) { needMetadata = true; keep.push(b); continue; }
      let list = byLeader.get(leader);
      if (!list) byLeader.set(leader, (list = []));
      list.push(b);
    }
    for (const [leader, batches] of byLeader) {
      let pending = batches;
      while (pending.length > 0 && (this.inFlight.get(leader) ?? 0) < this.maxInFlight) {
        // one batch per partition per request, up to max.request.size
        const req: Batch<RecordMetadata>[] = [];
        const rest: Batch<RecordMetadata>[] = [];
        const seen = new Set<string>();
        let bytes = 0;
        for (const b of pending) {
          const k = `${b.partition}:${b.topic}`;
          if (seen.has(k) || (req.length > 0 && bytes + b.sizeBytes > this.maxRequestSize)) { rest.push(b); continue; }
          seen.add(k);
          bytes += b.sizeBytes;
          req.push(b);
        }
        this.sendRequest(leader, req);
        pending = rest;
      }
      keep.push(...pending);
    }
    this.ready = keep;
    if (needMetadata) this.refreshMetadataThenPump();
  }

  private refreshMetadataThenPump(): void {
    if (this.metadataRefresh) return;
    const topics = [...new Set(this.ready.map((b) => b.topic))];
    this.metadataRefresh = this.cluster.refreshMetadata(topics, this.allowAutoTopicCreation)
      .catch(() => undefined)
      .then(() => { this.metadataRefresh = null; this.scheduleRetry(); });
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.ready.length === 0) return;
    this.retryTimer = setTimeout(() => { this.retryTimer = null; this.pump(); }, this.retryBackoffMs);
  }

  private sendRequest(leader: number, batches: Batch<RecordMetadata>[]): void {
    this.inFlight.set(leader, (this.inFlight.get(leader) ?? 0) + 1);
    const topics = new Map<string, { index: number; records: Buffer }[]>();
    const encoded: Batch<RecordMetadata>[] = [];
    for (const b of batches) {
      b.attempts++;
      let records: Buffer;
      try {
        records = buildBatch(b.records, { compression: this.compression });
      } catch (err) {
        this.fail(b, err as Error);
        continue;
      }
      let list = topics.get(b.topic);
      if (!list) topics.set(b.topic, (list = []));
      list.push({ index: b.partition, records });
      encoded.push(b);
    }
    const finish = () => {
      this.inFlight.set(leader, (this.inFlight.get(leader) ?? 1) - 1);
      this.pump();
    };
    if (encoded.length === 0) { finish(); return; }
    const body = {
      transactionalId: null,
      acks: this.acks,
      timeoutMs: this.requestTimeoutMs,
      topicData: [...topics].map(([name, partitionData]) => ({ name, partitionData })),
    };
    this.cluster.connectionFor(leader)
      .then((conn) => conn.request(Api.Produce, body, { expectResponse: this.acks !== 0, timeoutMs: this.requestTimeoutMs + 5000 }))
      .then((res: any) => {
        if (this.acks === 0) {
          for (const b of encoded) this.succeed(b, -1, -1);
        } else {
          this.handleResponse(encoded, res);
        }
      }, (err: Error) => {
        for (const b of encoded) this.retryOrFail(b, err);
      })
      .finally(finish);
  }

  private handleResponse(batches: Batch<RecordMetadata>[], res: any): void {
    const byKey = new Map<string, any>();
    for (const t of res.responses ?? []) for (const p of t.partitionResponses ?? []) byKey.set(`${p.index}:${t.name}`, p);
    for (const b of batches) {
      const p = byKey.get(`${b.partition}:${b.topic}`);
      if (!p) { this.retryOrFail(b, new KafkaProtocolError(ErrorCode.UNKNOWN_SERVER_ERROR, `no response for ${b.topic}-${b.partition}`)); continue; }
      if (p.errorCode) {
        const detail = p.errorMessage ?? (p.recordErrors?.length ? p.recordErrors.map((r: any) => r.batchIndexErrorMessage).join('; ') : `${b.topic}-${b.partition}`);
        this.retryOrFail(b, new KafkaProtocolError(p.errorCode, detail));
        continue;
      }
      this.succeed(b, p.baseOffset, p.logAppendTimeMs ?? -1);
    }
  }

  private succeed(b: Batch<RecordMetadata>, baseOffset: number, logAppendTime: number): void {
    this.settled(b);
    for (let i = 0; i < b.deliveries.length; i++) {
      b.deliveries[i].resolve({
        topic: b.topic, partition: b.partition,
        offset: baseOffset < 0 ? -1 : baseOffset + i,
        timestamp: logAppendTime >= 0 ? logAppendTime : b.records[i].timestamp ?? -1,
      });
    }
  }

  private fail(b: Batch<RecordMetadata>, err: Error): void {
    this.settled(b);
    for (const d of b.deliveries) d.reject(err);
  }

  private retryOrFail(b: Batch<RecordMetadata>, err: Error): void {
    if (isRetriable(err) && !this.closedForRetry(b)) {
      this.ready.unshift(b);
      if (err instanceof KafkaProtocolError || (err as Error).name === 'ConnectionError') this.invalidateLeader(b.topic);
      this.refreshMetadataThenPump();
      return;
    }
    this.fail(b, err);
  }

  private closedForRetry(b: Batch<RecordMetadata>): boolean {
    return Date.now() - b.createdAt > this.deliveryTimeoutMs;
  }

  private invalidateLeader(topic: string): void {
    this.cluster.topics.delete(topic);
  }
}
