// The broker's own cost on the produce and fetch hot paths, without kcat in the measurement.
// kcat's Produce requests are captured once by an in-process null sink; then each target (the
// null sink, samsa layouts, and optionally the same layouts of another build of samsa) gets
// them replayed over one TCP connection by this process, with a fixed number of requests in
// flight, and the topic read back with Fetch as librdkafka does (one request at a time,
// 1 MiB per partition) until every partition is at its high watermark. Reported: wall time,
// records/s, and the target process's CPU per record from /proc. The replay client costs
// little next to kcat (1.2-1.7 µs of CPU per record), so on a 2-core box the broker's figures
// move much less with the load generator than in `bench/run.ts`.
//   node dist/bench/hot-path.js [--records 1000000] [--records-1k 300000] [--sizes 100,1024]
//     [--targets null,1x1,1x2,2x2,single] [--runs 5] [--window 8] [--base /path/to/other/samsa]
//     [--no-consume] [--no-produce (only the warm-up fills the topic)] [--cpu-prof-dir DIR (samsa under node --cpu-prof)]
//     [--node-args '--trace-gc ...' (more node options for samsa)]
// With --base, every samsa target also runs from that checkout (built, with node_modules), in
// the same round-robin, so before/after figures share the machine's load.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { decodeRequestHeader, decodeResponseFrame, encodeRequestFrame } from '../src/protocol/header';
import { writeRecordsFile } from './data';
import { ensureTopic, kcatProduce } from './kcat';
import { startNullSink } from './null-sink';
import { machineCpu, processCpuSeconds } from './sys';
import { LAYOUTS, REPO, samsaOverrides, startNullSinkTarget } from './targets';
import { threadDelta, threadSnapshot, type ThreadStat } from './threads';

interface Options { records: Record<number, number>; sizes: number[]; targets: string[]; runs: number; window: number; base: string | null; consume: boolean; produce: boolean; profileDir: string | null; nodeArgs: string[] }
interface Capture { size: number; records: number; frames: Buffer[]; versions: number[] }
interface Running { label: string; pid: number; bootstrap: string; handlers: number; processors: number; stop(): Promise<void> }
interface Sample { seconds: number; cpu: number; other: number; records: number; threads: string }

const TOPIC = 'hot-path';
const PARTITIONS = 8;

function parseArgs(argv: string[]): Options {
  const get = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const list = (name: string, def: string) => (get(name) ?? def).split(',').map((s) => s.trim()).filter(Boolean);
  const sizes = list('--sizes', '100,1024').map(Number);
  const records: Record<number, number> = {};
  for (const s of sizes) records[s] = s === 1024 ? Number(get('--records-1k') ?? 300_000) : Math.round(Number(get('--records') ?? 1_000_000) * (s <= 100 ? 1 : 100 / s));
  return {
    records, sizes, targets: list('--targets', 'null,1x1,1x2,2x2,single'), runs: Number(get('--runs') ?? 5),
    window: Number(get('--window') ?? 8), base: get('--base') ?? null, consume: !argv.includes('--no-consume'), produce: !argv.includes('--no-produce'),
    profileDir: get('--cpu-prof-dir') ?? null, nodeArgs: (get('--node-args') ?? '').split(' ').filter(Boolean),
  };
}

async function capture(size: number, records: number, dir: string): Promise<Capture> {
  const file = path.join(dir, `hot-path-${size}.txt`);
  writeRecordsFile(file, records, size);
  const frames: Buffer[] = [];
  const sink = await startNullSink({ partitions: PARTITIONS, onProduceFrame: (f) => frames.push(Buffer.from(f)) });
  try {
    const r = await kcatProduce({ bootstrap: `${sink.host}:${sink.port}`, topic: TOPIC, file, acks: 1, queueMessages: Math.max(records, 100_000) });
    if (r.code !== 0) throw new Error(`kcat exited ${r.code}: ${r.stderr}`);
  } finally {
    await sink.stop();
    fs.rmSync(file, { force: true });
  }
  const versions = frames.map((f) => decodeRequestHeader(f).header.apiVersion);
  const prefixed = frames.map((f) => { const b = Buffer.allocUnsafe(4 + f.length); b.writeInt32BE(f.length, 0); f.copy(b, 4); return b; });
  return { size, records, frames: prefixed, versions };
}

