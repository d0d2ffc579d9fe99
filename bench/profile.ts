// Where the time goes: samsa under kcat's ingest load, once without the profiler (CPU and
// context switches per thread from /proc) and once under `node --cpu-prof` (self time per
// function per thread, only samples inside the timed run).
import * as fs from 'fs';
import * as path from 'path';
import { profileMarkdown, summarizeProfile, type ThreadProfile } from './cpuprofile';
import { ensureTopic, kcatProduce } from './kcat';
import { produceOnce, type LayoutOptions } from './layouts';
import { log, type Around, type Ctx } from './measure';
import type { Sample } from './report';
import { LAYOUTS, REPO, startSamsaTarget, type Target } from './targets';
import { threadDelta, threadMarkdown, threadSnapshot, type ThreadRow, type ThreadStat } from './threads';

export interface ProfileResult {
  key: string; rate: number; ok: boolean; otherCores: number; threads: ThreadProfile[]; dir: string; command: string; records: number; valueBytes: number;
  plain: { rate: number; ok: boolean; seconds: number; otherCores: number; rows: ThreadRow[]; brokerUs: number };
}

/** Starts samsa, warms it up, produces `records` once (timed), stops it. */
async function produceSession(ctx: Ctx, o: LayoutOptions, key: string, file: string, records: number, nodeArgs: string[], around?: (t: Target) => Around): Promise<{ sample: Sample; command: string }> {
  const dataDir = path.join(ctx.tmpRoot, `prof-${key}`);
  const target = await startSamsaTarget(LAYOUTS[key], dataDir, o.partitions, nodeArgs);
  ctx.live.add(target);
  try {
    await ensureTopic(target.bootstrap, 'bench-prof-warmup', o.partitions);
    await kcatProduce({ bootstrap: target.bootstrap, topic: 'bench-prof-warmup', file, acks: o.acks, queueMessages: records, limit: Math.ceil(records / 10) });
    const sample = await produceOnce(ctx, o, target, 'bench-prof', file, records, around?.(target));
    return { sample, command: target.command };
  } finally {
    await target.stop();
    ctx.live.delete(target);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function profileLayout(ctx: Ctx, o: LayoutOptions, key: string, file: string, valueBytes: number): Promise<ProfileResult> {
  const layout = LAYOUTS[key];
  const records = o.records[valueBytes];
  let rows: ThreadRow[] = [];
  let snap: Map<number, ThreadStat> = new Map();
  const plainRun = await produceSession(ctx, o, key, file, records, [], (t) => ({
    before: () => { snap = threadSnapshot(t.pid); },
    after: () => {
      rows = threadDelta(snap, threadSnapshot(t.pid), t.pid, layout.threading === 'workers' ? layout.io : 0, layout.threading === 'workers' ? layout.network : 0);
    },
  }));
  const ps = plainRun.sample;
  const plain = { rate: records / ps.seconds, ok: ps.ok, seconds: ps.seconds, otherCores: ps.otherCpu / ps.seconds, rows, brokerUs: ps.brokerCpu / records * 1e6 };
  log(ctx, `threads of ${layout.name} (no profiler, ${Math.round(plain.rate).toLocaleString('en-US')} rec/s, other load ${plain.otherCores.toFixed(2)} cores): ` +
    rows.filter((r) => r.cpu >= 0.01).map((r) => `${r.label} ${r.cpu.toFixed(2)} s/${r.voluntary + r.involuntary} switches`).join(', '));
  const dir = path.join(REPO, 'bench', 'profiles', key);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { sample, command } = await produceSession(ctx, o, key, file, records, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const threads = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()
    .map((f) => summarizeProfile(path.join(dir, f), REPO, 20, sample.window))
    .sort((a, b) => b.busyMs - a.busyMs);
  log(ctx, `profiled ${layout.name}: ${Math.round(records / sample.seconds).toLocaleString('en-US')} rec/s under the profiler, other load ${(sample.otherCpu / sample.seconds).toFixed(2)} cores; ${threads.length} profiles in ${path.relative(REPO, dir)}`);
  for (const t of threads) log(ctx, `  ${t.thread}: busy ${(t.busyMs / 1000).toFixed(2)} s; top: ${t.functions.slice(0, 5).map((f) => `${f.name} ${(f.share * 100).toFixed(1)}%`).join(', ')}`);
  return { key, rate: records / sample.seconds, ok: sample.ok, otherCores: sample.otherCpu / sample.seconds, threads, dir, command, plain, records, valueBytes };
}

/** Files (not functions) that take the most of all busy threads together, for the summary. */
export function topFiles(p: ProfileResult, n = 6): { name: string; share: number }[] {
  const agg = new Map<string, number>();
  let busy = 0;
  for (const t of p.threads) {
    busy += t.busyMs;
    for (const f of t.files) agg.set(f.name, (agg.get(f.name) ?? 0) + f.ms);
  }
  return [...agg].map(([name, ms]) => ({ name, share: busy > 0 ? ms / busy : 0 })).sort((a, b) => b.share - a.share).slice(0, n);
}

export function profilesMarkdown(ps: ProfileResult[]): string {
  const out: string[] = [];
  for (const p of ps) {
    out.push(`#### ${LAYOUTS[p.key].name}: ${Math.round(p.rate).toLocaleString('en-US')} records/s under the profiler (other load ${p.otherCores.toFixed(2)} cores)${p.ok ? '' : ' (run FAILED verification)'}`, '',
      `kcat produces ${p.records.toLocaleString('en-US')} records of ${p.valueBytes} B (acks=1, 8 partitions) after a 10% warm-up.`, '',
      '```sh', p.command.replace(/--cpu-prof-dir=\S+/, `--cpu-prof-dir=${path.relative(REPO, p.dir)}`), '```', '');
    out.push(`Threads from /proc during a run without the profiler (${Math.round(p.plain.rate).toLocaleString('en-US')} records/s, broker ${p.plain.brokerUs.toFixed(2)} µs CPU/record, other load ${p.plain.otherCores.toFixed(2)} cores${p.plain.ok ? '' : ', FAILED verification'}):`, '',
      threadMarkdown(p.plain.rows, p.plain.seconds, p.records), '');
    out.push(`All busy threads together, by file: ${topFiles(p, 8).map((f) => `${f.name} ${(f.share * 100).toFixed(1)}%`).join(' · ')}`, '');
    const idle = p.threads.filter((t) => t.busyMs < 5);
    for (const t of p.threads) if (!idle.includes(t)) out.push(profileMarkdown(t, 12, 8));
    if (idle.length) out.push(`Idle during the run (under 5 ms busy): ${idle.map((t) => t.thread).join(', ')}.`, '');
  }
  return out.join('\n');
}
