// 10,000 partitions on one broker (100 topics × 100 partitions, a few records each): broker
// memory, and restart-to-ready time after a clean stop (SIGTERM) and after SIGKILL (recovery),
// from spawn until the broker lists every topic with all partitions led (Metadata) and until
// ListOffsets answers every partition with its end offset; `kcat -L` confirms afterwards.
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BenchClient, ReadinessProbe, type Expectation } from './bench-client';
import { fdCount, fmtInt, log, rssBytes, sleep, type Ctx } from './measure';
import { summarizeProfile } from './cpuprofile';
import { LAYOUTS, REPO, startSamsaTarget, type Target } from './targets';
import { Producer } from '../src/client';

export interface PartitionOptions { layout: string; topics: number; partitions: number; recordsPerPartition: number; restarts: number }

export function partitionOptions(quick: boolean, layout: string): PartitionOptions {
  return { layout, topics: 100, partitions: 100, recordsPerPartition: 3, restarts: quick ? 1 : 2 };
}

export interface Restart {
  kind: 'clean (SIGTERM)' | 'after SIGKILL (recovery)';
  stopMs: number; startedLineMs: number; metadataMs: number; offsetsMs: number; rss: number; fds: number;
  kcatTopics: number; kcatMs: number; detail?: string;
}

export interface PartitionResult {
  topics: number;
  createMs: number; produceMs: number; rssEmpty: number; rssLoaded: number; fdsLoaded: number; metadataRoundTripMs: number;
  restarts: Restart[]; command: string; samsaName: string; error?: string;
  /** where the time of one more SIGKILL restart (under node --cpu-prof) went, spawn → ready, all threads */
  recoveryProfile?: { busyMs: number; wallMs: number; threads: number; top: { name: string; where: string; ms: number; share: number }[]; dir: string };
  /** when recovery at full size failed for lack of file descriptors: the same at a size that fits */
  fallback?: PartitionResult;
}

/** Topics (of o.partitions) whose log + index + time index fds fit under the hard fd limit, with room for sockets. */
function fittingTopics(o: PartitionOptions): number {
  let hard = 20000;
  try { hard = Number(execFileSync('bash', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim()) || hard; } catch { /* keep */ }
  return Math.max(1, Math.min(o.topics, Math.floor((hard - 2000) / 3 / o.partitions / 10) * 10));
}

const name = (i: number) => `p10k-${String(i).padStart(3, '0')}`;

/** Self time by function over every thread's profile, inside `window`. */
function summarizeRecovery(dir: string, window: [number, number]): NonNullable<PartitionResult['recoveryProfile']> {
  const agg = new Map<string, { name: string; where: string; ms: number; share: number }>();
  let busyMs = 0; let wallMs = 0; let threads = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) {
    const t = summarizeProfile(path.join(dir, f), REPO, 200, window);
    threads++;
    busyMs += t.busyMs;
    wallMs = Math.max(wallMs, t.wallMs);
    for (const r of t.functions) {
      const k = `${r.name}\u0000${r.where}`;
      const a = agg.get(k) ?? { name: r.name, where: r.where, ms: 0, share: 0 };
      a.ms += r.ms;
      agg.set(k, a);
    }
  }
  const top = [...agg.values()].map((r) => ({ ...r, share: busyMs > 0 ? r.ms / busyMs : 0 })).sort((a, b) => b.ms - a.ms).slice(0, 10);
  return { busyMs, wallMs, threads, top, dir };
}

/** kcat -L: how many topics of the expected partition count it lists, and how long it took. */
function kcatTopics(bootstrap: string, partitions: number): Promise<{ count: number; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile('kcat', ['-L', '-b', bootstrap, '-m', '30'], { maxBuffer: 256 << 20, timeout: 60_000 }, (_err, stdout) => {
      const count = [...String(stdout).matchAll(/topic "p10k-\d+" with (\d+) partitions/g)].filter((m) => Number(m[1]) === partitions).length;
      resolve({ count, ms: Date.now() - t0 });
    });
  });
}

