// End-to-end latency at fixed rates: `samsa perf e2e --throughput R` against samsa (the null
// sink serves no Fetch, so there is no baseline), 100 B records, acks=1, 8 partitions, for
// linger.ms 0 (no batching delay in the client), 1 and 5 (the tool's default).
import * as path from 'path';
import { BenchClient } from './bench-client';
import { accounted, fmt1, fmt2, fmtInt, log, quiet, type Ctx } from './measure';
import { perfCommand, perfProblem, runPerf, type Latency } from './perf-tool';
import { LAYOUTS, startSamsaTarget } from './targets';

export interface LatencyOptions { layout: string; rates: number[]; lingers: number[]; seconds: number; size: number; partitions: number }

export function latencyOptions(quick: boolean, layout: string): LatencyOptions {
  return { layout, rates: [10_000, 50_000, 100_000], lingers: [0, 1, 5], seconds: quick ? 3 : 8, size: 100, partitions: 8 };
}

export interface LatencyRow {
  rate: number; linger: number; achieved: number; e2e: Latency | null; ack: Latency | null;
  produceRequests: number; fetchRequests: number; brokerCores: number; otherCores: number; note?: string;
}

export interface LatencyResult { rows: LatencyRow[]; command: string; brokerCommand: string; samsaName: string }

function args(o: LatencyOptions, bootstrap: string, topic: string, rate: number, linger: number): string[] {
  return ['e2e', '--bootstrap-server', bootstrap, '--topic', topic, '--num-records', String(rate * o.seconds), '--throughput', String(rate),
    '--record-size', String(o.size), '--acks', '1', '--linger-ms', String(linger), '--json'];
}

export async function runLatency(ctx: Ctx, o: LatencyOptions): Promise<LatencyResult> {
  const target = await startSamsaTarget(LAYOUTS[o.layout], path.join(ctx.tmpRoot, 'data-latency'), o.partitions);
  ctx.live.add(target);
  const client = new BenchClient(target.bootstrap);
  const rows: LatencyRow[] = [];
  try {
    await client.createTopics(['e2e-warmup'], o.partitions);
    await runPerf(args({ ...o, seconds: 2 }, target.bootstrap, 'e2e-warmup', 50_000, 0));
    for (const rate of o.rates) {
      for (const linger of o.lingers) {
        const topic = `e2e-${rate}-l${linger}`;
        await client.createTopics([topic], o.partitions);
        await quiet(ctx);
        const [run, acc] = await accounted(target.pid, () => runPerf(args(o, target.bootstrap, topic, rate, linger)));
        const r = run.result;
        const note = perfProblem(run, rate * o.seconds);
        const row: LatencyRow = {
          rate, linger, achieved: r?.recordsPerSec ?? NaN, e2e: r?.latencyMs ?? null, ack: r?.produce?.latencyMs ?? null,
          produceRequests: r?.wire.produceRequests ?? NaN, fetchRequests: r?.wire.fetchRequests ?? NaN,
          brokerCores: acc.brokerCpu / acc.seconds, otherCores: acc.otherCpu / acc.seconds, note,
        };
        rows.push(row);
        log(ctx, `  e2e ${fmtInt(rate)} rec/s linger ${linger}: p50 ${fmt2(row.e2e?.p50 ?? NaN)} ms, p99 ${fmt2(row.e2e?.p99 ?? NaN)} ms, p99.9 ${fmt2(row.e2e?.p999 ?? NaN)} ms, ` +
          `max ${fmt1(row.e2e?.max ?? NaN)} ms; broker ${fmt2(row.brokerCores)} cores, other load ${fmt2(row.otherCores)}${note ? `  FAILED: ${note}` : ''}`);
        await client.deleteTopics([topic]).catch(() => undefined);
      }
    }
  } finally {
    await client.close().catch(() => undefined);
    await target.stop();
    ctx.live.delete(target);
  }
  return { rows, command: perfCommand(args(o, '$BOOTSTRAP', 'e2e-50000-l0', 50_000, 0)), brokerCommand: target.command, samsaName: target.name };
}

export function latencyMarkdown(r: LatencyResult, o: LatencyOptions): string {
  const ms = (x: number | undefined) => fmt2(x ?? NaN);
  const lines = [
    `${o.size} B records, acks=1, ${o.partitions} partitions, ${o.seconds} s per rate (after a 2 s warm-up), one producer and one consumer connection, ${r.samsaName}. ` +
    'End-to-end = the consumer counted the record − its due send time (start + k / rate, so a producer falling behind shows up as latency). ' +
    'With linger.ms=5 (the tool\'s default) the client itself holds a record up to 5 ms before sending it.',
    '',
    '| target rate | linger.ms | achieved rec/s | e2e p50 ms | p95 | **p99** | p99.9 | max | ack p50 / p99 ms | Produce requests | Fetch requests | broker CPU (cores) | broker CPU µs per request | other load |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const x of r.rows) {
    lines.push(`| ${fmtInt(x.rate)} | ${x.linger} | ${fmtInt(x.achieved)} | ${ms(x.e2e?.p50)} | ${ms(x.e2e?.p95)} | **${ms(x.e2e?.p99)}** | ${ms(x.e2e?.p999)} | ${ms(x.e2e?.max)} | ` +
      `${ms(x.ack?.p50)} / ${ms(x.ack?.p99)} | ${fmtInt(x.produceRequests)} | ${fmtInt(x.fetchRequests)} | ${fmt2(x.brokerCores)} | ${fmtInt(x.brokerCores * o.seconds / (x.produceRequests + x.fetchRequests) * 1e6)} | ${fmt2(x.otherCores)} |${x.note ? ` FAILED: ${x.note}` : ''}`);
  }
  lines.push('', '```sh', r.brokerCommand, r.command, '```');
  return lines.join('\n');
}
