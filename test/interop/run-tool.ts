// Running the interop clients (kcat, /usr/bin/python3 scripts) as child processes with time
// limits, collecting their output, and the streaming producer used by the kill tests.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../helpers/child-broker';

/** Debian's python3, where python3-kafka and python3-confluent-kafka are installed. */
export const PYTHON = '/usr/bin/python3';
export const pyScript = (name: string): string => path.join(repoRoot(), 'test', 'interop', 'py', name);

const live = new Set<ChildProcess>();
process.once('exit', () => { for (const p of live) p.kill('SIGKILL'); });

export interface ToolResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs cmd to completion (SIGKILL after timeoutMs); stdout goes to stdoutFile when given. */
export function runTool(cmd: string, args: string[], opts: { timeoutMs: number; stdoutFile?: string; stdin?: string }): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const out = opts.stdoutFile ? fs.openSync(opts.stdoutFile, 'w') : null;
    const proc = spawn(cmd, args, { stdio: [opts.stdin ? 'pipe' : 'ignore', out ?? 'pipe', 'pipe'] });
    live.add(proc);
    let stdout = '';
    let stderr = '';
    proc.stdout?.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    proc.stderr!.on('data', (c: Buffer) => { if (stderr.length < 1 << 20) stderr += c.toString('utf8'); });
    if (opts.stdin) proc.stdin!.end(opts.stdin);
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; proc.kill('SIGKILL'); }, opts.timeoutMs);
    proc.once('error', (err) => { clearTimeout(timer); live.delete(proc); if (out !== null) fs.closeSync(out); reject(err); });
    proc.once('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(proc);
      if (out !== null) fs.closeSync(out);
      if (timedOut) reject(new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} timed out after ${opts.timeoutMs} ms\n${stderr.slice(-4000)}`));
      else resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The JSON after "RESULT " on the script's stdout. */
function resultOf(r: ToolResult, what: string): any {
  const line = r.stdout.split('\n').reverse().find((l) => l.startsWith('RESULT '));
  if (r.code !== 0 || !line) throw new Error(`${what} failed (code ${r.code}, signal ${r.signal}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(line.slice(7));
}

/** Runs one of test/interop/py/*.py and returns its RESULT object. */
export async function runPy(script: string, args: string[], timeoutMs = 300_000): Promise<any> {
  const r = await runTool(PYTHON, [pyScript(script), ...args], { timeoutMs });
  return resultOf(r, `${script} ${args[0]}`);
}

/**
 * A `stream` producer script: sends records until stopped, reporting "ACKED n" lines.
 * waitForAcks() resolves once n records are acknowledged; stop() sends SIGTERM and returns RESULT.
 */
export class StreamingProducer {
  acked = 0;
  private readonly proc: ChildProcess;
  private stdout = '';
  private stderr = '';
  private readonly closed: Promise<ToolResult>;
  private waiters: { n: number; resolve: () => void }[] = [];

  constructor(script: string, args: string[]) {
    this.proc = spawn(PYTHON, [pyScript(script), 'stream', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this.proc);
    let partial = '';
    this.proc.stdout!.on('data', (c: Buffer) => {
      const s = c.toString('utf8');
      this.stdout += s;
      partial += s;
      const lines = partial.split('\n');
      partial = lines.pop()!;
      for (const l of lines) if (l.startsWith('ACKED ')) this.acked = Math.max(this.acked, Number(l.slice(6)));
      this.waiters = this.waiters.filter((w) => { if (this.acked >= w.n) { w.resolve(); return false; } return true; });
      if (this.stdout.length > 1 << 20) this.stdout = this.stdout.slice(-(1 << 16));
    });
    this.proc.stderr!.on('data', (c: Buffer) => { if (this.stderr.length < 1 << 20) this.stderr += c.toString('utf8'); });
    this.closed = new Promise((resolve) => this.proc.once('close', (code, signal) => {
      live.delete(this.proc);
      resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
    }));
  }

  get running(): boolean { return this.proc.exitCode === null && this.proc.signalCode === null; }

  /** Resolves when at least n records are acknowledged; rejects after timeoutMs or if the script ends first. */
  waitForAcks(n: number, timeoutMs: number): Promise<void> {
    if (this.acked >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.acked} of ${n} records acknowledged after ${timeoutMs} ms\n${this.stderr.slice(-4000)}`)), timeoutMs);
      const w = { n, resolve: () => { clearTimeout(timer); resolve(); } };
      this.waiters.push(w);
      void this.closed.then(() => { clearTimeout(timer); if (this.acked < n) reject(new Error(`producer ended with ${this.acked} of ${n} acknowledged\n${this.stderr.slice(-4000)}`)); });
    });
  }

  /** SIGTERM: the script stops sending, flushes (bounded) and prints RESULT. SIGKILL after timeoutMs. */
  async stop(timeoutMs = 150_000): Promise<any> {
    if (this.running) this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    const r = await this.closed;
    clearTimeout(timer);
    return resultOf(r, 'stream producer');
  }

  /** Ends the script at once (cleanup after a failure). */
  async kill(): Promise<void> {
    if (this.running) this.proc.kill('SIGKILL');
    await this.closed;
  }
}
