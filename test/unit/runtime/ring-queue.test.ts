import { expect } from 'chai';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { RingQueue } from '../../../src/runtime/ring-queue';

const ECHO = path.join(__dirname, 'fixtures', 'ring-echo-worker.js');
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Deterministic pseudo-random generator (xorshift32). */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function message(seq: number, size: number): Buffer {
  const b = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) b[i] = (seq * 31 + i * 7) & 0xff;
  if (size >= 4) b.writeUInt32LE(seq, 0);
  return b;
}

/** Splits a buffer into 1..3 parts so multi-part writes get exercised. */
function split(b: Buffer, r: () => number): Buffer[] {
  if (b.length < 3 || r() < 0.5) return [b];
  const a = Math.floor(r() * b.length);
  const c = a + Math.floor(r() * (b.length - a));
  return [b.subarray(0, a), b.subarray(a, c), b.subarray(c)];
}

function drainAll(c: RingQueue): Buffer[] {
  const out: Buffer[] = [];
  c.drain((m) => out.push(m));
  return out;
}

function startEcho(inSab: SharedArrayBuffer, outSab: SharedArrayBuffer, extra: object = {}): { worker: Worker; exited: Promise<number> } {
  const worker = new Worker(ECHO, { workerData: { inSab, outSab, ...extra } });
  const exited = new Promise<number>((resolve, reject) => { worker.once('exit', resolve); worker.once('error', reject); });
  return { worker, exited };
}

/** Sends `messages` through `out` while collecting as many replies from `back`. */
async function roundTrip(out: RingQueue, back: RingQueue, messages: Buffer[], r: () => number): Promise<Buffer[]> {
  const received: Buffer[] = [];
  const reader = (async () => {
    while (received.length < messages.length) {
      back.drain((m) => received.push(m));
      if (received.length < messages.length) await back.waitReadable();
      if (back.closed) throw new Error('closed early');
    }
  })();
  for (const m of messages) {
    const parts = split(m, r);
    while (!out.tryWrite(parts)) await out.waitWritable();
    while (out.pending) if (!out.flush()) await out.waitWritable();
  }
  await reader;
  return received;
}

