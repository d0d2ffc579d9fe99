// End-to-end latency at fixed rates: `samsa perf e2e --throughput R` against samsa (the null
// sink serves no Fetch, so there is no baseline), 100 B records, acks=1, 8 partitions, for
// linger.ms 0 (no batching delay in the client), 1 and 5 (the tool's default); then the
// middle rate again on a second layout. Per-thread CPU and context switches come from /proc.
import * as path from 'path';
import { BenchClient } from './bench-client';
import { accounted, fmt1, fmt2, fmtInt, log, quiet, type Ctx } from './measure';
import { perfCommand, perfProblem, runPerf, type Latency } from './perf-tool';
import { LAYOUTS, startSamsaTarget } from './targets';
import { threadDelta, threadSnapshot, type ThreadRow } from './threads';

export interface LatencyOptions { layout: string; rates: number[]; lingers: number[]; seconds: number; size: number; partitions: number; compareLayout: string | null; compareRate: number }

export function latencyOptions(quick: boolean, layout: string): LatencyOptions {
  return { layout, rates: [10_000, 50_000, 100_000], lingers: [0, 1, 5], seconds: quick ? 3 : 8, size: 100, partitions: 8, compareLayout: layout === 'single' ? '2x2' : 'single', compareRate: 50_000 };
}

export interface LatencyRow {
  layout: string; rate: number; linger: number; achieved: number; e2e: Latency | null; ack: Latency | null;
  produceRequests: number; fetchRequests: number; brokerCores: number; otherCores: number; threads: ThreadRow[]; note?: string;
}

export interface LatencyResult { rows: LatencyRow[]; command: string; brokerCommands: string[] }

/** Seconds of each run that are warm-up (--warmup-records: the client process's own JIT and connections), reported apart. */
export const WARMUP_SECONDS = 2;

function args(o: LatencyOptions, bootstrap: string, topic: string, rate: number, linger: number): string[] {
  return ['e2e', '--bootstrap-server', bootstrap, '--topic', topic, '--num-records', String(rate * (o.seconds + WARMUP_SECONDS)),
    '--warmup-records', String(rate * WARMUP_SECONDS), '--throughput', String(rate),
    '--record-size', String(o.size), '--acks', '1', '--linger-ms', String(linger), '--json'];
}

async function onLayout(ctx: Ctx, o: LatencyOptions, key: string, rates: number[], rows: LatencyRow[]): Promise<string> {
  const layout = LAYOUTS[key];
  const target = await startSamsaTarget(layout, path.join(ctx.tmpRoot, `data-latency-${key}`), o.partitions);
  ctx.live.add(target);
  const client = new BenchClient(target.bootstrap);
  try {
    await client.createTopics(['e2e-warmup'], o.partitions);
    await runPerf(args({ ...o, seconds: 2 }, target.bootstrap, 'e2e-warmup', 50_000, 0));
    for (const rate of rates) {
      for (const linger of o.lingers) {
        const topic = `e2e-${rate}-l${linger}`;
        await client.createTopics([topic], o.partitions);
        await quiet(ctx);
        let snap = threadSnapshot(target.pid);
        let threads: ThreadRow[] = [];
        const [run, acc] = await accounted(target.pid, () => runPerf(args(o, target.bootstrap, topic, rate, linger)), {
          before: () => { snap = threadSnapshot(target.pid); },
          after: () => { threads = threadDelta(snap, threadSnapshot(target.pid), target.pid, layout.threading === 'workers' ? layout.io : 0, layout.threading === 'workers' ? layout.network : 0); },
        });
        const r = run.result;
        const note = perfProblem(run, rate * (o.seconds + WARMUP_SECONDS));
        const row: LatencyRow = {
          layout: layout.name, rate, linger, achieved: r?.recordsPerSec ?? NaN, e2e: r?.latencyMs ?? null, ack: r?.produce?.latencyMs ?? null,
          produceRequests: r?.wire.produceRequests ?? NaN, fetchRequests: r?.wire.fetchRequests ?? NaN,
          brokerCores: acc.brokerCpu / acc.seconds, otherCores: acc.otherCpu / acc.seconds, threads, note,
        };
        rows.push(row);
        log(ctx, `  e2e ${layout.name} ${fmtInt(rate)} rec/s linger ${linger}: p50 ${fmt2(row.e2e?.p50 ?? NaN)} ms, p99 ${fmt2(row.e2e?.p99 ?? NaN)} ms, p99.9 ${fmt2(row.e2e?.p999 ?? NaN)} ms, ` +
          `max ${fmt1(row.e2e?.max ?? NaN)} ms; broker ${fmt2(row.brokerCores)} cores, other load ${fmt2(row.otherCores)}${note ? `  FAILED: ${note}` : ''}`);
        await client.deleteTopics([topic]).catch(() => undefined);
      }
    }
  } finally {
    await client.close().catch(() => undefined);
    await target.stop();
    ctx.live.delete(target);
  }
  return target.command;
}

