// Produce and consume throughput with kcat against the null sink and samsa layouts, then
// CPU profiles of samsa under load. `npm run bench` (all defaults) or, after a build,
//   node dist/bench/run.js [--records 1000000] [--records-1k 300000] [--sizes 100,1024] [--runs 3]
//     [--partitions 8] [--targets null,1x1,1x2,2x2,single] [--profile 2x2,1x1 | --no-profile]
//     [--no-consume] [--no-stages] [--quiet-wait-ms 8000] [--out bench/RESULTS.md | --no-write]
// Data files and broker log dirs live under os.tmpdir() and are removed afterwards; profiles
// go to bench/profiles/ (ignored by git).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { profileMarkdown, summarizeProfile, type ThreadProfile } from './cpuprofile';
import { KEY_BYTES, writeRecordsFile } from './data';
import { consumeArgs, endOffsetSum, ensureTopic, kcatConsume, kcatProduce, produceArgs } from './kcat';
import { consumeTable, failureNotes, machineMarkdown, median, produceTable, writeGenerated, type Measurement, type Sample } from './report';
import { measureStages, stagesMarkdown, type StageResult } from './stages';
import { machineCpu, machineInfo, processCpuSeconds, waitForQuiet } from './sys';
import { LAYOUTS, REPO, startNullSinkTarget, startSamsaTarget, type Target } from './targets';
import { threadDelta, threadMarkdown, threadSnapshot, type ThreadRow, type ThreadStat } from './threads';

interface Options {
  records: Record<number, number>; sizes: number[]; runs: number; partitions: number; targets: string[];
  profile: string[]; consume: boolean; quietWaitMs: number; out: string | null; acks: number; stages: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const list = (name: string, def: string) => (get(name) ?? def).split(',').map((s) => s.trim()).filter(Boolean);
  const r100 = Number(get('--records') ?? 1_000_000);
  const sizes = list('--sizes', '100,1024').map(Number);
  const records: Record<number, number> = {};
  for (const s of sizes) records[s] = s === 100 ? r100 : s === 1024 ? Number(get('--records-1k') ?? 300_000) : Math.max(1000, Math.round(r100 * 100 / s));
  const targets = list('--targets', 'null,1x1,1x2,2x2,single');
  for (const t of targets) if (t !== 'null' && !LAYOUTS[t]) throw new Error(`unknown target ${t} (null, ${Object.keys(LAYOUTS).join(', ')})`);
  const profile = argv.includes('--no-profile') ? [] : list('--profile', '2x2,1x1');
  const out = argv.includes('--no-write') ? null : path.resolve(REPO, get('--out') ?? 'bench/RESULTS.md');
  return {
    records, sizes, runs: Number(get('--runs') ?? 3), partitions: Number(get('--partitions') ?? 8), targets, profile,
    consume: !argv.includes('--no-consume'), stages: !argv.includes('--no-stages'), quietWaitMs: Number(get('--quiet-wait-ms') ?? 8000), out, acks: Number(get('--acks') ?? 1),
  };
}

const live = new Set<Target>();
let quietBudgetMs = 120_000; // total time the whole bench may spend waiting for a quiet box

/** Waits for a mostly idle machine before a timed run, within the per-run and total budgets. */
async function quiet(o: Options): Promise<void> {
  const t0 = Date.now();
  await waitForQuiet(0.85, Math.min(o.quietWaitMs, quietBudgetMs));
  quietBudgetMs = Math.max(0, quietBudgetMs - (Date.now() - t0));
}
let tmpRoot = '';

function log(s: string): void { process.stdout.write(`${s}\n`); }

/** Runs `fn` (one kcat run) and accounts CPU: broker process, kcat, and everything else on the box. */
interface Around { before(): void; after(): void }

async function accounted<T extends { seconds: number; kcatCpu: number }>(target: Target, fn: () => Promise<T>, around?: Around): Promise<[T, Omit<Sample, 'ok'>]> {
  around?.before();
  const b0 = processCpuSeconds(target.pid);
  const m0 = machineCpu();
  const self0 = process.cpuUsage();
  const from = Number(process.hrtime.bigint() / 1000n);
  const r = await fn();
  const to = Number(process.hrtime.bigint() / 1000n);
  const brokerCpu = processCpuSeconds(target.pid) - b0;
  around?.after();
  const m1 = machineCpu();
  const self = process.cpuUsage(self0);
  const otherCpu = Math.max(0, (m1.busy - m0.busy) - brokerCpu - r.kcatCpu - (self.user + self.system) / 1e6);
  return [r, { seconds: r.seconds, brokerCpu, kcatCpu: r.kcatCpu, otherCpu, window: [from, to] }];
}