async function timedStart(ctx: Ctx, o: PartitionOptions, dataDir: string, port: number, e: Expectation, nodeArgs: string[] = []): Promise<{ target: Target; startedLineMs: number; metadataMs: number; offsetsMs: number; detail?: string }> {
  const probe = new ReadinessProbe('127.0.0.1', port);
  const t0 = Date.now();
  let target: Target | undefined;
  let failed: Error | undefined;
  const starting = startSamsaTarget(LAYOUTS[o.layout], dataDir, 8, nodeArgs, { port, raiseFdLimit: true, timeoutMs: 180_000 })
    .then((t) => { target = t; ctx.live.add(t); }, (err) => { failed = err as Error; });
  let metadataMs = NaN;
  let offsetsMs = NaN;
  while (Date.now() - t0 < 180_000 && failed === undefined) {
    const stage = await probe.probe(e);
    if (stage !== 'down' && Number.isNaN(metadataMs)) metadataMs = Date.now() - t0;
    if (stage === 'offsets') { offsetsMs = Date.now() - t0; break; }
    await sleep(20);
  }
  probe.close();
  await starting;
  if (failed || !target) throw failed ?? new Error('samsa did not start');
  return { target, startedLineMs: target.startedMs ?? NaN, metadataMs, offsetsMs, detail: Number.isNaN(offsetsMs) ? probe.detail : undefined };
}

export async function runPartitions(ctx: Ctx, o: PartitionOptions): Promise<PartitionResult> {
  const kinds: Restart['kind'][] = [];
  for (let i = 0; i < o.restarts; i++) kinds.push('clean (SIGTERM)');
  for (let i = 0; i < o.restarts; i++) kinds.push('after SIGKILL (recovery)');
  const res = await scenario(ctx, o, 'data-partitions', kinds);
  if (res.error && /EMFILE/.test(res.error) && kinds.some((k) => !res.restarts.some((r) => r.kind === k))) {
    const topics = fittingTopics(o);
    log(ctx, `  recovery ran out of file descriptors; the same with ${topics} topics (${fmtInt(topics * o.partitions)} partitions), SIGKILL restarts only`);
    res.fallback = await scenario(ctx, { ...o, topics }, 'data-partitions-fallback', kinds.filter((k) => k !== 'clean (SIGTERM)'));
  }
  return res;
}

