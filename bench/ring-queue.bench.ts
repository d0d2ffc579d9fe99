// Channel (SAB rings + msgpackr envelopes) vs postMessage between two threads.
// Run: node dist/bench/ring-queue.bench.js [scale] [sizes]
//   scale multiplies message counts (default 1); sizes picks rows, e.g. 100,65536
//
// Each trial sends N messages of { kind, connId, seq } plus a payload of the given size from
// the main thread to a worker, which counts them and answers after the last one. Both paths
// have flow control: the Channel by its 4 MiB ring (send() returns a Promise when full),
// postMessage by a credit window of about the same bytes (at least 1024 messages in flight;
// the worker acks every quarter window). A third row sends the bare payloads through a raw
// RingQueue (no envelope) to show what the envelope encoding costs.
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { Channel, ChannelSabs } from '../src/runtime/channel';
import { RingQueue } from '../src/runtime/ring-queue';

const RING_BYTES = 4 * 1024 * 1024;
const windowFor = (size: number): number => Math.max(1024, Math.floor(RING_BYTES / Math.max(size, 1)));

interface Result { messages: number; bytes: number; seconds: number }

function workerMain(): void {
  const { mode, sabs, ring, ackEvery } = workerData as { mode: 'channel' | 'post' | 'ring'; sabs?: ChannelSabs; ring?: SharedArrayBuffer; ackEvery: number };
  let count = 0;
  let bytes = 0;
  if (mode === 'ring') {
    const q = new RingQueue(ring!);
    let end = false;
    const onMessage = (m: Buffer): void => { if (m.length === 0) end = true; else { count++; bytes += m.length; } };
    void (async () => {
      while (!end) {
        q.drain(onMessage, 256);
        if (!end) await (q.readableNow() ? new Promise((r) => setImmediate(r)) : q.waitReadable());
      }
      parentPort!.postMessage({ count, bytes });
      q.close();
    })();
  } else if (mode === 'channel') {
    const ch = new Channel(sabs!, 'b');
    ch.onMessage((env, payload) => {
      if (env.op === 'end') { void ch.send({ op: 'done', count, bytes }); return; }
      count++;
      bytes += payload === null ? 0 : payload.length;
    });
    parentPort!.once('message', () => ch.close());
  } else {
    parentPort!.on('message', (m: { env: { op?: string }; payload?: Uint8Array }) => {
      if (m.env.op === 'end') { parentPort!.postMessage({ op: 'done', count, bytes }); parentPort!.close(); return; }
      count++;
      bytes += m.payload === undefined ? 0 : m.payload.length;
      if (count % ackEvery === 0) parentPort!.postMessage({ op: 'ack', count });
    });
  }
}

async function viaChannel(size: number, n: number): Promise<Result> {
  const sabs = Channel.create(RING_BYTES);
  const worker = new Worker(__filename, { workerData: { mode: 'channel', sabs } });
  const exited = new Promise((r) => worker.once('exit', r)); // before any await: 'exit' may follow the last message at once
  const ch = new Channel(sabs, 'a');
  const done = new Promise<{ count: number; bytes: number }>((resolve) => ch.onMessage((env) => resolve(env)));
  const payload = Buffer.alloc(size, 7);
  const env = { kind: 1, connId: 1, seq: 0 };
  await new Promise((r) => setTimeout(r, 50)); // let the worker start
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    env.seq = i;
    const r = ch.send(env, payload);
    if (r !== true) await r;
  }
  void ch.send({ op: 'end' });
  const reply = await done;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (reply.count !== n || reply.bytes !== n * size) throw new Error(`channel lost messages: ${JSON.stringify(reply)}`);
  worker.postMessage('stop');
  ch.close();
  await exited;
  return { messages: n, bytes: n * size, seconds };
}

