// The whole benchmark suite in one command (`npm run bench`), writing bench/RESULTS.md:
//   1 matrix       produce/consume, 100 B and 1 KiB × acks 0/1/all × none/lz4 × 1/8 partitions, kcat and
//                  samsa perf, samsa and the null sink; headline cells repeated for medians
//   2 layouts      N processors × M handlers (1×1, 1×2, 2×2, single) with kcat
//   3 latency      samsa perf e2e at 10k / 50k / 100k records/s
//   4 connections  10,000 idle connections: memory per connection, latency of one active client
//   5 partitions   10,000 partitions: memory, restart-to-ready (clean and after SIGKILL)
//   6 embedded     startBroker() start-to-ready (bench/embedded-start.js)
//   7 profile      CPU profile of samsa under kcat ingest, per thread; produce path step by step
// After a build: node dist/bench/run.js [--quick] [--only a,b | --skip a,b] [--layout 2x2] [--runs 3]
//   [--targets null,1x1,1x2,2x2,single] [--profile 2x2,1x1 | --no-profile] [--no-stages]
//   [--quiet-wait-ms 8000] [--out bench/RESULTS.md | --no-write]
// Data files and broker log dirs live under os.tmpdir() and are removed afterwards; profiles go
// to bench/profiles/ (ignored by git).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connectionsMarkdown, connOptions, runConnections, type ConnResult } from './connections';
import { embeddedMarkdown, runEmbedded, type EmbeddedResult } from './embedded';
import { latencyMarkdown, latencyOptions, runLatency, type LatencyResult } from './latency';
import { layoutFiles, layoutOptions, layoutsMarkdown, runLayouts, type LayoutResult } from './layouts';
import { matrixOptions, runMatrix, type MatrixResult } from './matrix';
import { matrixMarkdown } from './matrix-report';
import { loadavg, log, type Ctx } from './measure';
import { partitionOptions, partitionsMarkdown, runPartitions, type PartitionResult } from './partitions';
import { profileLayout, profilesMarkdown, type ProfileResult } from './profile';
import { machineInfo } from './sys';
import { measureStages, stagesMarkdown, type StageResult } from './stages';
import { summaryMarkdown, writeResults } from './summary';
import { LAYOUTS, REPO, type Target } from './targets';

export const SECTIONS = ['matrix', 'layouts', 'latency', 'connections', 'partitions', 'embedded', 'profile'] as const;
export type Section = typeof SECTIONS[number];

