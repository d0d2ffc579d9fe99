// `samsa perf e2e`: consumers first (positioned at the end of every partition), then
// producers at --throughput whose records carry their send time in the value; each consumed
// record's end-to-end latency is its arrival minus that send time.
import { Cluster } from '../client/cluster';
import { nowMs } from './clock';
import { consumerConfig, watch, whenReady } from './consume-run';
import { createConsumers } from './consumer-set';
import type { Budget } from './fetch-engine';
import { emitResult, onInterrupt, PerfIo, progressStream, startTicker } from './harness';
import type { E2eOptions } from './options';
import { canEmbed } from './payload';
import { createProducers, producerConfig, producerWire, ProducerSet } from './produce-run';
import { LATENCY_MEASURES, PerfResult, phase } from './result';
import { RunStats } from './run-stats';
import { e2eProgressLine } from './text-output';
import { partitionOffsets, prepareTopic } from './topic-setup';

export async function runE2ePerf(o: E2eOptions, io: PerfIo): Promise<number> {
  const out = progressStream(o, io);
  const warn = (s: string) => io.stderr.write(`samsa perf: ${s}\n`);
  if (!canEmbed(o.recordSize)) warn(`--record-size ${o.recordSize} is under 8 bytes: latency comes from record timestamps (ms resolution)`);
  const admin = new Cluster({ bootstrap: o.bootstrap, clientId: o.clientId, requestTimeoutMs: o.requestTimeoutMs });
  let consumers: ReturnType<typeof createConsumers> | null = null;
  let producers: ProducerSet | null = null;
  try {
    const topic = await prepareTopic(admin, o.topic, { partitions: o.partitions, replicationFactor: o.replicationFactor, create: true }, warn);
    const partitions = topic.partitions.map((p) => p.partition);
    const offsets = await partitionOffsets(admin, o.topic, partitions, 'latest');
    const pstats = new RunStats(1000, o.warmupRecords);
    const cstats = new RunStats(1000, o.warmupRecords);
    const budget: Budget = { remaining: o.numRecords };
    const cs = createConsumers(o, topic, cstats, budget, { endToEnd: true, offsets, autoOffsetReset: 'latest' });
    consumers = cs;
    const ps = createProducers(o, topic, pstats, true);
    producers = ps;
    let running: Promise<void> | null = o.group ? cs.run() : null;
    await whenReady(cs.ready, running, Math.max(o.timeoutMs, 60_000));
    await Promise.all(ps.engines.map((e) => e.connect()));
    const startedAt = new Date().toISOString();
    const t0 = nowMs();
    pstats.start(t0);
    cstats.start(t0);
    if (!running) running = cs.run();
    const consuming = running;
    consuming.catch(() => undefined);
    const stopTicker = startTicker([pstats, cstats], o.reportingIntervalMs, (now) => out.write(`${e2eProgressLine(pstats.takeWindow(now), cstats.takeWindow(now))}\n`));
    const w = watch(cstats, budget, o.timeoutMs, 'records received');
    let producedAt = 0;
    const produced = Promise.all(ps.engines.map((e) => e.done)).then(() => {
      producedAt = nowMs();
      // records that failed to produce will never arrive
      if (pstats.errors > 0) {
        budget.remaining -= pstats.errors;
        if (budget.remaining <= 0) budget.exhausted?.();
      }
    });
    const removeSignals = onInterrupt((sig) => { ps.engines.forEach((e) => e.stop()); w.stop(`interrupted by ${sig}`); });
    for (const e of ps.engines) e.start(t0);
    let stoppedBy: string | null;
    try {
      stoppedBy = await Promise.race([w.done, consuming.then(() => w.done)]);
      if (stoppedBy) ps.engines.forEach((e) => e.stop());
      await produced;
    } finally {
      stopTicker();
      removeSignals();
      w.stop('failed');
    }
    const cTotals = cstats.finish(stoppedBy && cstats.lastAddAt ? cstats.lastAddAt : nowMs());
    const pTotals = pstats.finish(producedAt || nowMs());
    cs.stop();
    await cs.close();
    await consuming.catch(() => undefined);
    const produce = phase(pTotals, LATENCY_MEASURES.produce);
    const consume = phase(cTotals, LATENCY_MEASURES.e2e);
    const errorsByCode = { ...produce.errorsByCode };
    for (const [k, v] of Object.entries(consume.errorsByCode)) errorsByCode[k] = (errorsByCode[k] ?? 0) + v;
    const result: PerfResult = {
      tool: 'samsa perf', mode: 'e2e', topic: o.topic, bootstrap: o.bootstrap, startedAt,
      ...consume, errors: produce.errors + consume.errors, errorsByCode,
      expected: o.numRecords, complete: cTotals.records + (cTotals.warmup?.records ?? 0) >= o.numRecords, stoppedBy,
      config: { ...producerConfig(o, partitions.length, ps.recordsPerBatch), ...consumerConfig(o, partitions.length) },
      wire: { ...producerWire(ps), ...cs.wire() },
      produce, consume,
    };
    return emitResult(result, o, io);
  } finally {
    if (consumers) await consumers.close();
    await Promise.all([admin, ...(producers ? producers.clusters : [])].map((c) => c.close().catch(() => undefined)));
  }
}
