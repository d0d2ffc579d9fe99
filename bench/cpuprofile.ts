// Summaries of V8 .cpuprofile files (node --cpu-prof writes one per thread, workers
// included): self time per function and per source file, as shares of the thread's busy time.
import * as fs from 'fs';
import * as path from 'path';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface SelfRow { name: string; where: string; ms: number; share: number }
export interface ThreadProfile {
  file: string;
  thread: string;
  wallMs: number;
  busyMs: number;
  idleMs: number;
  gcMs: number;
  functions: SelfRow[];
  files: SelfRow[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function shortUrl(url: string, repo: string): string {
  if (url === '') return '(native)';
  let u = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  if (u.startsWith(repo)) u = path.relative(repo, u);
  u = u.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  const nm = u.lastIndexOf('node_modules/');
  return nm >= 0 ? u.slice(nm) : u;
}

/** Which samsa thread a profile belongs to, from the scripts it ran. */
function threadKind(p: CpuProfile, file: string): string {
  const urls = new Set(p.nodes.map((n) => n.callFrame.url));
  const has = (s: string) => [...urls].some((u) => u.includes(s));
  const tid = /\.(\d+)\.\d+\.cpuprofile$/.exec(file)?.[1] ?? '?';
  if (has('processor-worker')) return `processor worker (thread ${tid})`;
  if (has('handler-worker')) return `handler worker (thread ${tid})`;
  return tid === '0' ? 'main thread' : `thread ${tid}`;
}

/**
 * Self time by function and by file. `window` ([from, to] in µs of CLOCK_MONOTONIC, the clock
 * of process.hrtime and of V8's profile timestamps) keeps only the samples taken inside it.
 */
export function summarizeProfile(file: string, repo: string, top = 15, window?: [number, number]): ThreadProfile {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const n of p.nodes) byId.set(n.id, n);
  const selfUs = new Map<number, number>();
  const [from, to] = window ?? [p.startTime, p.endTime];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    const dt = p.timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this one
    selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + Math.max(0, dt));
  }
  const fnAgg = new Map<string, SelfRow>();
  const fileAgg = new Map<string, SelfRow>();
  let idle = 0; let gc = 0; let total = 0;
  for (const [id, us] of selfUs) {
    const cf = byId.get(id)!.callFrame;
    total += us;
    if (cf.functionName === '(idle)') { idle += us; continue; }
    if (cf.functionName === '(garbage collector)') gc += us;
    const where = SPECIAL.has(cf.functionName) ? '' : `${shortUrl(cf.url, repo)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    const name = cf.functionName || '(anonymous)';
    const key = `${name}\u0000${where}`;
    const row = fnAgg.get(key) ?? { name, where, ms: 0, share: 0 };
    row.ms += us / 1000;
    fnAgg.set(key, row);
    const fkey = SPECIAL.has(cf.functionName) ? cf.functionName : shortUrl(cf.url, repo);
    const frow = fileAgg.get(fkey) ?? { name: fkey, where: '', ms: 0, share: 0 };
    frow.ms += us / 1000;
    fileAgg.set(fkey, frow);
  }
  const busyMs = (total - idle) / 1000;
  const finish = (m: Map<string, SelfRow>) => [...m.values()]
    .map((r) => ({ ...r, share: busyMs > 0 ? r.ms / busyMs : 0 }))
    .sort((a, b) => b.ms - a.ms).slice(0, top);
  return {
    file, thread: threadKind(p, file), wallMs: (Math.min(to, p.endTime) - Math.max(from, p.startTime)) / 1000, busyMs, idleMs: idle / 1000, gcMs: gc / 1000,
    functions: finish(fnAgg), files: finish(fileAgg),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function profileMarkdown(t: ThreadProfile, topFunctions = 15, topFiles = 8): string {
  const lines = [
    `**${t.thread}** — busy ${(t.busyMs / 1000).toFixed(2)} s of ${(t.wallMs / 1000).toFixed(2)} s profiled, GC ${pct(t.busyMs ? t.gcMs / t.busyMs : 0)} of busy (\`${path.basename(t.file)}\`)`,
    '',
    '| self time | share of busy | function | where |',
    '|---:|---:|---|---|',
    ...t.functions.slice(0, topFunctions).map((r) => `| ${r.ms.toFixed(0)} ms | ${pct(r.share)} | \`${r.name}\` | ${r.where} |`),
    '',
    'By file: ' + t.files.slice(0, topFiles).map((r) => `${r.name} ${pct(r.share)}`).join(' · '),
    '',
  ];
  return lines.join('\n');
}