export async function runLatency(ctx: Ctx, o: LatencyOptions): Promise<LatencyResult> {
  const rows: LatencyRow[] = [];
  const brokerCommands = [await onLayout(ctx, o, o.layout, o.rates, rows)];
  if (o.compareLayout) brokerCommands.push(await onLayout(ctx, o, o.compareLayout, [o.compareRate], rows));
  return { rows, command: perfCommand(args(o, '$BOOTSTRAP', 'e2e-50000-l0', 50_000, 0)), brokerCommands };
}

function threadsLine(x: LatencyRow, seconds: number): string {
  const requests = x.produceRequests + x.fetchRequests;
  const busy = x.threads.filter((t) => /worker|main thread/.test(t.label) && (t.cpu > 0.005 || t.voluntary + t.involuntary > 100));
  return busy.map((t) => `${t.label} ${(t.cpu / seconds).toFixed(2)} cores, ${((t.voluntary + t.involuntary) / Math.max(1, requests)).toFixed(1)} switches/request`).join('; ');
}

export function latencyMarkdown(r: LatencyResult, o: LatencyOptions): string {
  const ms = (x: number | undefined) => fmt2(x ?? NaN);
  const lines = [
    `${o.size} B records, acks=1, ${o.partitions} partitions, ${o.seconds} s measured per run, one producer and one consumer connection in one \`samsa perf e2e\` process. ` +
    `Each run starts with ${WARMUP_SECONDS} s of warm-up records (\`--warmup-records\`, reported apart: a fresh client process is still compiling its hot code then), and the broker is warmed up by one run before the table. ` +
    'End-to-end = the consumer counted the record − its due send time (start + k / rate, so a producer falling behind shows up as latency). ' +
    'With linger.ms > 0 the client itself holds a record up to that long before sending it. Broker CPU per request = broker CPU / (Produce + Fetch requests).',
    '',
    '| layout | target rate | linger.ms | achieved rec/s | e2e p50 ms | p95 | **p99** | p99.9 | max | ack p50 / p99 ms | Produce requests | Fetch requests | broker CPU (cores) | broker CPU µs per request | other load |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const x of r.rows) {
    lines.push(`| ${x.layout} | ${fmtInt(x.rate)} | ${x.linger} | ${fmtInt(x.achieved)} | ${ms(x.e2e?.p50)} | ${ms(x.e2e?.p95)} | **${ms(x.e2e?.p99)}** | ${ms(x.e2e?.p999)} | ${ms(x.e2e?.max)} | ` +
      `${ms(x.ack?.p50)} / ${ms(x.ack?.p99)} | ${fmtInt(x.produceRequests)} | ${fmtInt(x.fetchRequests)} | ${fmt2(x.brokerCores)} | ` +
      `${fmtInt(x.brokerCores * o.seconds / (x.produceRequests + x.fetchRequests) * 1e6)} | ${fmt2(x.otherCores)} |${x.note ? ` FAILED: ${x.note}` : ''}`);
  }
  lines.push('', 'Broker threads (from /proc) during the runs at 50,000 records/s:', '');
  for (const x of r.rows.filter((y) => y.rate === 50_000)) lines.push(`- ${x.layout}, linger.ms=${x.linger}: ${threadsLine(x, o.seconds)}`);
  lines.push('', '```sh', ...r.brokerCommands, r.command, '```');
  return lines.join('\n');
}