/** Reads size-prefixed response frames off a socket and hands each to `onFrame`. */
function frameReader(socket: net.Socket, onFrame: (frame: Buffer) => void): void {
  let chunks: Buffer[] = [];
  let have = 0;
  let need = 4; // bytes that must be buffered before anything can be parsed
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    have += chunk.length;
    if (have < need) return;
    const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, have);
    let pos = 0;
    need = 4;
    while (buf.length - pos >= 4) {
      const size = buf.readInt32BE(pos);
      if (buf.length - pos - 4 < size) { need = 4 + size; break; }
      onFrame(buf.subarray(pos + 4, pos + 4 + size));
      pos += 4 + size;
    }
    chunks = pos === buf.length ? [] : [buf.subarray(pos)];
    have = buf.length - pos;
  });
}

function connect(bootstrap: string): Promise<net.Socket> {
  const [host, port] = [bootstrap.slice(0, bootstrap.lastIndexOf(':')), Number(bootstrap.slice(bootstrap.lastIndexOf(':') + 1))];
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port }, () => { s.setNoDelay(true); resolve(s); });
    s.once('error', reject);
  });
}

/** CPU seconds of a live process, all its threads, from /proc/<pid>/task/<tid>/schedstat (ns). */
function schedCpuSeconds(pid: number): number {
  let ns = 0;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try { ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]); } catch { /* thread gone */ }
    }
  } catch { return processCpuSeconds(pid); }
  return ns / 1e9;
}

/** Per-thread CPU (ns precision from schedstat), context switches and minor page faults. */
function threads(pid: number): Map<number, ThreadStat & { minflt?: number }> {
  const snap: Map<number, ThreadStat & { minflt?: number }> = threadSnapshot(pid);
  for (const [tid, st] of snap) {
    try {
      st.cpu = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      st.minflt = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
    } catch { /* thread gone */ }
  }
  return snap;
}

/** "processor 0.123 · handler 0.100 · ..." in µs of CPU per record, busiest first. */
function threadSummary(t: Running, a: Map<number, ThreadStat & { minflt?: number }>, b: Map<number, ThreadStat & { minflt?: number }>, records: number): string {
  const by = new Map<string, number>();
  const rows = threadDelta(a, b, t.pid, t.handlers, t.processors);
  if (process.env.HOT_PATH_THREADS) process.stdout.write(`${rows.map((r) => `    ${r.tid} ${r.comm} ${r.label}: ${(r.cpu * 1000).toFixed(1)} ms, ${r.voluntary}+${r.involuntary} switches, ${(b.get(r.tid)?.minflt ?? 0) - (a.get(r.tid)?.minflt ?? 0)} minor faults`).join('\n')}\n`);
  for (const r of rows) {
    const label = r.label.replace(/ worker \d+$/, '').replace(/^node \(V8 platform \/ libuv\)$/, 'V8/libuv').replace(/^main thread$/, 'main');
    by.set(label, (by.get(label) ?? 0) + r.cpu);
  }
  return [...by].filter(([, c]) => c / records * 1e6 >= 0.0005).sort((x, y) => y[1] - x[1]).map(([l, c]) => `${l} ${(c / records * 1e6).toFixed(3)}`).join(' · ');
}

/** CPU of the target and of everything else on the box while fn runs. */
async function measured(t: Running, records: number, fn: () => Promise<void>): Promise<Sample> {
  const pid = t.pid;
  const th0 = threads(pid);
  const c0 = schedCpuSeconds(pid);
  const m0 = machineCpu();
  const s0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = schedCpuSeconds(pid) - c0;
  const self = process.cpuUsage(s0);
  const m1 = machineCpu();
  const th = threadSummary(t, th0, threads(pid), records);
  return { seconds, cpu, other: Math.max(0, (m1.busy - m0.busy - cpu - (self.user + self.system) / 1e6) / seconds), records, threads: th };
}

/** Replays the captured Produce requests with `window` in flight; every partition must answer 0. */
async function replay(t: Running, cap: Capture, window: number): Promise<Sample> {
  const socket = await connect(t.bootstrap);
  try {
    return await measured(t, cap.records, () => new Promise<void>((resolve, reject) => {
      let sent = 0;
      let answered = 0;
      frameReader(socket, (frame) => {
        const { body } = decodeResponseFrame(0, cap.versions[answered], frame);
        for (const r of body.responses) for (const p of r.partitionResponses) {
          if (p.errorCode !== 0) { reject(new Error(`${t.label}: produce error ${p.errorCode} ${p.errorMessage ?? ''}`)); return; }
        }
        answered++;
        if (answered === cap.frames.length) resolve();
        else if (sent < cap.frames.length) socket.write(cap.frames[sent++]);
      });
      socket.once('error', reject);
      while (sent < Math.min(window, cap.frames.length)) socket.write(cap.frames[sent++]);
    }));
  } finally {
    socket.destroy();
  }
}

