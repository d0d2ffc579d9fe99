// Per-thread CPU time and context switches of a process (Linux /proc/<pid>/task), to tell how
// much of a profile's "busy" time a thread really ran, and how often threads hand the CPU over.
import * as fs from 'fs';
import { ticksPerSecond } from './sys';

export interface ThreadStat { tid: number; comm: string; cpu: number; voluntary: number; involuntary: number }

export function threadSnapshot(pid: number): Map<number, ThreadStat> {
  const out = new Map<number, ThreadStat>();
  let tids: string[] = [];
  try { tids = fs.readdirSync(`/proc/${pid}/task`); } catch { return out; }
  for (const t of tids) {
    try {
      const base = `/proc/${pid}/task/${t}`;
      const stat = fs.readFileSync(`${base}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const status = fs.readFileSync(`${base}/status`, 'utf8');
      const num = (k: string) => Number(new RegExp(`^${k}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      out.set(Number(t), {
        tid: Number(t), comm: fs.readFileSync(`${base}/comm`, 'utf8').trim(),
        cpu: (Number(f[11]) + Number(f[12])) / ticksPerSecond,
        voluntary: num('voluntary_ctxt_switches'), involuntary: num('nonvoluntary_ctxt_switches'),
      });
    } catch { /* the thread ended */ }
  }
  return out;
}

export interface ThreadRow extends ThreadStat { label: string }

/**
 * Differences between two snapshots, labelled. Node names no threads, so the JS threads are
 * told apart by creation order: the main thread is the process id; samsa starts the handler
 * workers, then the processor workers, after V8's and libuv's own threads, so the last
 * `handlers + processors` threads named "node" are those workers, in that order.
 */
export function threadDelta(a: Map<number, ThreadStat>, b: Map<number, ThreadStat>, pid: number, handlers: number, processors: number): ThreadRow[] {
  const rows: ThreadRow[] = [];
  for (const [tid, s] of b) {
    const p = a.get(tid);
    rows.push({ ...s, label: s.comm, cpu: s.cpu - (p?.cpu ?? 0), voluntary: s.voluntary - (p?.voluntary ?? 0), involuntary: s.involuntary - (p?.involuntary ?? 0) });
  }
  rows.sort((x, y) => x.tid - y.tid);
  const named = rows.filter((r) => r.comm === 'node' && r.tid !== pid);
  const workers = handlers + processors > 0 ? named.slice(-(handlers + processors)) : [];
  workers.forEach((r, i) => { r.label = i < handlers ? `handler worker ${i}` : `processor worker ${i - handlers}`; });
  for (const r of rows) {
    if (r.tid === pid) r.label = 'main thread';
    else if (r.comm === 'node' && !workers.includes(r)) r.label = 'node (V8 platform / libuv)';
  }
  return rows;
}

export function threadMarkdown(rows: ThreadRow[], seconds: number, records: number): string {
  const shown = rows.filter((r) => r.cpu >= 0.005 || r.voluntary + r.involuntary >= 50 || /^(handler|processor) worker|^main thread/.test(r.label));
  const other = rows.filter((r) => !shown.includes(r));
  const lines = [
    `| thread | CPU s | CPU share of the ${seconds.toFixed(2)} s run | voluntary ctx switches | involuntary | switches per 1000 records |`,
    '|---|---:|---:|---:|---:|---:|',
    ...shown.map((r) => `| ${r.label} | ${r.cpu.toFixed(2)} | ${(r.cpu / seconds * 100).toFixed(0)}% | ${r.voluntary} | ${r.involuntary} | ${((r.voluntary + r.involuntary) / records * 1000).toFixed(2)} |`),
  ];
  if (other.length) lines.push(`| ${other.length} other threads | ${other.reduce((s, r) => s + r.cpu, 0).toFixed(2)} | | ${other.reduce((s, r) => s + r.voluntary, 0)} | ${other.reduce((s, r) => s + r.involuntary, 0)} | |`);
  return lines.join('\n');
}
