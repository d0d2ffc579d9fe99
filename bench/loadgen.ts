// One timed produce or consume run with either load generator (kcat or `samsa perf`) against
// samsa or the null sink, with CPU accounting and verification: the broker must hold exactly
// the records sent (samsa: sum of end offsets; null sink: its own count), a consumer must
// count exactly the records of the topic.
import { BenchClient } from './bench-client';
import { kcatConsume, kcatProduce, consumeArgs, produceArgs } from './kcat';
import { accounted, acksName, quiet, sleep, type Ctx } from './measure';
import { perfCommand, perfProblem, runPerf, type Latency } from './perf-tool';
import type { Sample } from './report';
import type { Target } from './targets';

export type Gen = 'kcat' | 'perf';

export interface RunSample extends Sample {
  /** records/s as the generator measures it (kcat: records / wall time; samsa perf: its own first-send-to-last-ack time) */
  rate: number;
  /** records / wall time from spawn to exit */
  wallRate: number;
  /** samsa perf: ack (produce) or fetch (consume) latency */
  latency?: Latency;
  /** samsa perf: Produce or Fetch requests the run sent */
  requests?: number;
  topic: string;
}

export interface ProduceSpec {
  gen: Gen; size: number; acks: number; compression: string; partitions: number; records: number; topic: string;
  /** kcat input file with at least `records` lines of `size`-byte values */
  file: string;
}

/** The broker under test: samsa (with a client for end offsets) or a null sink (its own count). */
export interface Broker { target: Target; client?: BenchClient }

export function produceCommand(p: ProduceSpec, bootstrap: string): string {
  if (p.gen === 'kcat') return `kcat ${produceArgs(kcatProduceOptions(p, bootstrap)).join(' ')}`;
  return perfCommand(perfProduceArgs(p, bootstrap));
}

export function consumeCommand(gen: Gen, bootstrap: string, topic: string, records: number): string {
  return gen === 'kcat' ? `kcat ${consumeArgs(bootstrap, topic).join(' ')} | wc -l` : perfCommand(perfConsumeArgs(bootstrap, topic, records));
}

function kcatProduceOptions(p: ProduceSpec, bootstrap: string) {
  return { bootstrap, topic: p.topic, file: p.file, acks: p.acks, compression: p.compression, queueMessages: Math.max(p.records, 100_000), limit: p.records };
}

function perfProduceArgs(p: ProduceSpec, bootstrap: string): string[] {
  return ['produce', '--bootstrap-server', bootstrap, '--topic', p.topic, '--num-records', String(p.records), '--record-size', String(p.size),
    '--acks', acksName(p.acks), '--compression', p.compression, '--json'];
}

function perfConsumeArgs(bootstrap: string, topic: string, records: number): string[] {
  return ['consume', '--bootstrap-server', bootstrap, '--topic', topic, '--messages', String(records), '--json'];
}

/** How many records the broker holds for `topic` (null sink: its running total). */
async function held(b: Broker, topic: string, partitions: number): Promise<number> {
  if (b.target.recordsReceived) return b.target.recordsReceived();
  return b.client!.endOffsetSum(topic, partitions);
}

/** Waits up to 5 s for the count to reach `want` (acks=0: the broker may still be appending when the generator exits). */
async function settle(b: Broker, topic: string, partitions: number, want: number, before: number): Promise<number> {
  let got = (await held(b, topic, partitions)) - before;
  for (let i = 0; i < 50 && got < want; i++) { await sleep(100); got = (await held(b, topic, partitions)) - before; }
  return got;
}

/** One timed produce run (the topic must exist on samsa beforehand). */
export async function produceRun(ctx: Ctx, b: Broker, p: ProduceSpec, timed = true): Promise<RunSample> {
  const before = b.target.recordsReceived ? await b.target.recordsReceived() : 0;
  if (timed) await quiet(ctx);
  const bootstrap = b.target.bootstrap;
  let note: string | undefined;
  let rate = NaN;
  let latency: Latency | undefined;
  let requests: number | undefined;
  const [r, acc] = await accounted(b.target.pid, async () => {
    if (p.gen === 'kcat') {
      const k = await kcatProduce(kcatProduceOptions(p, bootstrap));
      if (k.code !== 0) note = `kcat exited ${k.code}: ${k.stderr.trim().split('\n').slice(-3).join(' | ')}`;
      rate = p.records / k.seconds;
      return { seconds: k.seconds, genCpu: k.kcatCpu };
    }
    const run = await runPerf(perfProduceArgs(p, bootstrap));
    note = perfProblem(run, p.records);
    rate = run.result?.recordsPerSec ?? NaN;
    latency = run.result?.latencyMs;
    requests = run.result?.wire.produceRequests;
    return { seconds: run.seconds, genCpu: run.genCpu };
  });
  if (note === undefined) {
    const got = await settle(b, p.topic, p.partitions, p.records, before);
    if (got !== p.records) note = `broker holds ${got} of ${p.records} records`;
  }
  return { ...acc, ok: note === undefined, note, rate, wallRate: p.records / r.seconds, latency, requests, topic: p.topic };
}

/** One timed consume run of a whole topic (samsa only). */
export async function consumeRun(ctx: Ctx, b: Broker, gen: Gen, topic: string, records: number): Promise<RunSample> {
  await quiet(ctx);
  let note: string | undefined;
  let rate = NaN;
  let latency: Latency | undefined;
  let requests: number | undefined;
  const [r, acc] = await accounted(b.target.pid, async () => {
    if (gen === 'kcat') {
      const k = await kcatConsume(b.target.bootstrap, topic);
      if (k.code !== 0) note = `kcat exited ${k.code}: ${k.stderr.trim().split('\n').slice(-3).join(' | ')}`;
      else if (k.lines !== records) note = `kcat printed ${k.lines} of ${records} records`;
      rate = records / k.seconds;
      return { seconds: k.seconds, genCpu: k.kcatCpu };
    }
    const run = await runPerf(perfConsumeArgs(b.target.bootstrap, topic, records));
    note = perfProblem(run, records);
    rate = run.result?.recordsPerSec ?? NaN;
    latency = run.result?.latencyMs;
    requests = run.result?.wire.fetchRequests;
    return { seconds: run.seconds, genCpu: run.genCpu };
  });
  return { ...acc, ok: note === undefined, note, rate, wallRate: records / r.seconds, latency, requests, topic };
}