async function viaRing(size: number, n: number): Promise<Result> {
  const ring = RingQueue.allocate(RING_BYTES);
  const worker = new Worker(__filename, { workerData: { mode: 'ring', ring } });
  const exited = new Promise((r) => worker.once('exit', r));
  const done = new Promise<{ count: number; bytes: number }>((r) => worker.once('message', r));
  const q = new RingQueue(ring);
  const parts = [Buffer.alloc(size, 7)];
  await new Promise((r) => setTimeout(r, 50));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) while (!q.tryWrite(parts)) await q.waitWritable();
  while (!q.tryWrite([])) await q.waitWritable();
  const reply = await done;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (reply.count !== n || reply.bytes !== n * size) throw new Error(`ring lost messages: ${JSON.stringify(reply)}`);
  await exited;
  return { messages: n, bytes: n * size, seconds };
}

async function viaPostMessage(size: number, n: number): Promise<Result> {
  const window = windowFor(size);
  const worker = new Worker(__filename, { workerData: { mode: 'post', ackEvery: Math.floor(window / 4) } });
  const exited = new Promise((r) => worker.once('exit', r));
  await new Promise((r) => worker.once('online', r));
  let acked = 0;
  let wake: (() => void) | null = null;
  let finish!: (m: { count: number; bytes: number }) => void;
  const done = new Promise<{ count: number; bytes: number }>((resolve) => { finish = resolve; });
  worker.on('message', (m: { op: string; count: number; bytes: number }) => {
    if (m.op === 'ack') { acked = m.count; if (wake) { const w = wake; wake = null; w(); } } else finish(m);
  });
  const payload = Buffer.alloc(size, 7);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    while (i - acked >= window) await new Promise<void>((r) => { wake = r; });
    worker.postMessage({ env: { kind: 1, connId: 1, seq: i }, payload });
  }
  worker.postMessage({ env: { op: 'end' } });
  const reply = await done;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (reply.count !== n || reply.bytes !== n * size) throw new Error(`postMessage lost messages: ${JSON.stringify(reply)}`);
  await exited;
  return { messages: n, bytes: n * size, seconds };
}

function line(label: string, r: Result): string {
  const mps = r.messages / r.seconds;
  const mbps = r.bytes / r.seconds / 1e6;
  return `${label.padEnd(12)} ${(mps / 1e3).toFixed(0).padStart(8)} k msg/s ${mbps.toFixed(0).padStart(8)} MB/s`;
}

async function main(): Promise<void> {
  const scale = Number(process.argv[2] ?? 1);
  const only = process.argv[3]?.split(',').map(Number);
  const trials = ([[100, 600_000], [1024, 400_000], [64 * 1024, 30_000]] as Array<[number, number]>)
    .filter(([size]) => only === undefined || only.includes(size));
  console.log(`node ${process.version}, ${require('os').cpus().length} cpus; best of 3 runs per row`);
  for (const [size, count] of trials) {
    const n = Math.max(1000, Math.round(count * scale));
    await viaChannel(size, Math.round(n / 10)); // warm-up
    await viaPostMessage(size, Math.round(n / 10));
    await viaRing(size, Math.round(n / 10));
    const best = async (f: () => Promise<Result>): Promise<Result> => {
      let b: Result | null = null;
      for (let i = 0; i < 3; i++) { const r = await f(); if (b === null || r.seconds < b.seconds) b = r; }
      return b!;
    };
    const raw = await best(() => viaRing(size, n));
    const ch = await best(() => viaChannel(size, n));
    const pm = await best(() => viaPostMessage(size, n));
    const label = size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
    console.log(`-- ${label} payload, ${n} messages`);
    console.log(line('channel', ch));
    console.log(line('postMessage', pm));
    console.log(line('raw ring', raw));
    console.log(`ratio        ${(pm.seconds / ch.seconds).toFixed(2)}x (channel over postMessage)`);
  }
}

if (isMainThread) main().catch((err) => { console.error(err); process.exit(1); }); else workerMain();
