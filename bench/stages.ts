// CPU cost of each step of samsa's produce path, one thread, no other work, on real traffic:
// kcat's produce requests are captured by an in-process null sink, then every step is
// replayed over all of them with samsa's own functions. This sidesteps what a sampling
// profile on a loaded 2-core box cannot: samples there also count time a thread sat
// descheduled, which lands on whatever ran last before a syscall (Atomics.notify, write).
//   node dist/bench/stages.js [--records 1000000] [--value-bytes 100]
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { decodeRequestBody, decodeRequestHeader, encodeResponseFrame } from '../src/protocol/header';
import { assignOffsets, validateProducedBatches } from '../src/protocol/record-batch';
import { crc32c } from '../src/protocol/crc32c';
import { decodeEnvelope, encodeEnvelope } from '../src/runtime/envelope';
import { writeRecordsFile } from './data';
import { kcatProduce } from './kcat';
import { startNullSink } from './null-sink';

export interface StageRow { stage: string; msPerMillion: number; usPerRequest: number; note?: string }
export interface StageResult { records: number; requests: number; bytes: number; rows: StageRow[]; wakeUs: number }

interface Part { topic: string; partition: number; records: Buffer }
interface Req { frame: Buffer; header: ReturnType<typeof decodeRequestHeader>['header']; bodyOffset: number; parts: Part[] }

/** Best (least) CPU time of `rounds` passes of fn, in ms. */
function cpuMs(fn: () => void, rounds = 5): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

/** Mean time of Atomics.notify waking a worker parked in Atomics.waitAsync (the ring doorbell), µs. */
async function wakeCostUs(n = 2000): Promise<number> {
  const sab = new SharedArrayBuffer(16);
  const i32 = new Int32Array(sab);
  const src = `
    const { workerData, parentPort } = require('worker_threads');
    const i32 = new Int32Array(workerData);
    setInterval(() => {}, 1 << 30);
    (async () => {
      parentPort.postMessage('ready');
      for (;;) {
        const v = Atomics.load(i32, 0);
        const r = Atomics.waitAsync(i32, 0, v);
        Atomics.store(i32, 1, 1);
        if (r.async) await r.value;
        Atomics.store(i32, 1, 0);
      }
    })();`;
  const w = new Worker(src, { eval: true, workerData: sab });
  await new Promise((r) => w.once('message', r));
  let total = 0n;
  let counted = 0;
  for (let k = 0; k < n; k++) {
    await new Promise((r) => setTimeout(r, 0));
    const until = Date.now() + 100;
    while (Atomics.load(i32, 1) !== 1 && Date.now() < until) { /* until the worker is parked */ }
    const t = process.hrtime.bigint();
    Atomics.add(i32, 0, 1);
    const woken = Atomics.notify(i32, 0, 1);
    total += process.hrtime.bigint() - t;
    counted += woken;
  }
  await w.terminate();
  return Number(total / BigInt(Math.max(1, n))) / 1000;
}

