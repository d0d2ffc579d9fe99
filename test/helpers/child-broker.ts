// Run samsa as a child process (bin/samsa.js server start) on 127.0.0.1 for tests that need a
// real process: start on port 0 with a given data dir, read the bound address from its log,
// stop with SIGTERM, kill with SIGKILL, start again on the same dir (optionally the same port).
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root (the directory holding samsa's package.json), from src or dist. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'samsa') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`samsa package.json not found above ${__dirname}`);
    dir = up;
  }
}

export interface ChildBrokerOptions {
  /** Data dir (log.dirs); a fresh temporary one (removed by cleanup()) when omitted. */
  dataDir?: string;
  /** Extra `--override key=value` settings; listeners and log.dirs are set by the helper. */
  overrides?: Record<string, string | number | boolean>;
  /** Port to bind (0 = any free port). */
  port?: number;
  /** How long to wait for the "samsa started" line. */
  startTimeoutMs?: number;
}

const TAIL_BYTES = 64 * 1024;

// Brokers still running when the test process exits (a crash, an aborted run) are killed with it.
const live = new Set<ChildProcess>();
process.once('exit', () => { for (const p of live) p.kill('SIGKILL'); });

export class ChildBroker {
  readonly dataDir: string;
  readonly host = '127.0.0.1';
  port = 0;
  private proc: ChildProcess | null = null;
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  private logTail = '';
  private readonly ownsDataDir: boolean;
  private readonly overrides: Record<string, string | number | boolean>;
  private readonly startTimeoutMs: number;

  private constructor(opts: ChildBrokerOptions) {
    this.ownsDataDir = opts.dataDir === undefined;
    this.dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-child-'));
    this.overrides = opts.overrides ?? {};
    this.startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  }

  /** Starts a broker process and resolves once it logged its bound address. */
  static async start(opts: ChildBrokerOptions = {}): Promise<ChildBroker> {
    const b = new ChildBroker(opts);
    try {
      await b.spawn(opts.port ?? 0);
    } catch (err) {
      await b.cleanup();
      throw err;
    }
    return b;
  }

  get bootstrap(): string { return `${this.host}:${this.port}`; }
  get pid(): number | undefined { return this.proc?.pid; }
  get running(): boolean { return this.proc !== null; }
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  get log(): string { return this.logTail; }

  private append(chunk: Buffer): void {
    this.logTail += chunk.toString('utf8');
    if (this.logTail.length > TAIL_BYTES * 2) this.logTail = this.logTail.slice(-TAIL_BYTES);
  }

  private async spawn(port: number): Promise<void> {
    if (this.proc) throw new Error('broker already running');
    const args = [path.join(repoRoot(), 'bin', 'samsa.js'), 'server', 'start',
      '--override', `listeners=PLAINTEXT://${this.host}:${port}`,
      '--override', `log.dirs=${this.dataDir}`];
    for (const [k, v] of Object.entries(this.overrides)) args.push('--override', `${k}=${v}`);
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    live.add(proc);
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => {
      live.delete(proc);
      if (this.proc === proc) this.proc = null;
      resolve({ code, signal });
    }));
    this.logTail = '';
    proc.stdout!.on('data', (c: Buffer) => this.append(c));
    let pending = '';
    let found = false;
    const started = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`samsa did not start within ${this.startTimeoutMs} ms:\n${this.logTail}`)), this.startTimeoutMs);
      proc.stderr!.on('data', (c: Buffer) => {
        this.append(c);
        if (found) return;
        pending += c.toString('utf8');
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          let rec: any;
          try { rec = JSON.parse(line); } catch { continue; }
          if (rec && rec.msg === 'samsa started' && typeof rec.address === 'string') {
            clearTimeout(timer);
            found = true;
            pending = '';
            resolve(rec.address);
            return;
          }
        }
      });
      void this.exited!.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`samsa exited before starting (code ${code}, signal ${signal}):\n${this.logTail}`));
      });
    });
    let address: string;
    try {
      address = await started;
    } catch (err) {
      if (this.proc === proc) { proc.kill('SIGKILL'); await this.exited; }
      throw err;
    }
    const colon = address.lastIndexOf(':');
    this.port = Number(address.slice(colon + 1));
  }

  /** SIGTERM and wait for a clean exit; SIGKILL (and throw) if it does not exit in time or exits non-zero. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const res = await Promise.race([
      this.exited!,
      new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); }),
    ]);
    clearTimeout(timer);
    if (res === null) {
      proc.kill('SIGKILL');
      await this.exited;
      throw new Error(`samsa did not stop within ${timeoutMs} ms after SIGTERM:\n${this.logTail}`);
    }
    if (res.code !== 0) throw new Error(`samsa exited with code ${res.code} (signal ${res.signal}) after SIGTERM:\n${this.logTail}`);
  }

  /** SIGKILL and wait until the process is gone. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    proc.kill('SIGKILL');
    await this.exited;
  }

  /** Starts the broker again on the same data dir; `samePort` reuses the previous port (default: a new one). */
  async restart(opts: { samePort?: boolean } = {}): Promise<void> {
    if (this.proc) await this.stop();
    await this.spawn(opts.samePort ? this.port : 0);
  }

  /** Stops the process (SIGKILL if SIGTERM does not work) and removes a data dir the helper made. */
  async cleanup(): Promise<void> {
    try {
      if (this.proc) await this.stop().catch(async () => { await this.kill(); });
    } finally {
      if (this.ownsDataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}
