// `samsa perf produce`: P producers (own connections each) share --num-records and
// --throughput; batches are built by BatchFactory and pipelined by ProduceEngine.
import { Cluster, TopicInfo } from '../client/cluster';
import { BatchFactory } from './batch-factory';
import { nowMs } from './clock';
import { emitResult, onInterrupt, PerfIo, progressStream, startTicker } from './harness';
import type { ProduceOptions, ProducerSettings, CommonOptions } from './options';
import { makePayload } from './payload';
import { ProduceEngine } from './produce-engine';
import { LATENCY_MEASURES, PerfResult, phase } from './result';
import { RunStats } from './run-stats';
import { progressLine } from './text-output';
import { prepareTopic } from './topic-setup';

export interface ProducerSet {
  engines: ProduceEngine[];
  clusters: Cluster[];
  recordsPerBatch: number;
}

/** Record quota of producer i of n (the first ones take the remainder). */
export function quotaOf(total: number, i: number, n: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

/** Producers with their own clusters; partitions rotate from a different start for each. */
export function createProducers(o: CommonOptions & ProducerSettings, topic: TopicInfo, stats: RunStats, embed: boolean): ProducerSet {
  const partitions = topic.partitions.map((p) => p.partition);
  const payload = makePayload(o.recordSize);
  const engines: ProduceEngine[] = [];
  const clusters: Cluster[] = [];
  let perBatch = 0;
  for (let i = 0; i < o.producers; i++) {
    const cluster = new Cluster({ bootstrap: o.bootstrap, clientId: `${o.clientId}-producer-${i}`, requestTimeoutMs: o.requestTimeoutMs });
    clusters.push(cluster);
    const records = quotaOf(o.numRecords, i, o.producers);
    const shift = Math.floor((i * partitions.length) / o.producers);
    const factory = new BatchFactory({ payload, codec: o.codec, batchSize: o.batchSize, embed });
    perBatch = factory.perBatch;
    engines.push(new ProduceEngine({
      cluster, topic: topic.name, partitions: [...partitions.slice(shift), ...partitions.slice(0, shift)], factory,
      records, rate: o.throughput > 0 ? (o.throughput * records) / o.numRecords : -1,
      acks: o.acks, lingerMs: o.lingerMs, maxInFlight: o.maxInFlight, maxRequestBytes: o.maxRequestSize,
      requestTimeoutMs: o.requestTimeoutMs, retries: o.retries, retryBackoffMs: 100, recordBytes: o.recordSize,
      stats, alwaysSpread: embed,
    }));
  }
  return { engines, clusters, recordsPerBatch: perBatch };
}

export function producerConfig(o: ProducerSettings, partitions: number, recordsPerBatch: number): Record<string, unknown> {
  return {
    numRecords: o.numRecords, warmupRecords: o.warmupRecords, recordSize: o.recordSize, throughput: o.throughput, acks: o.acks === -1 ? 'all' : o.acks,
    compression: o.compression, batchSize: o.batchSize, lingerMs: o.lingerMs, producers: o.producers,
    partitions, maxInFlight: o.maxInFlight, maxRequestSize: o.maxRequestSize, retries: o.retries, recordsPerBatch,
  };
}

export function producerWire(set: ProducerSet): Record<string, number> {
  let requests = 0;
  let wireBytes = 0;
  let retries = 0;
  for (const e of set.engines) { requests += e.requests; wireBytes += e.wireBytes; retries += e.retried; }
  return { produceRequests: requests, batchBytes: wireBytes, retries };
}

export async function runProducePerf(o: ProduceOptions, io: PerfIo): Promise<number> {
  const out = progressStream(o, io);
  const admin = new Cluster({ bootstrap: o.bootstrap, clientId: o.clientId, requestTimeoutMs: o.requestTimeoutMs });
  let set: ProducerSet | null = null;
  try {
    const topic = await prepareTopic(admin, o.topic, { partitions: o.partitions, replicationFactor: o.replicationFactor, create: true },
      (s) => io.stderr.write(`samsa perf: ${s}\n`));
    const stats = new RunStats(1000, o.warmupRecords);
    set = createProducers(o, topic, stats, false);
    const producers = set;
    await Promise.all(producers.engines.map((e) => e.connect()));
    const startedAt = new Date().toISOString();
    const t0 = nowMs();
    stats.start(t0);
    const stopTicker = startTicker([stats], o.reportingIntervalMs, (now) => out.write(`${progressLine('sent', stats.takeWindow(now), 'latency')}\n`));
    let stoppedBy: string | null = null;
    const removeSignals = onInterrupt((sig) => { stoppedBy = `interrupted by ${sig}`; producers.engines.forEach((e) => e.stop()); });
    for (const e of producers.engines) e.start(t0);
    try {
      await Promise.all(producers.engines.map((e) => e.done));
    } finally {
      stopTicker();
      removeSignals();
    }
    const totals = stats.finish(nowMs());
    const result: PerfResult = {
      tool: 'samsa perf', mode: 'produce', topic: o.topic, bootstrap: o.bootstrap, startedAt,
      ...phase(totals, LATENCY_MEASURES.produce),
      expected: o.numRecords, complete: totals.records + (totals.warmup?.records ?? 0) === o.numRecords, stoppedBy,
      config: producerConfig(o, topic.partitions.length, producers.recordsPerBatch),
      wire: producerWire(producers),
    };
    return emitResult(result, o, io);
  } finally {
    await Promise.all([admin, ...(set ? set.clusters : [])].map((c) => c.close().catch(() => undefined)));
  }
}