describe('runtime/ring-queue', () => {
  it('rounds capacity up to a power of two and rejects foreign buffers', () => {
    const q = new RingQueue(RingQueue.allocate(5000));
    expect(q.capacity).to.equal(8192);
    expect(q.maxWholeMessage).to.equal(4096 - 8);
    expect(() => new RingQueue(new SharedArrayBuffer(4096))).to.throw(/RingQueue/);
  });

  it('carries a single message, as a fresh buffer', () => {
    const sab = RingQueue.allocate(4096);
    const p = new RingQueue(sab);
    const c = new RingQueue(sab);
    expect(c.readableNow()).to.equal(false);
    expect(p.tryWrite([Buffer.from('hello '), Buffer.from('world')])).to.equal(true);
    expect(c.readableNow()).to.equal(true);
    const got = drainAll(c);
    expect(got.map(String)).to.deep.equal(['hello world']);
    expect(got[0].buffer).to.not.equal(sab);
    expect(p.tryWrite([])).to.equal(true);
    expect(drainAll(c).map((b) => b.length)).to.deep.equal([0]);
    expect(c.readableNow()).to.equal(false);
  });

  for (const start of [0, 0x7fffff00, -256]) {
    it(`wraps around the data area and the 32-bit counters (start ${start})`, () => {
      const sab = RingQueue.allocate(1024, start);
      const p = new RingQueue(sab);
      const c = new RingQueue(sab);
      const r = rng(7);
      let seq = 0;
      let next = 0;
      const check = (got: Buffer): void => {
        if (!got.equals(message(next, got.length)) || got.readUInt32LE(0) !== next) throw new Error(`message ${next} differs`);
        next++;
      };
      for (let round = 0; round < 3000; round++) {
        if (p.tryWrite(split(message(seq, 4 + Math.floor(r() * 300)), r))) seq++;
        else c.drain(check);
        if (r() < 0.3) c.drain(check, 1 + Math.floor(r() * 3));
      }
      c.drain(check);
      expect(next).to.equal(seq);
      expect(seq).to.be.greaterThan(1000);
    });
  }

  it('fragments a message larger than the ring and keeps later messages behind it', () => {
    const sab = RingQueue.allocate(4096);
    const p = new RingQueue(sab);
    const c = new RingQueue(sab);
    const big = message(1, 5 * 4096 + 13);
    expect(p.tryWrite([big.subarray(0, 1000), big.subarray(1000)])).to.equal(true);
    expect(p.pending).to.equal(true);
    expect(p.pendingBytes).to.be.greaterThan(0);
    expect(p.tryWrite([Buffer.from('small')])).to.equal(false);
    const got: Buffer[] = [];
    for (let i = 0; i < 100 && got.length < 2; i++) {
      c.drain((m) => got.push(m));
      if (!p.pending && got.length === 0) p.tryWrite([Buffer.from('small')]);
      else if (p.pending) p.flush();
      else if (got.length === 1) p.tryWrite([Buffer.from('small')]);
    }
    expect(got.length).to.equal(2);
    expect(got[0].equals(big)).to.equal(true);
    expect(String(got[1])).to.equal('small');
  });

  it('drains in place, releasing a frame only after its callback returns', () => {
    const sab = RingQueue.allocate(4096);
    const p = new RingQueue(sab);
    const c = new RingQueue(sab);
    let written = 0;
    while (p.tryWrite([message(written, 1000)])) written++;
    const seen: Array<{ owned: boolean; ok: boolean; overwrote: boolean }> = [];
    c.drainInPlace((bytes, start, end, owned) => {
      const ok = bytes.subarray(start, end).equals(message(seen.length, 1000));
      // The producer must not get this frame's space while we are still reading it.
      const overwrote = seen.length === 0 && p.tryWrite([Buffer.alloc(1000)]);
      seen.push({ owned, ok, overwrote });
    });
    expect(seen).to.deep.equal(Array.from({ length: written }, () => ({ owned: false, ok: true, overwrote: false })));

    const big = message(77, 3 * 4096 + 5);
    expect(p.tryWrite([big])).to.equal(true);
    const got: Buffer[] = [];
    for (let i = 0; i < 50 && got.length === 0; i++) {
      c.drainInPlace((bytes, start, end, owned) => {
        expect(owned).to.equal(true);
        got.push(bytes.subarray(start, end));
      });
      p.flush();
    }
    expect(got.length).to.equal(1);
    expect(got[0].equals(big)).to.equal(true);
  });

  it('resumes a producer blocked on a full ring once the consumer drains', async () => {
    const sab = RingQueue.allocate(4096);
    const p = new RingQueue(sab);
    const c = new RingQueue(sab);
    let written = 0;
    while (p.tryWrite([message(written, 500)])) written++;
    expect(written).to.be.greaterThan(4);
    let resumed = false;
    const w = p.waitWritable().then(() => { resumed = true; });
    await tick();
    await tick();
    expect(resumed).to.equal(false);
    expect(c.drain(() => undefined, 1)).to.equal(1);
    await w;
    expect(resumed).to.equal(true);
    expect(p.tryWrite([message(written, 500)])).to.equal(true);
    expect(drainAll(c).length).to.equal(written);
  });

  it('wakes a sleeping consumer', async () => {
    const sab = RingQueue.allocate(4096);
    const p = new RingQueue(sab);
    const c = new RingQueue(sab);
    let woke = false;
    const w = c.waitReadable().then(() => { woke = true; });
    expect(c.consumerSleeping).to.equal(true);
    await tick();
    expect(woke).to.equal(false);
    p.tryWrite([Buffer.from('x')]);
    await w;
    expect(drainAll(c).map(String)).to.deep.equal(['x']);

    // A replacement consumer instance (say, a restarted worker) is woken too.
    const c2 = new RingQueue(sab);
    const w2 = c2.waitReadable();
    expect(c2.consumerSleeping).to.equal(true);
    p.tryWrite([Buffer.from('y')]);
    await w2;
    expect(drainAll(c2).map(String)).to.deep.equal(['y']);
  });

  it('carries many random-size messages (up to 10x capacity) intact and in order between threads', async function () {
    this.timeout(60000);
    const out = RingQueue.allocate(64 * 1024);
    const back = RingQueue.allocate(64 * 1024);
    const { exited } = startEcho(out, back);
    const r = rng(42);
    const messages: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = r();
      const size = i % 500 === 499 ? 10 * 64 * 1024 : x < 0.9 ? Math.floor(r() * 4096) : Math.floor(r() * 3 * 64 * 1024);
      messages.push(message(i, size));
    }
    const pq = new RingQueue(out);
    const cq = new RingQueue(back);
    const got = await roundTrip(pq, cq, messages, r);
    expect(got.length).to.equal(messages.length);
    for (let i = 0; i < messages.length; i++) {
      if (!got[i].equals(messages[i])) throw new Error(`message ${i} (${messages[i].length} bytes) differs`);
    }
    pq.close();
    expect(await exited).to.equal(0);
  });

  it('loses no wake-up in a 200k-message ping-pong between threads', async function () {
    this.timeout(120000);
    const out = RingQueue.allocate(4096);
    const back = RingQueue.allocate(4096);
    const { exited } = startEcho(out, back);
    const pq = new RingQueue(out);
    const cq = new RingQueue(back);
    const N = 200000;
    const ping = Buffer.alloc(8);
    let last = -1;
    for (let i = 0; i < N; i++) {
      ping.writeUInt32LE(i, 0);
      if (!pq.tryWrite([ping])) throw new Error('ring unexpectedly full');
      while (cq.drain((m) => { last = m.readUInt32LE(0); }) === 0) await cq.waitReadable();
      if (last !== i) throw new Error(`expected echo ${i}, got ${last}`);
    }
    expect(last).to.equal(N - 1);
    pq.close();
    expect(await exited).to.equal(0);
  });

  it('close from either side stops both sides', async () => {
    // The worker closes after 3 echoes: our sleeping reader wakes, and the worker exits on its own.
    const out = RingQueue.allocate(4096);
    const back = RingQueue.allocate(4096);
    const { exited } = startEcho(out, back, { closeAfter: 3 });
    const pq = new RingQueue(out);
    const cq = new RingQueue(back);
    for (let i = 0; i < 3; i++) pq.tryWrite([message(i, 10)]);
    while (!cq.closed) {
      cq.drain(() => undefined);
      await cq.waitReadable();
    }
    expect(await exited).to.equal(0);
    expect(pq.closed).to.equal(true);
    expect(() => pq.tryWrite([Buffer.from('late')])).to.throw(/closed/);
    expect(cq.drain(() => undefined)).to.equal(0);
    await cq.waitReadable(); // resolves at once when closed
    await pq.waitWritable();

    // We close: a worker asleep in waitReadable wakes and exits.
    const out2 = RingQueue.allocate(4096);
    const back2 = RingQueue.allocate(4096);
    const second = startEcho(out2, back2);
    const pq2 = new RingQueue(out2);
    const cq2 = new RingQueue(back2);
    pq2.tryWrite([Buffer.from('one')]);
    while (cq2.drain(() => undefined) === 0) await cq2.waitReadable();
    pq2.close();
    expect(await second.exited).to.equal(0);
    expect(cq2.closed).to.equal(true);
  });
});