export interface Options {
  quick: boolean; sections: Section[]; layout: string; runs?: number; targets: string[]; profile: string[]; stages: boolean;
  quietWaitMs: number; out: string | null; argv: string[];
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const list = (name: string, def: string) => (get(name) ?? def).split(',').map((s) => s.trim()).filter(Boolean);
  const only = list('--only', SECTIONS.join(','));
  const skip = list('--skip', '');
  for (const s of [...only, ...skip]) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section ${s} (${SECTIONS.join(', ')})`);
  const targets = list('--targets', 'null,1x1,1x2,2x2,single');
  const layout = get('--layout') ?? '2x2';
  for (const t of [...targets.filter((x) => x !== 'null'), layout]) if (!LAYOUTS[t]) throw new Error(`unknown layout ${t} (${Object.keys(LAYOUTS).join(', ')})`);
  const quick = argv.includes('--quick');
  return {
    quick, sections: SECTIONS.filter((s) => only.includes(s) && !skip.includes(s)), layout, runs: get('--runs') ? Number(get('--runs')) : undefined, targets,
    profile: argv.includes('--no-profile') ? [] : list('--profile', quick ? layout : `${layout},1x1`), stages: !argv.includes('--no-stages') && !quick,
    quietWaitMs: Number(get('--quiet-wait-ms') ?? 8000), out: argv.includes('--no-write') ? null : path.resolve(REPO, get('--out') ?? 'bench/RESULTS.md'), argv,
  };
}

export interface Results {
  matrix?: MatrixResult; layouts?: LayoutResult; latency?: LatencyResult; connections?: ConnResult; partitions?: PartitionResult;
  embedded?: EmbeddedResult; profiles: ProfileResult[]; stages: [number, StageResult][];
  errors: Map<Section, string>; timings: Map<Section, number>; loadStart: string; loadEnd: string; minutes: number;
}

const ctx: Ctx = { tmpRoot: '', quick: false, quietWaitMs: 8000, live: new Set<Target>(), started: Date.now() };

async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  ctx.quick = o.quick;
  ctx.quietWaitMs = o.quietWaitMs;
  ctx.tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-bench-'));
  const info = machineInfo();
  const res: Results = { profiles: [], stages: [], errors: new Map(), timings: new Map(), loadStart: loadavg(), loadEnd: '', minutes: 0 };
  log(ctx, `samsa bench${o.quick ? ' (quick)' : ''}: ${info.cpus} CPUs, ${info.memGiB} GiB, node ${info.node}, kcat ${info.kcat}; load average ${res.loadStart}; sections ${o.sections.join(', ')}`);
  const mo = matrixOptions(o.quick, o.layout, o.runs);
  const lo = layoutOptions(o.quick, o.targets, o.runs);
  const eo = latencyOptions(o.quick, o.layout);
  const co = connOptions(o.quick, o.layout);
  const po = partitionOptions(o.quick, o.layout);
  const section = async (s: Section, fn: () => Promise<void>) => {
    if (!o.sections.includes(s)) return;
    const t0 = Date.now();
    log(ctx, `== ${s} (load average ${loadavg()})`);
    try { await fn(); } catch (err) {
      res.errors.set(s, (err as Error).stack ?? String(err));
      log(ctx, `== ${s} FAILED: ${(err as Error).stack ?? err}`);
    }
    res.timings.set(s, (Date.now() - t0) / 1000);
    log(ctx, `== ${s} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  };
  try {
    await section('matrix', async () => { res.matrix = await runMatrix(ctx, mo); });
    await section('layouts', async () => { res.layouts = await runLayouts(ctx, lo); });
    await section('latency', async () => { res.latency = await runLatency(ctx, eo); });
    await section('connections', async () => { res.connections = await runConnections(ctx, co); });
    await section('partitions', async () => { res.partitions = await runPartitions(ctx, po); });
    await section('embedded', async () => {
      res.embedded = await runEmbedded(o.quick ? 3 : 10);
      log(ctx, res.embedded.rows.map((r) => `  ${r.name}: ${r.median.toFixed(1)} ms`).join('\n'));
    });
    await section('profile', async () => {
      const files = layoutFiles(ctx, lo);
      for (const key of o.profile) res.profiles.push(await profileLayout(ctx, lo, key, files[100], 100));
      if (o.stages) {
        for (const size of lo.sizes) {
          const st = await measureStages(lo.records[size], size, ctx.tmpRoot);
          res.stages.push([size, st]);
          log(ctx, `produce path steps, ${size} B:\n${stagesMarkdown(st, size)}`);
        }
      }
    });
    res.loadEnd = loadavg();
    res.minutes = (Date.now() - ctx.started) / 60000;
    const summary = summaryMarkdown(res, { matrix: mo, latency: eo });
    log(ctx, `\n${summary}\n\ntotal ${res.minutes.toFixed(1)} min; load average at the end ${res.loadEnd}`);
    if (o.out) {
      writeResults(o.out, generated(o, info, res, summary, { mo, lo, eo, co, po }));
      log(ctx, `wrote ${path.relative(REPO, o.out)}`);
    }
  } finally {
    fs.rmSync(ctx.tmpRoot, { recursive: true, force: true });
  }
}