async function produceOnce(o: Options, target: Target, topic: string, file: string, records: number, around?: Around): Promise<Sample> {
  await ensureTopic(target.bootstrap, topic, o.partitions);
  const before = target.recordsReceived ? await target.recordsReceived() : 0;
  await quiet(o);
  const [r, acc] = await accounted(target, () => kcatProduce({ bootstrap: target.bootstrap, topic, file, acks: o.acks, queueMessages: Math.max(records, 100_000) }), around);
  let note: string | undefined;
  if (r.code !== 0) note = `kcat exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  else {
    const got = target.recordsReceived ? (await target.recordsReceived()) - before : await endOffsetSum(target.bootstrap, topic, o.partitions);
    if (got !== records) note = `broker holds ${got} of ${records} records`;
  }
  return { ...acc, ok: note === undefined, note };
}

async function consumeOnce(o: Options, target: Target, topic: string, records: number): Promise<Sample> {
  await quiet(o);
  const [r, acc] = await accounted(target, () => kcatConsume(target.bootstrap, topic));
  let note: string | undefined;
  if (r.code !== 0) note = `kcat exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  else if (r.lines !== records) note = `kcat printed ${r.lines} of ${records} records`;
  return { ...acc, ok: note === undefined, note };
}

const SMALL = 1000;

/**
 * Median time for kcat -C -e on a topic of SMALL records: process start, metadata, offsets and the
 * last fetch, which the broker holds for fetch.wait.max.ms (librdkafka: 500 ms) before kcat sees
 * the end. (An empty topic is no baseline: librdkafka takes about 1 s to report its end.)
 */
async function smallConsumeSeconds(o: Options, target: Target, file: string, name: string): Promise<number> {
  await ensureTopic(target.bootstrap, 'bench-small', o.partitions);
  await kcatProduce({ bootstrap: target.bootstrap, topic: 'bench-small', file, acks: o.acks, queueMessages: SMALL, limit: SMALL });
  const times: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const run = await kcatConsume(target.bootstrap, 'bench-small');
    if (run.code === 0 && run.lines === SMALL) times.push(run.seconds);
  }
  const t = median(times);
  log(`  consume ${name}: ${SMALL} records take ${t.toFixed(2)} s (fixed cost, median of ${times.length})`);
  return t;
}

function line(m: Measurement, s: Sample): string {
  const rate = m.records / s.seconds;
  return `  ${m.kind} ${m.target} ${m.valueBytes} B: ${s.seconds.toFixed(2)} s, ${Math.round(rate).toLocaleString('en-US')} rec/s, ` +
    `${(rate * m.valueBytes / 1e6).toFixed(1)} MB/s, broker CPU ${s.brokerCpu.toFixed(2)} s, kcat CPU ${s.kcatCpu.toFixed(2)} s, other ${s.otherCpu.toFixed(2)} s${s.ok ? '' : `  FAILED: ${s.note}`}`;
}

interface Started { key: string; target: Target; dataDir: string }

/**
 * Every target runs at once (idle ones cost nothing) and the runs go round-robin over them:
 * run r of every target, then run r+1, so load from other processes on a shared box is
 * spread over the targets instead of landing on whichever was being measured.
 */
