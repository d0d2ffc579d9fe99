// `samsa perf consume`: C consumers read --messages records of a topic (all partitions from
// the earliest offset, or as members of --group), counting records and key+value bytes.
import { Cluster } from '../client/cluster';
import { nowMs } from './clock';
import { createConsumers } from './consumer-set';
import type { Budget } from './fetch-engine';
import { emitResult, onInterrupt, PerfIo, progressStream, startTicker } from './harness';
import type { ConsumeOptions, ConsumerSettings } from './options';
import { LATENCY_MEASURES, PerfResult, phase } from './result';
import { RunStats } from './run-stats';
import { progressLine } from './text-output';
import { partitionOffsets, prepareTopic } from './topic-setup';

export function consumerConfig(o: ConsumerSettings, partitions: number): Record<string, unknown> {
  return {
    group: o.group ?? '(none: partitions assigned)', consumers: o.consumers, partitions, timeoutMs: o.timeoutMs,
    fetchMaxBytes: o.fetchMaxBytes, maxPartitionFetchBytes: o.maxPartitionFetchBytes, fetchMaxWaitMs: o.fetchMaxWaitMs,
  };
}

/** Resolves when `budget` is used up, stop() is called, or no record arrived for timeoutMs; with the reason it stopped early (or null). */
export function watch(stats: RunStats, budget: Budget, timeoutMs: number, what: string): { done: Promise<string | null>; stop: (reason: string) => void } {
  let finish: (reason: string | null) => void = () => undefined;
  const done = new Promise<string | null>((r) => { finish = r; });
  let last = stats.records;
  let lastAt = nowMs();
  const timer = setInterval(() => {
    const now = nowMs();
    if (stats.records !== last) { last = stats.records; lastAt = now; return; }
    if (now - lastAt >= timeoutMs) end(`no ${what} for ${timeoutMs} ms (--timeout-ms)`);
  }, 50);
  const end = (reason: string | null) => { clearInterval(timer); budget.exhausted = undefined; finish(reason); };
  budget.exhausted = () => end(null);
  return { done, stop: (reason) => end(reason) };
}

/** Waits for the consumers to be ready; fails when they fail first or take longer than timeoutMs. */
export async function whenReady(ready: Promise<void>, running: Promise<void> | null, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`consumers were not assigned every partition within ${timeoutMs} ms`)), timeoutMs);
  });
  const failed = running ? running.then(() => { throw new Error('consumers stopped before they were ready'); }) : new Promise<never>(() => undefined);
  try {
    await Promise.race([ready, timeout, failed]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runConsumePerf(o: ConsumeOptions, io: PerfIo): Promise<number> {
  const out = progressStream(o, io);
  const admin = new Cluster({ bootstrap: o.bootstrap, clientId: o.clientId });
  let set: ReturnType<typeof createConsumers> | null = null;
  try {
    const topic = await prepareTopic(admin, o.topic, { create: false });
    const partitions = topic.partitions.map((p) => p.partition);
    const offsets = o.group ? new Map<number, number>() : await partitionOffsets(admin, o.topic, partitions, 'earliest');
    const stats = new RunStats();
    const budget: Budget = { remaining: o.messages };
    const consumers = createConsumers(o, topic, stats, budget, { endToEnd: false, offsets, autoOffsetReset: 'earliest' });
    set = consumers;
    const startedAt = new Date().toISOString();
    const t00 = nowMs();
    let running: Promise<void> | null = null;
    if (o.group) running = consumers.run();
    await whenReady(consumers.ready, running, Math.max(o.timeoutMs, 60_000));
    const t0 = nowMs();
    stats.start(t0);
    if (!running) running = consumers.run();
    running.catch(() => undefined);
    const stopTicker = startTicker([stats], o.reportingIntervalMs, (now) => out.write(`${progressLine('received', stats.takeWindow(now), `${consumers.latencyKind} latency`)}\n`));
    const w = watch(stats, budget, o.timeoutMs, 'records');
    const removeSignals = onInterrupt((sig) => w.stop(`interrupted by ${sig}`));
    let stoppedBy: string | null;
    try {
      stoppedBy = await Promise.race([w.done, running.then(() => w.done)]);
    } finally {
      stopTicker();
      removeSignals();
      w.stop('failed');
    }
    const totals = stats.finish(stoppedBy && stats.lastAddAt ? stats.lastAddAt : nowMs());
    consumers.stop();
    await consumers.close();
    await running.catch(() => undefined);
    const result: PerfResult = {
      tool: 'samsa perf', mode: 'consume', topic: o.topic, bootstrap: o.bootstrap, startedAt,
      ...phase(totals, o.group ? LATENCY_MEASURES.poll : LATENCY_MEASURES.fetch),
      expected: o.messages, complete: totals.records >= o.messages, stoppedBy,
      config: consumerConfig(o, partitions.length),
      wire: { ...consumers.wire(), setupMs: Math.round(t0 - t00) },
    };
    return emitResult(result, o, io);
  } finally {
    if (set) await set.close();
    await admin.close().catch(() => undefined);
  }
}