async function scenario(ctx: Ctx, o: PartitionOptions, dirName: string, kinds: Restart['kind'][]): Promise<PartitionResult> {
  const dataDir = path.join(ctx.tmpRoot, dirName);
  let target = await startSamsaTarget(LAYOUTS[o.layout], dataDir, 8, [], { raiseFdLimit: true });
  ctx.live.add(target);
  const res: PartitionResult = { topics: o.topics, createMs: NaN, produceMs: NaN, rssEmpty: 0, rssLoaded: 0, fdsLoaded: 0, metadataRoundTripMs: NaN, restarts: [], command: target.command, samsaName: target.name };
  try {
    await sleep(1000);
    res.rssEmpty = rssBytes(target.pid);
    const topics = Array.from({ length: o.topics }, (_, i) => name(i));
    const client = new BenchClient(target.bootstrap);
    let t0 = Date.now();
    try { await client.createTopics(topics, o.partitions, 10); } finally { await client.close().catch(() => undefined); }
    res.createMs = Date.now() - t0;
    log(ctx, `  created ${o.topics} topics × ${o.partitions} partitions in ${(res.createMs / 1000).toFixed(1)} s`);
    t0 = Date.now();
    const producer = new Producer({ bootstrap: target.bootstrap, acks: 1, lingerMs: 5 });
    try {
      const sends: Promise<unknown>[] = [];
      const value = Buffer.alloc(100, 0x61);
      for (const topic of topics) for (let p = 0; p < o.partitions; p++) for (let r = 0; r < o.recordsPerPartition; r++) sends.push(producer.send({ topic, partition: p, value }));
      await Promise.all(sends);
    } finally { await producer.close(); }
    res.produceMs = Date.now() - t0;
    await sleep(2000);
    res.rssLoaded = rssBytes(target.pid);
    res.fdsLoaded = fdCount(target.pid);
    const e: Expectation = { topics, partitions: o.partitions, endOffset: o.recordsPerPartition };
    const [host, portS] = target.bootstrap.split(':');
    const port = Number(portS);
    const probe = new ReadinessProbe(host, port);
    await probe.probe(e);
    t0 = Date.now();
    const stage = await probe.probe(e);
    res.metadataRoundTripMs = Date.now() - t0;
    probe.close();
    if (stage !== 'offsets') throw new Error(`before any restart: ${probe.detail}`);
    log(ctx, `  ${fmtInt(o.topics * o.partitions * o.recordsPerPartition)} records in ${(res.produceMs / 1000).toFixed(1)} s; RSS ${(res.rssEmpty / 2 ** 20).toFixed(0)} → ${(res.rssLoaded / 2 ** 20).toFixed(0)} MiB, ${res.fdsLoaded} fds; Metadata + ListOffsets of all partitions ${res.metadataRoundTripMs} ms`);
    for (const kind of kinds) {
      const s0 = Date.now();
      if (kind === 'clean (SIGTERM)') await target.stop(); else await target.kill!();
      const stopMs = Date.now() - s0;
      ctx.live.delete(target);
      const st = await timedStart(ctx, o, dataDir, port, e);
      target = st.target;
      await sleep(500);
      const k = await kcatTopics(target.bootstrap, o.partitions);
      const r: Restart = { kind, stopMs, startedLineMs: st.startedLineMs, metadataMs: st.metadataMs, offsetsMs: st.offsetsMs, rss: rssBytes(target.pid), fds: fdCount(target.pid), kcatTopics: k.count, kcatMs: k.ms, detail: st.detail };
      res.restarts.push(r);
      log(ctx, `  restart ${kind}: stop ${(stopMs / 1000).toFixed(1)} s; spawn → "started" ${(r.startedLineMs / 1000).toFixed(2)} s, → all topics in Metadata ${(r.metadataMs / 1000).toFixed(2)} s, ` +
        `→ every partition's end offset ${(r.offsetsMs / 1000).toFixed(2)} s; kcat -L lists ${k.count} topics of ${o.partitions} partitions (${k.ms} ms)${r.detail ? `; NOT READY: ${r.detail}` : ''}`);
    }
    if (kinds.includes('after SIGKILL (recovery)')) {
      await target.kill!();
      ctx.live.delete(target);
      const dir = path.join(REPO, 'bench', 'profiles', 'recovery');
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const from = Number(process.hrtime.bigint() / 1000n);
      const st = await timedStart(ctx, o, dataDir, port, e, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      const to = Number(process.hrtime.bigint() / 1000n);
      target = st.target;
      await target.stop(); // profiles are written at exit
      ctx.live.delete(target);
      res.recoveryProfile = summarizeRecovery(dir, [from, to]);
      log(ctx, `  profiled recovery (${(st.offsetsMs / 1000).toFixed(2)} s under the profiler): ${res.recoveryProfile.top.slice(0, 6).map((f) => `${f.name} ${(f.share * 100).toFixed(0)}%`).join(', ')}`);
    }
  } catch (err) {
    res.error = (err as Error).message;
    log(ctx, `  ${fmtInt(o.topics * o.partitions)} partitions FAILED: ${res.error}\n--- log tail:\n${target.logTail().split('\n').slice(-5).join('\n')}`);
  } finally {
    await target.stop();
    ctx.live.delete(target);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return res;
}

export function partitionsMarkdown(r: PartitionResult, o: PartitionOptions): string {
  const n = o.topics * o.partitions;
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
  const lines = [
    `${r.samsaName}, ${fmtInt(o.topics)} topics × ${fmtInt(o.partitions)} partitions = ${fmtInt(n)} partitions, ${o.recordsPerPartition} records of 100 B in each (samsa's client, acks=1). ` +
    `Created in ${s(r.createMs)} (CreateTopics, 10 topics a request), records written in ${s(r.produceMs)}. ` +
    `Broker RSS: ${(r.rssEmpty / 2 ** 20).toFixed(0)} MiB empty → **${(r.rssLoaded / 2 ** 20).toFixed(0)} MiB** with ${fmtInt(n)} partitions ` +
    `(${((r.rssLoaded - r.rssEmpty) / n / 1024).toFixed(1)} KiB per partition), ${r.fdsLoaded} open fds. One Metadata (all topics) + one ListOffsets (all partitions) round trip: ${r.metadataRoundTripMs} ms.`,
    '',
    'Restart: the broker is stopped (SIGTERM and wait for exit, or SIGKILL), then started again on the same data dir and port. Times from spawn: the "samsa started" log line; ' +
    'the first Metadata answer listing every topic with all partitions led and error-free (the probe polls every 20 ms); the first ListOffsets answer giving every partition its end offset.',
    '',
    '| restart | stop took | spawn → "started" | spawn → Metadata complete | **spawn → all partitions serve** | RSS after | fds | `kcat -L` lists (time) |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const x of r.restarts) {
    lines.push(`| ${x.kind} | ${s(x.stopMs)} | ${s(x.startedLineMs)} | ${s(x.metadataMs)} | **${s(x.offsetsMs)}** | ${(x.rss / 2 ** 20).toFixed(0)} MiB | ${x.fds} | ${x.kcatTopics} of ${o.topics} topics (${x.kcatMs} ms)${x.detail ? ` — NOT READY: ${x.detail}` : ''} |`);
  }
  if (r.error) lines.push('', `**FAILED:** ${r.error}`);
  if (r.fallback) {
    const f = r.fallback;
    lines.push('', `Recovery again with ${fmtInt(f.topics)} topics × ${fmtInt(o.partitions)} partitions = ${fmtInt(f.topics * o.partitions)} partitions (the full count failed at the fd limit; this many fit it): ` +
      `RSS ${(f.rssLoaded / 2 ** 20).toFixed(0)} MiB, ${f.fdsLoaded} fds before the kill.`, '',
      '| restart | stop took | spawn → "started" | spawn → Metadata complete | **spawn → all partitions serve** | RSS after | fds | `kcat -L` lists (time) |',
      '|---|---:|---:|---:|---:|---:|---:|---|');
    for (const x of f.restarts) {
      lines.push(`| ${x.kind} | ${s(x.stopMs)} | ${s(x.startedLineMs)} | ${s(x.metadataMs)} | **${s(x.offsetsMs)}** | ${(x.rss / 2 ** 20).toFixed(0)} MiB | ${x.fds} | ${x.kcatTopics} of ${f.topics} topics (${x.kcatMs} ms)${x.detail ? ` — NOT READY: ${x.detail}` : ''} |`);
    }
    if (f.error) lines.push('', `**FAILED:** ${f.error}`);
  }
  const prof = r.recoveryProfile ?? r.fallback?.recoveryProfile;
  if (prof) {
    const n2 = (prof === r.recoveryProfile ? r.topics : r.fallback!.topics) * o.partitions;
    lines.push('', `Where recovery time goes: one more SIGKILL restart with ${fmtInt(n2)} partitions under \`node --cpu-prof\` (profiles in \`${path.relative(REPO, prof.dir)}\`), ` +
      `samples from spawn until every partition served: ${(prof.busyMs / 1000).toFixed(2)} s busy over ${prof.threads} threads in ${(prof.wallMs / 1000).toFixed(2)} s. Self time by function, all threads:`, '',
      '| self time | share of busy | function | where |', '|---:|---:|---|---|',
      ...prof.top.map((f) => `| ${f.ms.toFixed(0)} ms | ${(f.share * 100).toFixed(1)}% | \`${f.name}\` | ${f.where} |`));
  }
  lines.push('', '```sh', r.command, '```');
  return lines.join('\n');
}
