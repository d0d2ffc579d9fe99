// An embedded broker in a child process: `node bin/samsa.js server start --override ...`
// with an IPC channel. The child says where it listens once it is ready and serves fault
// control over the channel (src/embed/child-control.ts); stop() is SIGTERM (a clean stop).
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { FaultInfo } from '../net/fault-injection';
import { CONTROL_TAG, type ControlRequest, type ReadyMessage } from './child-control';
import type { FaultBackend } from './fault-control';
import type { BrokerInstance, InstanceOptions } from './instance';

const TAIL_CHARS = 32 * 1024;
const STOP_TIMEOUT_MS = 30_000;

// children still running when this process exits (a test run that forgot stop()) go with it
const live = new Set<ChildProcess>();
let exitHook = false;

/** bin/samsa.js of this package (dist/src/embed → package root). */
export function samsaBin(): string {
  let dir = __dirname;
  for (;;) {
    const bin = path.join(dir, 'bin', 'samsa.js');
    if (fs.existsSync(bin) && fs.existsSync(path.join(dir, 'package.json'))) return bin;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`samsa's bin/samsa.js not found above ${__dirname}`);
    dir = up;
  }
}

export async function startChildProcess(opts: InstanceOptions): Promise<BrokerInstance> {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => { for (const p of live) p.kill('SIGKILL'); });
  }
  const args = [samsaBin(), 'server', 'start'];
  for (const [k, v] of Object.entries(opts.props)) args.push('--override', `${k}=${v}`);
  const proc = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, SAMSA_CONTROL: 'ipc', SAMSA_LOG_LEVEL: opts.logLevel },
  });
  live.add(proc);
  let tail = '';
  let forward = false; // before it is ready, the output only goes into a start-up error
  const onOutput = (c: Buffer) => {
    if (forward) process.stderr.write(c);
    tail += c.toString('utf8');
    if (tail.length > TAIL_CHARS * 2) tail = tail.slice(-TAIL_CHARS);
  };
  proc.stdout!.on('data', onOutput);
  proc.stderr!.on('data', onOutput);

  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let gone: Error | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      live.delete(proc);
      gone = new Error(`samsa broker process ${proc.pid} exited (code ${code}, signal ${signal})`);
      for (const p of pending.values()) p.reject(gone);
      pending.clear();
      resolve({ code, signal });
    });
  });
  proc.on('error', () => { /* reported through 'exit' or the start timeout */ });

  let onReady!: (m: ReadyMessage) => void;
  const ready = new Promise<ReadyMessage>((resolve) => { onReady = resolve; });
  proc.on('message', (msg: any) => {
    if (!msg || typeof msg !== 'object') return;
    if (msg[CONTROL_TAG] === 'ready') onReady(msg as ReadyMessage);
    else if (msg[CONTROL_TAG] === 'res') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    }
  });

  let timer: NodeJS.Timeout | undefined;
  let info: ReadyMessage;
  try {
    info = await Promise.race([
      ready,
      exited.then(({ code, signal }) => { throw new Error(`samsa exited before it was ready (code ${code}, signal ${signal}):\n${tail}`); }),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`samsa was not ready within ${opts.startTimeoutMs} ms:\n${tail}`)), opts.startTimeoutMs); }),
    ]);
  } catch (err) {
    proc.kill('SIGKILL');
    await exited;
    throw err;
  } finally {
    clearTimeout(timer);
  }
  forward = true;

  const call = <T>(req: ControlRequest): Promise<T> => {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      proc.send({ [CONTROL_TAG]: 'req', id, ...req }, (err) => {
        if (err && pending.delete(id)) reject(err);
      });
    });
  };
  const faults: FaultBackend = {
    add: (spec) => call<FaultInfo>({ op: 'add', args: spec }),
    remove: async (id) => { await call({ op: 'remove', args: id }); },
    clear: async () => { await call({ op: 'clear' }); },
    info: async (id) => (await call<FaultInfo | null>({ op: 'info', args: id })) ?? undefined,
    list: () => call<FaultInfo[]>({ op: 'list' }),
  };

  let stopping: Promise<void> | null = null;
  return {
    host: info.host, port: info.port, bootstrap: info.bootstrap, faults,
    stop() {
      stopping ??= (async () => {
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        proc.kill('SIGTERM');
        let t: NodeJS.Timeout | undefined;
        const res = await Promise.race([exited, new Promise<null>((r) => { t = setTimeout(() => r(null), STOP_TIMEOUT_MS); })]);
        clearTimeout(t);
        if (res === null) {
          proc.kill('SIGKILL');
          await exited;
          throw new Error(`samsa did not stop within ${STOP_TIMEOUT_MS} ms after SIGTERM:\n${tail}`);
        }
        if (res.code !== 0) throw new Error(`samsa exited with code ${res.code} (signal ${res.signal}) on stop:\n${tail}`);
      })();
      return stopping;
    },
  };
}