async function benchAll(o: Options, files: Record<number, string>, results: Measurement[], commands: Map<string, string>): Promise<void> {
  const started: Started[] = [];
  try {
    for (const key of o.targets) {
      const dataDir = path.join(tmpRoot, `data-${key}`);
      const target = key === 'null' ? await startNullSinkTarget(o.partitions) : await startSamsaTarget(LAYOUTS[key], dataDir, o.partitions);
      live.add(target);
      started.push({ key, target, dataDir });
      commands.set(target.name, target.command);
      log(`${target.name} at ${target.bootstrap} (pid ${target.pid})`);
    }
    const produced = new Map<string, Measurement>();
    for (const size of o.sizes) {
      const n = o.records[size];
      for (const { target } of started) {
        await ensureTopic(target.bootstrap, `bench-${size}-warmup`, o.partitions);
        await kcatProduce({ bootstrap: target.bootstrap, topic: `bench-${size}-warmup`, file: files[size], acks: o.acks, queueMessages: n, limit: Math.ceil(n / 10) });
        const m: Measurement = { kind: 'produce', target: target.name, valueBytes: size, records: n, samples: [] };
        results.push(m);
        produced.set(`${target.name}/${size}`, m);
      }
      for (let r = 1; r <= o.runs; r++) {
        for (const { target } of started) {
          const m = produced.get(`${target.name}/${size}`)!;
          const s = await produceOnce(o, target, `bench-${size}-r${r}`, files[size], n);
          m.samples.push(s);
          log(line(m, s));
        }
      }
    }
    if (!o.consume) return;
    const consumers = started.filter((s) => s.key !== 'null');
    const fixed = new Map<string, number>();
    for (const { target } of consumers) fixed.set(target.name, await smallConsumeSeconds(o, target, files[o.sizes[0]], target.name));
    for (const size of o.sizes) {
      const n = o.records[size];
      const sources = new Map<string, string>();
      const ms = new Map<string, Measurement>();
      for (const { target } of consumers) {
        const c: Measurement = { kind: 'consume', target: target.name, valueBytes: size, records: n, samples: [], fixedSeconds: fixed.get(target.name), fixedRecords: SMALL };
        results.push(c);
        ms.set(target.name, c);
        const source = produced.get(`${target.name}/${size}`)!.samples.findIndex((s) => s.ok);
        if (source < 0) log(`  consume ${target.name} ${size} B skipped: no produce run succeeded`);
        else sources.set(target.name, `bench-${size}-r${source + 1}`);
      }
      for (let r = 1; r <= o.runs; r++) {
        for (const { target } of consumers) {
          const topic = sources.get(target.name);
          if (topic === undefined) continue;
          const c = ms.get(target.name)!;
          const s = await consumeOnce(o, target, topic, n);
          c.samples.push(s);
          log(line(c, s));
        }
      }
    }
  } catch (err) {
    for (const { target } of started) log(`--- ${target.name} log tail:\n${target.logTail()}`);
    throw err;
  } finally {
    for (const { target, dataDir } of started) {
      await target.stop();
      live.delete(target);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

interface ProfileResult {
  key: string; rate: number; ok: boolean; otherCores: number; threads: ThreadProfile[]; dir: string; command: string;
  plain: { rate: number; ok: boolean; seconds: number; otherCores: number; rows: ThreadRow[] };
}

/** Starts samsa, warms it up, produces `records` once (timed), stops it. */
async function produceSession(o: Options, key: string, file: string, records: number, nodeArgs: string[], around?: (t: Target) => Around): Promise<{ sample: Sample; command: string; target: Target }> {
  const dataDir = path.join(tmpRoot, `prof-${key}`);
  const target = await startSamsaTarget(LAYOUTS[key], dataDir, o.partitions, nodeArgs);
  live.add(target);
  try {
    await ensureTopic(target.bootstrap, 'bench-prof-warmup', o.partitions);
    await kcatProduce({ bootstrap: target.bootstrap, topic: 'bench-prof-warmup', file, acks: o.acks, queueMessages: records, limit: Math.ceil(records / 10) });
    const sample = await produceOnce(o, target, 'bench-prof', file, records, around?.(target));
    return { sample, command: target.command, target };
  } finally {
    await target.stop();
    live.delete(target);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function profileLayout(o: Options, key: string, file: string, records: number): Promise<ProfileResult> {
  const layout = LAYOUTS[key];
  // 1. without the profiler: CPU and context switches per thread, from /proc
  let rows: ThreadRow[] = [];
  let snap: Map<number, ThreadStat> = new Map();
  const plainRun = await produceSession(o, key, file, records, [], (t) => ({
    before: () => { snap = threadSnapshot(t.pid); },
    after: () => {
      rows = threadDelta(snap, threadSnapshot(t.pid), t.pid, layout.threading === 'workers' ? layout.io : 0, layout.threading === 'workers' ? layout.network : 0);
    },
  }));
  const ps = plainRun.sample;
  const plain = { rate: records / ps.seconds, ok: ps.ok, seconds: ps.seconds, otherCores: ps.otherCpu / ps.seconds, rows };
  log(`threads of ${layout.name} (no profiler, ${Math.round(plain.rate).toLocaleString('en-US')} rec/s, other load ${plain.otherCores.toFixed(2)} cores): ` +
    rows.filter((r) => r.cpu >= 0.01).map((r) => `${r.label} ${r.cpu.toFixed(2)} s/${r.voluntary + r.involuntary} switches`).join(', '));
  // 2. under node --cpu-prof: self time per function, per thread, inside the timed run only
  const dir = path.join(REPO, 'bench', 'profiles', key);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { sample, command } = await produceSession(o, key, file, records, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const threads = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()
    .map((f) => summarizeProfile(path.join(dir, f), REPO, 20, sample.window))
    .sort((a, b) => b.busyMs - a.busyMs);
  log(`profiled ${layout.name}: ${Math.round(records / sample.seconds).toLocaleString('en-US')} rec/s under the profiler, other load ${(sample.otherCpu / sample.seconds).toFixed(2)} cores; ${threads.length} profiles in ${path.relative(REPO, dir)}`);
  for (const t of threads) log(`  ${t.thread}: busy ${(t.busyMs / 1000).toFixed(2)} s; top: ${t.functions.slice(0, 5).map((f) => `${f.name} ${(f.share * 100).toFixed(1)}%`).join(', ')}`);
  return { key, rate: records / sample.seconds, ok: sample.ok, otherCores: sample.otherCpu / sample.seconds, threads, dir, command, plain };
}

async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  const info = machineInfo();
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-bench-'));
  const started = Date.now();
  log(`samsa bench: ${info.cpus} CPUs, ${info.memGiB} GiB, node ${info.node}, kcat ${info.kcat}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  try {
    const files: Record<number, string> = {};
    for (const size of o.sizes) {
      files[size] = path.join(tmpRoot, `records-${size}.txt`);
      const { bytes } = writeRecordsFile(files[size], o.records[size], size);
      log(`data: ${o.records[size].toLocaleString('en-US')} records of ${size} B values (+${KEY_BYTES} B keys), ${(bytes / 1e6).toFixed(0)} MB file`);
    }
    const results: Measurement[] = [];
    const commands = new Map<string, string>();
    await benchAll(o, files, results, commands);
    const profiles: ProfileResult[] = [];
    const psize = o.sizes.includes(100) ? 100 : o.sizes[0];
    for (const key of o.profile) profiles.push(await profileLayout(o, key, files[psize], o.records[psize]));
    const stages: [number, StageResult][] = [];
    if (o.stages) {
      for (const size of o.sizes) {
        const st = await measureStages(o.records[size], size, tmpRoot);
        stages.push([size, st]);
        log(`\nproduce path steps, ${size} B:\n${stagesMarkdown(st, size)}`);
      }
    }

    const produce = produceTable(results);
    const consume = consumeTable(results);
    log(`\nProduce (acks=${o.acks})\n${produce}\n\nConsume\n${consume}`);
    const notes = failureNotes(results);
    if (notes.length) log(`\nFailures:\n${notes.join('\n')}`);
    const minutes = (Date.now() - started) / 60000;
    log(`\ntotal ${minutes.toFixed(1)} min`);
    if (o.out) {
      writeGenerated(o.out, generatedMarkdown(o, info, results, profiles, stages, commands, psize, minutes, argv));
      log(`wrote ${path.relative(REPO, o.out)}`);
    }
  } finally {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

function generatedMarkdown(o: Options, info: ReturnType<typeof machineInfo>, results: Measurement[], profiles: ProfileResult[], stages: [number, StageResult][],
  commands: Map<string, string>, psize: number, minutes: number, argv: string[]): string {
  const sample = (size: number) => produceArgs({ bootstrap: '$BOOTSTRAP', topic: `bench-${size}-r1`, file: `$TMP/records-${size}.txt`, acks: o.acks, queueMessages: Math.max(o.records[size], 100_000) });
  const out = [
    '## Setup',
    '',
    machineMarkdown(info, [`- load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (the box is shared; "other load" below is the CPU other processes used during each run, in cores)`,
      `- whole bench: ${minutes.toFixed(1)} min`]),
    '',
    '## Commands',
    '',
    '```sh',
    `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}    # = tsc -p . && node dist/bench/run.js`,
    ...[...commands].map(([name, cmd]) => `# ${name}\n${cmd}`),
    ...o.sizes.map((s) => `# produce, ${s} B values (one fresh topic of ${o.partitions} partitions per run, created beforehand with kcat -L)\nkcat ${sample(s).join(' ')}`),
    `# consume (the topic of the first good produce run)\nkcat ${consumeArgs('$BOOTSTRAP', 'bench-100-r1').join(' ')} | wc -l`,
    '```',
    '',
    `Records: key \`k\` + 9 digits (${KEY_BYTES} B), value of pseudo-random alphanumerics; MB/s counts value bytes (10^6 B). ` +
    `Each target gets one unmeasured warm-up of 10% of the records, then ${o.runs} runs; the median is reported. ` +
    'A produce run is timed from spawning kcat until it exits, after every delivery report; it counts only if kcat exits 0 (kcat exits 1 when any delivery failed) ' +
    'and the broker holds exactly the records sent (null sink: its own count; samsa: sum of end offsets from `kcat -Q`). ' +
    'A consume run is timed from spawn to exit (`-e`) and counts only if kcat printed one line per record. ' +
    'CPU columns: CPU seconds of the broker process (all threads) and of kcat, per record.',
    '',
    `## Produce (acks=${o.acks})`,
    '',
    produceTable(results),
    '',
    '## Consume',
    '',
    consumeTable(results),
    '',
  ];
  const notes = failureNotes(results);
  if (notes.length) out.push('Failed runs:', '', ...notes, '');
  if (stages.length) {
    out.push('## Produce path, step by step (generated)', '',
      'kcat\'s Produce requests captured by an in-process null sink, then each step of samsa\'s produce path replayed over all of them with samsa\'s own functions on one otherwise idle thread (`node dist/bench/stages.js`).', '');
    for (const [size, st] of stages) out.push(`### ${size} B values`, '', stagesMarkdown(st, size), '');
  }
  if (profiles.length) {
    out.push('## Profiles (generated)', '',
      `samsa under \`node --cpu-prof\` (workers are profiled too: one file per thread) while kcat produces ${o.records[psize].toLocaleString('en-US')} records of ${psize} B (after a 10% warm-up; only samples inside the timed run count). Self time per function, as a share of the thread's busy (non-idle) time. ` +
      'Samples are taken on a wall-clock timer, so "busy" includes time a runnable thread waited for a CPU; the /proc table gives the CPU each thread really used.', '');
    for (const p of profiles) {
      out.push(`### ${LAYOUTS[p.key].name}: ${Math.round(p.rate).toLocaleString('en-US')} records/s under the profiler (other load ${p.otherCores.toFixed(2)} cores)${p.ok ? '' : ' (run FAILED verification)'}`, '',
        '```sh', p.command.replace(/--cpu-prof-dir=\S+/, `--cpu-prof-dir=${path.relative(REPO, p.dir)}`), '```', '');
      out.push(`Threads from /proc during a run without the profiler (${Math.round(p.plain.rate).toLocaleString('en-US')} records/s, other load ${p.plain.otherCores.toFixed(2)} cores${p.plain.ok ? '' : ', FAILED verification'}):`, '',
        threadMarkdown(p.plain.rows, p.plain.seconds, o.records[psize]), '');
      const idle = p.threads.filter((t) => t.busyMs < 5);
      for (const t of p.threads) if (!idle.includes(t)) out.push(profileMarkdown(t, 12, 8));
      if (idle.length) out.push(`Idle during the run (under 5 ms busy): ${idle.map((t) => t.thread).join(', ')}.`, '');
    }
  }
  return out.join('\n');
}

async function shutdown(code: number): Promise<never> {
  await Promise.all([...live].map((t) => t.stop().catch(() => undefined)));
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  process.exit(code);
}

if (require.main === module) {
  process.on('SIGINT', () => { void shutdown(130); });
  main(process.argv.slice(2)).then(() => process.exit(0), (err) => { process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`); void shutdown(1); });
}