function generated(o: Options, info: ReturnType<typeof machineInfo>, r: Results, summary: string, opts: {
  mo: ReturnType<typeof matrixOptions>; lo: ReturnType<typeof layoutOptions>; eo: ReturnType<typeof latencyOptions>;
  co: ReturnType<typeof connOptions>; po: ReturnType<typeof partitionOptions>;
}): string {
  const out: string[] = [
    '## Summary', '', summary, '',
    '## Setup', '',
    `- date: ${info.date}`,
    `- machine: ${info.cpus} CPUs (\`nproc\`), ${info.cpuModel}, ${info.memGiB} GiB memory, ${info.os}`,
    `- open files: the connection and partition scenarios start the broker and the idle-connection client through \`bash -c 'ulimit -n 65536 || ulimit -n <hard limit>; exec …'\`; here that gives ${fdLimit()} (soft limit ${softFdLimit()})`,
    `- node ${info.node}; kcat ${info.kcat}`,
    `- command: \`npm run bench${o.argv.length ? ` -- ${o.argv.join(' ')}` : ''}\` (= \`tsc -p . && node dist/bench/run.js${o.argv.length ? ` ${o.argv.join(' ')}` : ''}\`)`,
    `- load average at start ${r.loadStart}, at the end ${r.loadEnd}. The box is shared: before every timed run the bench waits (up to ${o.quietWaitMs / 1000} s) for 85% idle CPU, and "other load" is the CPU other processes used during a run, in cores`,
    `- whole suite: ${r.minutes.toFixed(1)} min (${[...r.timings].map(([s, t]) => `${s} ${(t / 60).toFixed(1)}`).join(', ')} min)`,
    `- samsa layout for the matrix, latency, connections and partitions: ${LAYOUTS[o.layout].name} (num.network.threads × num.io.threads, as in config/server.properties)`,
    '',
  ];
  const err = (s: Section) => (r.errors.has(s) ? [`**Section failed:**`, '', '```', r.errors.get(s)!, '```', ''] : []);
  if (o.sections.includes('matrix')) {
    out.push('## 1. Ingest and consume: samsa vs the null sink', '',
      'The null sink (`bench/null-sink.ts`) answers ApiVersions, Metadata and Produce on one thread and discards the data: the ceiling for a given load generator. ' +
      'kcat (librdkafka) reads `key:value` lines from a file (`-X linger.ms=5 -X batch.num.messages=10000`); `samsa perf produce` builds batches straight into buffers (batch.size 16384, linger 5 ms, 5 requests in flight). ' +
      'kcat rates are records / wall time from spawn to exit; samsa perf rates are its own first-send-to-last-ack rate. A produce run counts only if the broker holds exactly the records sent ' +
      '(samsa: sum of end offsets; null sink: its count); a consume run only if the consumer counted every record. Consume timings: kcat from spawn until `-e` exits (includes ~0.5 s start-up and its final long poll); ' +
      'samsa perf from its first Fetch to the last record (it counts records from batch headers, so lz4 batches are not decompressed, while kcat decompresses them).', '');
    if (r.matrix) out.push(matrixMarkdown(r.matrix, opts.mo), '');
    out.push(...err('matrix'));
  }
  if (o.sections.includes('layouts')) {
    out.push('## 2. Thread layouts (kcat, null sink and each samsa layout)', '');
    if (r.layouts) out.push(layoutsMarkdown(r.layouts, opts.lo), '');
    out.push(...err('layouts'));
  }
  if (o.sections.includes('latency')) {
    out.push('## 3. End-to-end latency at fixed rates', '');
    if (r.latency) out.push(latencyMarkdown(r.latency, opts.eo), '');
    out.push(...err('latency'));
  }
  if (o.sections.includes('connections')) {
    out.push(`## 4. ${opts.co.count.toLocaleString('en-US')} concurrent connections`, '');
    if (r.connections) out.push(connectionsMarkdown(r.connections, opts.co), '');
    out.push(...err('connections'));
  }
  if (o.sections.includes('partitions')) {
    out.push(`## 5. ${(opts.po.topics * opts.po.partitions).toLocaleString('en-US')} partitions on one broker`, '');
    if (r.partitions) out.push(partitionsMarkdown(r.partitions, opts.po), '');
    out.push(...err('partitions'));
  }
  if (o.sections.includes('embedded')) {
    out.push('## 6. Embedded broker start-to-ready', '');
    if (r.embedded) out.push(embeddedMarkdown(r.embedded), '');
    out.push(...err('embedded'));
  }
  if (o.sections.includes('profile')) {
    out.push('## 7. Where the time goes: CPU profiles under ingest', '',
      'samsa under `node --cpu-prof` (workers are profiled too: one file per thread). Self time per function as a share of the thread\'s busy (non-idle) time, only samples inside the timed run. ' +
      'Samples are taken on a wall-clock timer, so "busy" includes time a runnable thread waited for a CPU; the /proc table gives the CPU each thread really used.', '');
    out.push(profilesMarkdown(r.profiles), '');
    if (r.stages.length) {
      out.push('### Produce path, step by step', '',
        'kcat\'s Produce requests captured by an in-process null sink, then each step of samsa\'s produce path replayed over all of them with samsa\'s own functions on one otherwise idle thread (`node dist/bench/stages.js`).', '');
      for (const [size, st] of r.stages) out.push(`#### ${size} B values`, '', stagesMarkdown(st, size), '');
    }
    out.push(...err('profile'));
  }
  return out.join('\n');
}

function fdLimit(): string {
  try { return execFileSync('bash', ['-c', 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; ulimit -n'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
}

function softFdLimit(): string {
  try { return execFileSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
}

async function shutdown(code: number): Promise<never> {
  await Promise.all([...ctx.live].map((t) => t.stop().catch(() => undefined)));
  if (ctx.tmpRoot) fs.rmSync(ctx.tmpRoot, { recursive: true, force: true });
  process.exit(code);
}

if (require.main === module) {
  process.on('SIGINT', () => { void shutdown(130); });
  process.on('SIGTERM', () => { void shutdown(143); });
  main(process.argv.slice(2)).then(() => process.exit(0), (err) => { process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`); void shutdown(1); });
}
