import { expect } from 'chai';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Channel, ChannelSabs } from '../../../src/runtime/channel';

const ECHO = path.join(__dirname, 'fixtures', 'channel-echo-worker.js');

function startEcho(sabs: ChannelSabs, extra: object = {}): { worker: Worker; exited: Promise<number> } {
  const worker = new Worker(ECHO, { workerData: { sabs, ...extra } });
  const exited = new Promise<number>((resolve, reject) => { worker.once('exit', resolve); worker.once('error', reject); });
  return { worker, exited };
}

function collect(ch: Channel, n: number): Promise<Array<{ env: any; payload: Buffer | null }>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const got: Array<{ env: any; payload: Buffer | null }> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve) => {
    ch.onMessage((env, payload) => {
      got.push({ env, payload });
      if (got.length === n) resolve(got);
    });
  });
}

describe('runtime/channel', () => {
  it('round-trips envelopes of many shapes with and without payloads across threads', async () => {
    const sabs = Channel.create(64 * 1024);
    const { exited } = startEcho(sabs);
    const ch = new Channel(sabs, 'a');
    const envelopes: object[] = [
      { kind: 1, connId: 7, seq: 1 },
      { kind: 2, connId: 7, seq: 2, apiKey: 0, apiVersion: 9, correlationId: 42 },
      { code: 'SAMSA_ERR_STORAGE', message: 'disk full', kafkaError: 56 },
      { op: 'unknown shape', nested: { topic: 't', partition: 3 }, list: [1, 'two', null, 2 ** 40], bytes: Buffer.from([1, 2, 3]) },
      { anotherUnknown: true, n: -1.5 },
      { kind: 3, connId: 8, seq: 3 },
    ];
    const payloads: Array<Buffer | Buffer[] | undefined> = [
      Buffer.from('record batch bytes'), undefined, Buffer.alloc(0), [Buffer.from('ab'), Buffer.from('cde')], Buffer.alloc(200_000, 9), undefined,
    ];
    const replies = collect(ch, envelopes.length);
    envelopes.forEach((e, i) => { void ch.send(e, payloads[i]); });
    const got = await replies;
    got.forEach(({ env, payload }, i) => {
      expect(env).to.deep.equal({ ...envelopes[i], echoed: true });
      const p = payloads[i];
      if (p === undefined) expect(payload).to.equal(null);
      else expect(payload!.equals(Buffer.isBuffer(p) ? p : Buffer.concat(p))).to.equal(true);
      if (payload !== null && payload.length > 0) expect(payload.byteOffset % 8).to.equal(0);
    });
    ch.close();
    expect(await exited).to.equal(0);
  });

  it('lends payloads as views of ring memory to a receiver that asks for it; otherwise delivers copies', async () => {
    const sabs = Channel.create(64 * 1024);
    const a = new Channel(sabs, 'a');
    const b = new Channel(sabs, 'b');
    const seen: { payload: Buffer | null; lent: boolean | undefined; shared: boolean; text: string }[] = [];
    const done = new Promise<void>((resolve) => b.onMessage((env, payload, lent) => {
      seen.push({ payload, lent, shared: payload?.buffer instanceof SharedArrayBuffer, text: payload?.toString() ?? '' });
      if (env.last) resolve();
    }));
    a.send({ n: 1 }, Buffer.from('copied'));
    await new Promise((r) => setTimeout(r, 20));
    b.lendPayloads = true;
    a.send({ n: 2 }, [Buffer.from('len'), Buffer.from('t')]);
    a.send({ n: 3 }, null);
    const big = Buffer.alloc(50_000, 7); // more than half the ring: fragmented, reassembled on the heap
    void a.send({ n: 4, last: true }, big);
    await done;
    expect(seen.map((s) => [s.text.slice(0, 6), s.lent, s.shared])).to.deep.equal([
      ['copied', false, false], ['lent', true, true], ['', false, false], [big.toString().slice(0, 6), false, false],
    ]);
    expect(seen[1].payload!.byteOffset % 8).to.equal(0); // payloads start 8-aligned in the ring
    expect(seen[3].payload!.equals(big)).to.equal(true);
    a.close();
  });

  it('keeps order over many messages, including payloads larger than the ring', async function () {
    this.timeout(30000);
    const sabs = Channel.create(32 * 1024);
    const { exited } = startEcho(sabs);
    const ch = new Channel(sabs, 'a');
    const N = 20000;
    const sizes = Array.from({ length: N }, (_, i) => (i % 1000 === 999 ? 300_000 : (i * 7919) % 900));
    const replies = collect(ch, N);
    const sends: Array<true | Promise<void>> = [];
    for (let i = 0; i < N; i++) sends.push(ch.send({ kind: 9, connId: 1, seq: i }, Buffer.alloc(sizes[i], i & 0xff)));
    const got = await replies;
    await Promise.all(sends);
    got.forEach(({ env, payload }, i) => {
      if (env.seq !== i) throw new Error(`out of order at ${i}: ${env.seq}`);
      if (payload!.length !== sizes[i] || (sizes[i] > 0 && payload![sizes[i] - 1] !== (i & 0xff))) throw new Error(`payload ${i} differs`);
    });
    expect(ch.backlogBytes).to.equal(0);
    ch.close();
    expect(await exited).to.equal(0);
  });

  it('queues sends when the ring is full, reports back-pressure, and drains in order', async () => {
    const sabs = Channel.create(16 * 1024);
    const { worker, exited } = startEcho(sabs, { waitForGo: true });
    const ch = new Channel(sabs, 'a', { highWaterMark: 8 * 1024 });
    const results: Array<true | Promise<void>> = [];
    let i = 0;
    while (ch.writable) results.push(ch.send({ kind: 1, connId: 1, seq: i++ }, Buffer.alloc(1000, 1)));
    expect(results.filter((r) => r === true).length).to.be.greaterThan(0);
    expect(results[results.length - 1]).to.be.instanceOf(Promise);
    expect(ch.backlogBytes).to.be.at.least(8 * 1024);
    const order: number[] = [];
    results.forEach((r, k) => { if (r !== true) void r.then(() => order.push(k)); });
    let drained = false;
    ch.once('drain', () => { drained = true; });
    const replies = collect(ch, results.length);
    worker.postMessage('go');
    await ch.waitDrain();
    await Promise.all(results);
    expect(drained).to.equal(true);
    expect(ch.backlogBytes).to.equal(0);
    expect(ch.writable).to.equal(true);
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect((await replies).map((r) => r.env.seq)).to.deep.equal(results.map((_, k) => k));
    ch.close();
    expect(await exited).to.equal(0);
  });

  it('rejects sends once closed, from either side, and stops the receiver', async () => {
    const sabs = Channel.create(16 * 1024);
    const { worker, exited } = startEcho(sabs, { waitForGo: true });
    const ch = new Channel(sabs, 'a');
    const queued: Array<true | Promise<void>> = [];
    for (let i = 0; i < 40; i++) queued.push(ch.send({ kind: 1, connId: 1, seq: i }, Buffer.alloc(1000)));
    const pending = queued.filter((r): r is Promise<void> => r !== true);
    expect(pending.length).to.be.greaterThan(0);
    let closedEvent = false;
    ch.on('close', () => { closedEvent = true; });
    ch.onMessage(() => undefined);
    ch.close();
    expect(closedEvent).to.equal(true);
    for (const p of pending) await p.then(() => { throw new Error('should reject'); }, (err) => expect(String(err)).to.match(/closed/));
    expect(() => ch.send({ kind: 1, connId: 1, seq: 99 })).to.throw(/closed/);
    worker.postMessage('go');
    expect(await exited).to.equal(0); // the worker's receive loop saw the close and let it exit

    // The other side closes: our receive loop stops and sends throw.
    const sabs2 = Channel.create(16 * 1024);
    const second = startEcho(sabs2);
    const ch2 = new Channel(sabs2, 'a');
    const closed2 = new Promise<void>((resolve) => ch2.once('close', resolve));
    ch2.onMessage(() => undefined);
    void ch2.send({ op: 'close' });
    await closed2;
    expect(ch2.closed).to.equal(true);
    expect(() => ch2.send({ kind: 1, connId: 1, seq: 1 })).to.throw(/closed/);
    expect(await second.exited).to.equal(0);
  });

  it('reports a throwing handler on the error event and keeps delivering', async () => {
    const sabs = Channel.create(16 * 1024);
    const a = new Channel(sabs, 'a');
    const b = new Channel(sabs, 'b');
    const errors: unknown[] = [];
    const seen: number[] = [];
    b.on('error', (e) => errors.push(e));
    const done = new Promise<void>((resolve) => b.onMessage((env) => {
      seen.push(env.seq);
      if (env.seq === 1) throw new Error('boom');
      if (env.seq === 2) resolve();
    }));
    for (let i = 0; i < 3; i++) a.send({ kind: 0, connId: 0, seq: i });
    await done;
    expect(seen).to.deep.equal([0, 1, 2]);
    expect(errors.map(String)).to.deep.equal(['Error: boom']);
    a.close();
    expect(b.closed).to.equal(true);
  });
});