/** Reads the topic from offset 0 to the high watermarks, one Fetch v11 at a time (librdkafka's defaults). */
async function consume(t: Running, expected: number): Promise<Sample> {
  const socket = await connect(t.bootstrap);
  const next = new Array<number>(PARTITIONS).fill(0);
  const hw = new Array<number>(PARTITIONS).fill(-1);
  let records = 0;
  let corr = 1;
  let waiting: ((f: Buffer) => void) | null = null;
  frameReader(socket, (f) => { const w = waiting; waiting = null; w?.(f); });
  const fetchOnce = () => new Promise<Buffer>((resolve) => {
    waiting = resolve;
    const parts = [];
    for (let p = 0; p < PARTITIONS; p++) {
      if (hw[p] < 0 || next[p] < hw[p]) parts.push({ partition: p, currentLeaderEpoch: -1, fetchOffset: next[p], logStartOffset: -1, partitionMaxBytes: 1 << 20 });
    }
    const frame = encodeRequestFrame(1, 11, corr++, 'hot-path', {
      replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 52428800, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: TOPIC, partitions: parts }], forgottenTopicsData: [], rackId: '',
    });
    socket.cork(); for (const b of frame) socket.write(b); socket.uncork();
  });
  try {
    return await measured(t, expected, async () => {
      while (next.some((n, p) => hw[p] < 0 || n < hw[p])) {
        const { body } = decodeResponseFrame(1, 11, await fetchOnce());
        if (body.errorCode !== 0) throw new Error(`${t.label}: fetch error ${body.errorCode}`);
        for (const r of body.responses) for (const p of r.partitions) {
          if (p.errorCode !== 0) throw new Error(`${t.label}: fetch error ${p.errorCode} on partition ${p.partitionIndex}`);
          hw[p.partitionIndex] = p.highWatermark;
          const recs: Buffer | null = p.records;
          for (let pos = 0; recs !== null && recs.length - pos >= 61;) {
            const size = 12 + recs.readInt32BE(pos + 8);
            if (size > recs.length - pos) break;
            const base = recs.readInt32BE(pos) * 2 ** 32 + recs.readUInt32BE(pos + 4);
            next[p.partitionIndex] = base + recs.readInt32BE(pos + 23) + 1;
            records += recs.readInt32BE(pos + 57);
            pos += size;
          }
        }
      }
      if (records !== expected) throw new Error(`${t.label}: fetched ${records} records, expected ${expected}`);
    });
  } finally {
    socket.destroy();
  }
}

function waitForAddress(child: ChildProcess, tail: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no start line:\n${tail.join('\n')}`)), 30000);
    child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      buf += s;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        tail.push(line); if (tail.length > 30) tail.shift();
        if (!line.includes('samsa started')) continue;
        try { const a = (JSON.parse(line) as { address?: string }).address; if (a) { clearTimeout(timer); resolve(a); } } catch { /* not JSON */ }
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}:\n${tail.join('\n')}`)); });
  });
}