export async function measureStages(records: number, valueBytes: number, dir: string): Promise<StageResult> {
  const file = path.join(dir, `stages-${valueBytes}.txt`);
  writeRecordsFile(file, records, valueBytes);
  const frames: Buffer[] = [];
  const sink = await startNullSink({ partitions: 8, onProduceFrame: (f) => frames.push(Buffer.from(f)) });
  try {
    const r = await kcatProduce({ bootstrap: `${sink.host}:${sink.port}`, topic: 'stages', file, acks: 1, queueMessages: records });
    if (r.code !== 0) throw new Error(`kcat exited ${r.code}: ${r.stderr}`);
  } finally {
    await sink.stop();
    fs.rmSync(file, { force: true });
  }
  const reqs: Req[] = frames.map((frame) => {
    const { header, bodyOffset } = decodeRequestHeader(frame);
    const body = decodeRequestBody(header, frame, bodyOffset) as { topicData: { name: string; partitionData: { index: number; records: Buffer }[] }[] };
    const parts = body.topicData.flatMap((t) => t.partitionData.map((p) => ({ topic: t.name, partition: p.index, records: p.records })));
    return { frame, header, bodyOffset, parts };
  });
  const allParts = reqs.flatMap((q) => q.parts);
  const bytes = allParts.reduce((s, p) => s + p.records.length, 0);
  const ringBytes = 8 << 20;
  const ring = new Uint8Array(new SharedArrayBuffer(ringBytes + 64));
  const copies = allParts.map((p) => Buffer.from(p.records));
  const misaligned = allParts.filter((p) => p.records.byteOffset % 8 !== 0).length;

  const rows: StageRow[] = [];
  const add = (stage: string, ms: number, note?: string) => rows.push({ stage, msPerMillion: ms / records * 1e6, usPerRequest: ms * 1000 / reqs.length, note });

  add('processor: decode header + Produce body', cpuMs(() => { for (const q of reqs) decodeRequestBody(q.header, q.frame, decodeRequestHeader(q.frame).bodyOffset); }));
  add('processor: envelope encode (msgpackr)', cpuMs(() => {
    let id = 0;
    for (const q of reqs) encodeEnvelope({ op: 'produce', acks: 1, parts: q.parts.map((p) => [p.topic, p.partition, p.records.length]), id: id++ }, 8);
  }));
  const copyIn = (matched: boolean) => () => {
    let at = 64;
    for (const p of allParts) {
      if (at + p.records.length + 16 > ringBytes) at = 64;
      const dest = matched ? at + (p.records.byteOffset & 7) : at;
      ring.set(p.records, dest);
      at = (dest + p.records.length + 15) & ~7;
    }
  };
  add('processor: copy records into the SAB ring (8-aligned slot, as now)', cpuMs(copyIn(false)),
    `${misaligned} of ${allParts.length} record sets start at a byte offset that is not a multiple of 8 in the request frame`);
  add('processor: same copy, slot offset matching the source alignment', cpuMs(copyIn(true)));
  add('handler: copy records out of the ring to the heap', cpuMs(() => {
    let at = 64;
    for (const p of allParts) {
      if (at + p.records.length + 16 > ringBytes) at = 64;
      const b = Buffer.allocUnsafe(p.records.length);
      b.set(new Uint8Array(ring.buffer, at, p.records.length));
      at = (at + p.records.length + 15) & ~7;
    }
  }));
  const envs = reqs.map((q, i) => encodeEnvelope({ op: 'produce', acks: 1, parts: q.parts.map((p) => [p.topic, p.partition, p.records.length]), id: i }));
  add('handler: envelope decode (msgpackr)', cpuMs(() => { for (const e of envs) decodeEnvelope(e); }));
  add('handler: CRC-32C of every batch (native)', cpuMs(() => { for (const c of copies) crc32c(c.subarray(21)); }));
  add('handler: validateProducedBatches (CRC + record walk)', cpuMs(() => { for (const c of copies) validateProducedBatches(c, 1 << 30); }));
  add('handler: assignOffsets', cpuMs(() => { let next = 0; for (const c of copies) { assignOffsets(c, 0, next, { partitionLeaderEpoch: 0 }); next += 1000; } }));
  const seg = path.join(dir, 'stages.log');
  add('handler: append to the segment file (fs.writeSync, page cache)', cpuMs(() => {
    const fd = fs.openSync(seg, 'w');
    let pos = 0;
    for (const c of copies) { fs.writeSync(fd, c, 0, c.length, pos); pos += c.length; }
    fs.closeSync(fd);
  }, 3));
  fs.rmSync(seg, { force: true });
  add('processor: encode Produce response', cpuMs(() => {
    for (const q of reqs) {
      encodeResponseFrame(0, q.header.apiVersion, q.header.correlationId, {
        responses: [{ name: q.parts[0].topic, partitionResponses: q.parts.map((p) => ({ index: p.partition, errorCode: 0, baseOffset: 0, logAppendTimeMs: -1, logStartOffset: 0, recordErrors: [], errorMessage: null })) }],
        throttleTimeMs: 0,
      });
    }
  }));
  const wakeUs = await wakeCostUs();
  return { records, requests: reqs.length, bytes, rows, wakeUs };
}

export function stagesMarkdown(s: StageResult, valueBytes: number): string {
  const lines = [
    `${s.records.toLocaleString('en-US')} records of ${valueBytes} B captured from kcat as ${s.requests} Produce requests ` +
    `(${(s.records / s.requests).toFixed(0)} records, ${(s.bytes / s.requests / 1024).toFixed(0)} KiB of batches per request); best of 5 passes, CPU time of this thread.`,
    '',
    '| step | CPU ms per 1M records | µs per request | note |',
    '|---|---:|---:|---|',
    ...s.rows.map((r) => `| ${r.stage} | ${r.msPerMillion.toFixed(1)} | ${r.usPerRequest.toFixed(1)} | ${r.note ?? ''} |`),
    '',
    `Waking a thread parked in \`Atomics.waitAsync\` (the ring doorbell) costs the waker ${s.wakeUs.toFixed(1)} µs per \`Atomics.notify\` here (mean of 2000).`,
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const get = (n: string, d: string) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : d; };
  const valueBytes = Number(get('--value-bytes', '100'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-stages-'));
  try {
    const s = await measureStages(Number(get('--records', '1000000')), valueBytes, dir);
    process.stdout.write(`${stagesMarkdown(s, valueBytes)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main(process.argv.slice(2)).then(() => process.exit(0), (err) => { process.stderr.write(`${(err as Error).stack}\n`); process.exit(1); });
