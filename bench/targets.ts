// The brokers under test, each in its own child process: the null sink and samsa in a given
// layout (optionally under node --cpu-prof). Both print a JSON line with "address" on stderr.
import { ChildProcess, fork, spawn } from 'child_process';
import * as path from 'path';
import type { NullSinkStats } from './null-sink';

export const REPO = path.resolve(__dirname, '..', '..');

export interface Layout { name: string; threading: 'workers' | 'single'; network: number; io: number }

export const LAYOUTS: Record<string, Layout> = {
  '1x1': { name: 'samsa workers 1×1', threading: 'workers', network: 1, io: 1 },
  '1x2': { name: 'samsa workers 1×2', threading: 'workers', network: 1, io: 2 },
  '2x2': { name: 'samsa workers 2×2', threading: 'workers', network: 2, io: 2 },
  'single': { name: 'samsa single', threading: 'single', network: 1, io: 1 },
};

export interface Target {
  readonly name: string;
  readonly bootstrap: string;
  readonly pid: number;
  readonly command: string;
  /** Records the target has counted (null sink only). */
  recordsReceived?(): Promise<number>;
  logTail(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone */
  stop(): Promise<void>;
  /** SIGKILL; resolves when the process is gone (samsa only) */
  kill?(): Promise<void>;
  /** still running? (samsa only) */
  alive?(): boolean;
  /** ms from spawn to the "samsa started" line (samsa only) */
  startedMs?: number;
}

function waitForAddress(child: ChildProcess, marker: string, timeoutMs: number, tail: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => { cleanup(); reject(new Error(`no "${marker}" line within ${timeoutMs} ms:\n${tail.join('\n')}`)); }, timeoutMs);
    const onData = (s: string) => {
      buf += s;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        tail.push(line);
        if (tail.length > 50) tail.shift();
        // the CLI's last words when start-up failed (the process may linger: worker threads keep it alive)
        if (line.startsWith('samsa: ')) { cleanup(); reject(new Error(`start-up failed: ${line}`)); return; }
        if (!line.includes(marker)) continue;
        try {
          const o = JSON.parse(line) as { address?: string };
          if (o.address) { cleanup(); resolve(o.address); return; }
        } catch { /* not JSON */ }
      }
    };
    const onExit = (code: number | null) => { cleanup(); reject(new Error(`exited with ${code} before "${marker}":\n${tail.join('\n')}`)); };
    const cleanup = () => { clearTimeout(timer); child.stderr!.off('data', onData); child.off('exit', onExit); keepDraining(child, tail); };
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
  });
}

/** Keeps reading stderr (so the pipe never fills) and remembers the last lines. */
function keepDraining(child: ChildProcess, tail: string[]): void {
  child.stderr!.on('data', (s: string) => {
    for (const line of s.split('\n')) if (line) { tail.push(line); if (tail.length > 50) tail.shift(); }
  });
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

export async function startNullSinkTarget(partitions: number): Promise<Target> {
  const script = path.join(__dirname, 'null-sink.js');
  const args = ['--port', '0', '--partitions', String(partitions)];
  const child = fork(script, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const tail: string[] = [];
  const address = await waitForAddress(child, 'null sink started', 15000, tail);
  let nextId = 0;
  return {
    name: 'null sink', bootstrap: address, pid: child.pid!,
    command: `node ${path.relative(REPO, script)} ${args.join(' ')}`,
    recordsReceived: () => new Promise<number>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => { child.off('message', onMsg); reject(new Error('null sink: no stats answer')); }, 5000);
      const onMsg = (m: { op?: string; id?: number; stats?: NullSinkStats }) => {
        if (m.op !== 'stats' || m.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMsg);
        resolve(m.stats!.records);
      };
      child.on('message', onMsg);
      child.send({ op: 'stats', id });
    }),
    logTail: () => tail.join('\n'),
    stop: () => stopChild(child, 5000),
  };
}

export function samsaOverrides(layout: Layout, dataDir: string, partitions: number): string[] {
  return [
    'listeners=PLAINTEXT://127.0.0.1:0', `log.dirs=${dataDir}`, `num.partitions=${partitions}`,
    `num.network.threads=${layout.network}`, `num.io.threads=${layout.io}`, `samsa.threading=${layout.threading}`,
  ];
}

export interface SamsaStartOptions {
  /** listen on this port (default 0: any free port) */
  port?: number;
  /** start through `bash -c 'ulimit -n 65536 …; exec node …'` (falls back to the hard limit) */
  raiseFdLimit?: boolean;
  /** more `server.properties` overrides */
  overrides?: string[];
  /** how long to wait for "samsa started" (default 30 s) */
  timeoutMs?: number;
}

const FD_LIMIT = 65536;
const RAISE_FD_LIMIT = `ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;

export async function startSamsaTarget(layout: Layout, dataDir: string, partitions: number, nodeArgs: string[] = [], opts: SamsaStartOptions = {}): Promise<Target> {
  const base = samsaOverrides(layout, dataDir, partitions);
  if (opts.port !== undefined) base[0] = `listeners=PLAINTEXT://127.0.0.1:${opts.port}`;
  const overrides = [...base, ...(opts.overrides ?? [])].flatMap((o) => ['--override', o]);
  const args = [...nodeArgs, path.join(REPO, 'bin', 'samsa.js'), 'server', 'start', ...overrides];
  const t0 = process.hrtime.bigint();
  const child = opts.raiseFdLimit
    ? spawn('bash', ['-c', RAISE_FD_LIMIT, process.execPath, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  const tail: string[] = [];
  const address = await waitForAddress(child, 'samsa started', opts.timeoutMs ?? 30000, tail).catch(async (err) => { await stopChild(child, 2000); throw err; });
  const startedMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const shown = args.map((a) => (a.startsWith(REPO) ? path.relative(REPO, a) : a)).map((a) => a.replace(dataDir, '$DATA'));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    name: layout.name, bootstrap: address, pid: child.pid!, startedMs,
    command: `${opts.raiseFdLimit ? `ulimit -n ${FD_LIMIT}; ` : ''}node ${shown.join(' ')}`,
    logTail: () => tail.join('\n'),
    stop: () => stopChild(child, 30000),
    kill: async () => { if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited; } },
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}