async function startSamsa(repo: string, key: string, label: string, dataDir: string, nodeArgs: string[]): Promise<Running> {
  const overrides = samsaOverrides(LAYOUTS[key], dataDir, PARTITIONS).flatMap((o) => ['--override', o]);
  const child = spawn(process.execPath, [...nodeArgs, path.join(repo, 'bin', 'samsa.js'), 'server', 'start', ...overrides], { cwd: repo, stdio: ['ignore', process.env.HOT_PATH_STDOUT ? 'inherit' : 'ignore', 'pipe'] });
  const tail: string[] = [];
  const bootstrap = await waitForAddress(child, tail);
  return {
    label, pid: child.pid!, bootstrap, handlers: LAYOUTS[key].threading === 'workers' ? LAYOUTS[key].io : 0,
    processors: LAYOUTS[key].threading === 'workers' ? LAYOUTS[key].network : 0,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function row(label: string, samples: Sample[], nullRate: number | null): string {
  const rates = samples.map((s) => s.records / s.seconds);
  const rate = median(rates);
  const cpus = samples.map((s) => (s.cpu / s.records) * 1e6);
  const ratio = nullRate ? (rate / nullRate).toFixed(2) : '—';
  return `| ${label} | ${fmt(rate)} | ${ratio} | ${median(cpus).toFixed(3)} | ${Math.min(...cpus).toFixed(3)} | ${rates.map(fmt).join(' / ')} | ${median(samples.map((s) => s.other)).toFixed(2)} |`;
}

async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-hot-path-'));
  const repos: [string, string][] = [['', REPO]];
  if (o.base) repos.push([' (base)', path.resolve(o.base)]);
  process.stdout.write(`hot-path: ${os.cpus().length} CPUs, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, window ${o.window}, runs ${o.runs}\n`);
  try {
    for (const size of o.sizes) {
      const cap = await capture(size, o.records[size], tmp);
      const bytes = cap.frames.reduce((s, f) => s + f.length, 0);
      process.stdout.write(`\n${fmt(cap.records)} records of ${size} B: ${cap.frames.length} Produce requests, ${(bytes / cap.frames.length / 1024).toFixed(0)} KiB each\n`);
      const produced = new Map<string, Sample[]>();
      const consumed = new Map<string, Sample[]>();
      const running: Running[] = [];
      try {
        for (const key of o.targets) {
          if (key === 'null') {
            const t = await startNullSinkTarget(PARTITIONS);
            running.push({ label: 'null sink', pid: t.pid, bootstrap: t.bootstrap, handlers: 0, processors: 0, stop: () => t.stop() });
            continue;
          }
          for (const [suffix, repo] of repos) {
            const dir = fs.mkdtempSync(path.join(tmp, `${key}-`));
            const prof = o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(o.profileDir, `${key}${suffix.replace(/\W/g, '')}-${size}`)}`] : [];
            const t = await startSamsa(repo, key, `${LAYOUTS[key].name}${suffix}`, dir, [...o.nodeArgs, ...prof]);
            await ensureTopic(t.bootstrap, TOPIC, PARTITIONS);
            running.push(t);
          }
        }
        for (const t of running) if (t.label === 'null sink') await ensureTopic(t.bootstrap, TOPIC, PARTITIONS);
        for (const t of running) await replay(t, cap, o.window); // warm-up
        for (let r = 0; r < (o.produce ? o.runs : 0); r++) {
          for (const t of running) {
            const s = await replay(t, cap, o.window);
            (produced.get(t.label) ?? produced.set(t.label, []).get(t.label)!).push(s);
            process.stdout.write(`  produce ${t.label}: ${s.seconds.toFixed(3)} s, ${fmt(s.records / s.seconds)} rec/s, ${(s.cpu / s.records * 1e6).toFixed(3)} µs/rec (${s.threads}), other load ${s.other.toFixed(2)}\n`);
          }
        }
        if (o.consume) {
          for (let r = 0; r < o.runs; r++) {
            for (const t of running) {
              if (t.label === 'null sink') continue;
              const s = await consume(t, cap.records * (o.produce ? o.runs + 1 : 1));
              (consumed.get(t.label) ?? consumed.set(t.label, []).get(t.label)!).push(s);
              process.stdout.write(`  consume ${t.label}: ${s.seconds.toFixed(3)} s, ${fmt(s.records / s.seconds)} rec/s, ${(s.cpu / s.records * 1e6).toFixed(3)} µs/rec (${s.threads}), other load ${s.other.toFixed(2)}\n`);
            }
          }
        }
      } finally {
        for (const t of running) await t.stop();
      }
      const nullSamples = produced.get('null sink');
      const nullRate = nullSamples ? median(nullSamples.map((s) => s.records / s.seconds)) : null;
      const lines = [
        '', `Produce, ${size} B values, ${fmt(cap.records)} records per run (${cap.frames.length} requests, ${o.window} in flight), median of ${o.runs}:`, '',
        '| target | records/s | × null sink | target CPU µs/record | least CPU µs/record | runs (records/s) | other load (cores) |', '|---|---:|---:|---:|---:|---|---:|',
        ...[...produced].map(([label, s]) => row(label, s, nullRate)),
      ];
      if (o.consume) {
        lines.push('', `Fetch from offset 0 to the high watermarks, ${size} B values, ${fmt(cap.records * (o.produce ? o.runs + 1 : 1))} records, median of ${o.runs}:`, '',
          '| target | records/s | — | target CPU µs/record | least CPU µs/record | runs (records/s) | other load (cores) |', '|---|---:|---:|---:|---:|---|---:|',
          ...[...consumed].map(([label, s]) => row(label, s, null)));
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(() => process.exit(0), (err) => { process.stderr.write(`hot-path failed: ${(err as Error).stack ?? err}\n`); process.exit(1); });
}
