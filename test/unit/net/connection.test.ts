// Connection framing and response ordering on a real socket pair (127.0.0.1, port 0).
// Exact chunk boundaries are produced by emitting 'data' on the server-side socket itself;
// everything else goes through TCP.
import { expect } from 'chai';
import * as net from 'net';
import { CloseConnection, Connection, type ConnectionLimits } from '../../../src/net/connection';

interface Pending { frame: Buffer; resolve: (r: Buffer[] | null) => void; reject: (e: unknown) => void }

function frameOf(body: Buffer | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const h = Buffer.alloc(4);
  h.writeInt32BE(b.length);
  return Buffer.concat([h, b]);
}

function patterned(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

class Rig {
  server!: net.Server;
  client!: net.Socket;
  socket!: net.Socket;
  conn!: Connection;
  readonly pending: Pending[] = [];
  readonly frames: Buffer[] = [];
  readonly errors: string[] = [];
  private chunks: Buffer[] = [];
  receivedBytes = 0;
  /** Everything the client has received so far. */
  get received(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
  clientClosed = false;
  connClosed = false;
  /** When set, dispatch answers at once with this (per frame); otherwise it waits for the test. */
  auto: ((frame: Buffer) => Buffer[] | null) | null = null;

  async start(limits: Partial<ConnectionLimits> = {}): Promise<this> {
    this.server = net.createServer();
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const accepted = new Promise<net.Socket>((r) => this.server.once('connection', r));
    this.client = net.connect((this.server.address() as net.AddressInfo).port, '127.0.0.1');
    this.client.setNoDelay(true);
    this.client.on('data', (d: Buffer) => { this.chunks.push(d); this.receivedBytes += d.length; });
    this.client.on('close', () => { this.clientClosed = true; });
    this.client.on('error', () => undefined);
    await new Promise<void>((r) => this.client.once('connect', () => r()));
    this.socket = await accepted;
    this.conn = new Connection(1, this.socket, (_c, frame) => {
      const copy = Buffer.from(frame); // the frame is a view of the chunk
      this.frames.push(copy);
      if (this.auto) return Promise.resolve(this.auto(copy));
      return new Promise((resolve, reject) => this.pending.push({ frame: copy, resolve, reject }));
    }, { maxRequestBytes: 1 << 20, maxInFlight: 1000, maxQueuedResponseBytes: 16 << 20, ...limits },
    (_c, reason) => this.errors.push(reason), () => { this.connClosed = true; });
    return this;
  }

  /** Feed exact chunks to the connection, as if they had arrived so. */
  feed(...chunks: Buffer[]): void { for (const c of chunks) this.socket.emit('data', c); }

  async stop(): Promise<void> {
    this.client.destroy();
    this.socket.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe('net/connection', function () {
  this.timeout(20000);
  let rig: Rig;
  afterEach(async () => { await rig?.stop(); });

  it('splits frames correctly whatever byte boundary a chunk ends on', async () => {
    rig = await new Rig().start({ maxInFlight: 1 << 30 }); // framing only: no flow control here
    rig.auto = () => null;
    const bodies = [Buffer.from('hello'), Buffer.alloc(0), patterned(300, 1), Buffer.from('x'), patterned(1000, 2)];
    const stream = Buffer.concat(bodies.map(frameOf));
    for (let k = 0; k <= stream.length; k++) rig.feed(stream.subarray(0, k), stream.subarray(k));
    for (let k = 0; k + 7 <= stream.length; k += 7) rig.feed(stream.subarray(0, k), stream.subarray(k, k + 7), stream.subarray(k + 7));
    const rounds = stream.length + 1 + Math.floor(stream.length / 7);
    expect(rig.frames).to.have.length(rounds * bodies.length);
    rig.frames.forEach((f, i) => expect(f.equals(bodies[i % bodies.length]), `frame ${i}`).to.equal(true));
    expect(rig.errors).to.deep.equal([]);
  });

  it('one byte at a time, and many frames in one chunk', async () => {
    rig = await new Rig().start();
    rig.auto = () => null;
    const bodies = Array.from({ length: 50 }, (_, i) => patterned(i * 3, i));
    const stream = Buffer.concat(bodies.map(frameOf));
    for (let i = 0; i < stream.length; i++) rig.feed(stream.subarray(i, i + 1));
    rig.feed(stream);
    expect(rig.frames).to.have.length(100);
    rig.frames.forEach((f, i) => expect(f.equals(bodies[i % 50]), `frame ${i}`).to.equal(true));
  });

  it('a frame over 64 KiB arriving in small chunks, with more frames behind it in the last chunk', async () => {
    rig = await new Rig().start();
    rig.auto = () => null;
    const big = patterned(200_000, 7);
    const big2 = patterned(70_000, 9);
    const stream = Buffer.concat([frameOf(big), frameOf('after'), frameOf(big2), frameOf('tail')]);
    const cut = 4 + big.length + 3; // the last chunk of `big` holds 3 bytes of the next size prefix
    for (let pos = 0; pos < cut; pos += 1000) rig.feed(stream.subarray(pos, Math.min(pos + 1000, cut)));
    expect(rig.frames).to.have.length(1);
    rig.feed(stream.subarray(cut, cut + 10)); // rest of the prefix, 'after', 2 bytes of big2's prefix
    rig.feed(stream.subarray(cut + 10));
    expect(rig.frames.map((f) => f.length)).to.deep.equal([200_000, 5, 70_000, 4]);
    expect(rig.frames[0].equals(big)).to.equal(true);
    expect(rig.frames[1].toString()).to.equal('after');
    expect(rig.frames[2].equals(big2)).to.equal(true);
    expect(rig.frames[3].toString()).to.equal('tail');
  });

  it('through TCP: a 1 MiB frame written in 4 KiB pieces and frames written together', async () => {
    rig = await new Rig().start({ maxRequestBytes: 2 << 20 });
    rig.auto = (f) => [Buffer.from(`<${f.length}>`)];
    const big = patterned(1 << 20, 3);
    const all = frameOf(big);
    for (let pos = 0; pos < all.length; pos += 4096) rig.client.write(all.subarray(pos, pos + 4096));
    rig.client.write(Buffer.concat([frameOf('a'), frameOf('bb'), frameOf('ccc')]));
    await until(() => rig.received.toString() === `<${1 << 20}><1><2><3>`, 'four responses');
    expect(rig.frames[0].equals(big)).to.equal(true);
  });

  it('reuses the memory of a large Produce frame once its response is ready, never while in flight, never for other APIs', async () => {
    rig = await new Rig().start();
    const raw: Buffer[] = [];
    const done: (() => void)[] = [];
    // a dispatcher that keeps the frames it is given (the real processor does not, past its answer)
    (rig.conn as unknown as { dispatch: (c: Connection, f: Buffer) => Promise<Buffer[] | null> }).dispatch = (_c, frame) => {
      raw.push(frame);
      return new Promise((resolve) => done.push(() => resolve(null)));
    };
    const request = (apiKey: number, n: number, seed: number): Buffer => { const b = patterned(n, seed); b.writeInt16BE(apiKey, 0); return b; };
    const send = (body: Buffer): void => { const all = frameOf(body); for (let pos = 0; pos < all.length; pos += 16384) rig.feed(all.subarray(pos, pos + 16384)); };
    const a = request(0, 200_000, 1);
    send(a);
    expect(raw[0].equals(a)).to.equal(true);
    const b = request(0, 150_000, 2);
    send(b);                                          // a is still in flight: b gets other memory
    expect(raw[1].buffer).to.not.equal(raw[0].buffer);
    done[0]();
    await new Promise((r) => setImmediate(r));
    const c = request(0, 180_000, 3);
    send(c);                                          // a's memory, now free
    expect(raw[2].buffer).to.equal(raw[0].buffer);
    expect(raw[2].equals(c)).to.equal(true);
    expect(raw[1].equals(b)).to.equal(true);
    const meta = request(3, 200_000, 4);              // not a Produce request: never given back
    send(meta);
    done[1](); done[2](); done[3]();
    await new Promise((r) => setImmediate(r));
    const seen = new Set(raw.slice(0, 3).map((f) => f.buffer));
    for (let i = 0; i < 3; i++) send(request(0, 190_000, 10 + i));
    expect(raw.slice(4).some((f) => f.buffer === raw[3].buffer)).to.equal(false);
    expect(raw.slice(4).every((f) => seen.has(f.buffer) || f.buffer !== raw[3].buffer)).to.equal(true);
    raw.slice(4).forEach((f, i) => expect(f.equals(request(0, 190_000, 10 + i))).to.equal(true));
    for (const d of done.slice(4)) d();
  });

  it('writes responses strictly in request order when dispatches finish out of order', async () => {
    rig = await new Rig().start();
    rig.client.write(Buffer.concat([0, 1, 2, 3, 4].map((i) => frameOf(`q${i}`))));
    await until(() => rig.pending.length === 5, 'five dispatches');
    expect(rig.conn.pendingRequests).to.equal(5);
    const answer = (i: number) => rig.pending[i].resolve([Buffer.from(`<${i}`), Buffer.from('>')]);
    answer(4);
    answer(2);
    answer(0);
    await until(() => rig.receivedBytes >= 3, 'first response');
    answer(3);
    answer(1);
    await until(() => rig.receivedBytes >= 15, 'all responses');
    expect(rig.received.toString()).to.equal('<0><1><2><3><4>');
    expect(rig.conn.pendingRequests).to.equal(0);
  });

  it('a null response (acks=0) writes nothing but keeps its place in the order', async () => {
    rig = await new Rig().start();
    rig.client.write(Buffer.concat([frameOf('a'), frameOf('no-answer'), frameOf('c')]));
    await until(() => rig.pending.length === 3, 'three dispatches');
    rig.pending[2].resolve([Buffer.from('<c>')]);
    rig.pending[1].resolve(null);
    await new Promise((r) => setImmediate(r));
    expect(rig.conn.pendingRequests).to.equal(3);
    rig.pending[0].resolve([Buffer.from('<a>')]);
    await rig.conn.drained();
    await until(() => rig.receivedBytes >= 6, 'two responses');
    expect(rig.received.toString()).to.equal('<a><c>');
  });

  it('an oversize or negative size prefix closes the connection before dispatching it', async () => {
    for (const size of [1001, -1]) {
      rig = await new Rig().start({ maxRequestBytes: 1000 });
      const bad = Buffer.alloc(8);
      bad.writeInt32BE(size);
      rig.auto = () => [Buffer.from('<ok>')];
      rig.client.write(Buffer.concat([frameOf('fine'), bad]));
      await until(() => rig.clientClosed, 'the close');
      expect(rig.frames.map((f) => f.toString())).to.deep.equal(['fine']);
      expect(rig.connClosed).to.equal(true);
      expect(rig.errors).to.have.length(1);
      expect(rig.errors[0]).to.contain(String(size)).and.contain('socket.request.max.bytes');
      await rig.stop();
    }
    rig = await new Rig().start({ maxRequestBytes: 1000 });
    rig.auto = () => null;
    rig.feed(frameOf(patterned(1000, 1)));
    expect(rig.frames).to.have.length(1); // exactly the limit is allowed
  });

  it('a dispatch that fails with CloseConnection closes the connection', async () => {
    rig = await new Rig().start();
    rig.client.write(frameOf('bad'));
    await until(() => rig.pending.length === 1, 'dispatch');
    rig.pending[0].reject(new CloseConnection('malformed request header'));
    await until(() => rig.clientClosed, 'the close');
    expect(rig.errors).to.deep.equal(['malformed request header']);
  });

  it('stops reading at maxInFlight and resumes when a response is written', async () => {
    rig = await new Rig().start({ maxInFlight: 2 });
    const events: string[] = [];
    rig.client.write(frameOf('r0'));
    await until(() => rig.pending.length === 1, 'first dispatch');
    expect(rig.socket.isPaused()).to.equal(false);
    rig.client.write(frameOf('r1'));
    await until(() => rig.pending.length === 2, 'second dispatch');
    expect(rig.socket.isPaused()).to.equal(true);
    rig.client.write(frameOf('r2'));
    await new Promise((r) => setTimeout(r, 50)); // room for a wrong early dispatch of r2 to show (not a pass criterion)
    events.push(`dispatched ${rig.pending.length}`);
    events.push('answer r0');
    rig.pending[0].resolve([Buffer.from('<0>')]);
    await until(() => rig.pending.length === 3, 'third dispatch');
    events.push(`dispatched ${rig.pending.length}`);
    expect(events).to.deep.equal(['dispatched 2', 'answer r0', 'dispatched 3']);
    expect(rig.frames[2].toString()).to.equal('r2');
    rig.pending[1].resolve([Buffer.from('<1>')]);
    rig.pending[2].resolve([Buffer.from('<2>')]);
    await until(() => rig.receivedBytes >= 9, 'responses');
    expect(rig.received.toString()).to.equal('<0><1><2>');
  });

  it('holds frames past maxInFlight that arrived in the same chunk until a response is written', async () => {
    rig = await new Rig().start({ maxInFlight: 2 });
    rig.feed(Buffer.concat(['a', 'b', 'c', 'd'].map((x) => frameOf(x))));
    expect(rig.frames.map((f) => f.toString())).to.deep.equal(['a', 'b']);
    rig.pending[0].resolve([Buffer.from('<a>')]);
    await until(() => rig.frames.length === 3, 'third dispatch');
    expect(rig.frames.map((f) => f.toString())).to.deep.equal(['a', 'b', 'c']);
    for (const p of rig.pending.slice(1)) p.resolve([Buffer.from('<x>')]);
    await until(() => rig.frames.length === 4, 'fourth dispatch');
    rig.pending[3].resolve([Buffer.from('<d>')]);
    await until(() => rig.receivedBytes >= 12, 'responses');
    expect(rig.received.toString()).to.equal('<a><x><x><d>');
  });

  it('pauses reading while too many response bytes are queued, resumes on drain', async () => {
    rig = await new Rig().start({ maxQueuedResponseBytes: 1024 });
    rig.client.pause();
    rig.client.write(frameOf('big please'));
    await until(() => rig.pending.length === 1, 'dispatch');
    rig.pending[0].resolve([Buffer.alloc(32 << 20, 1)]);
    await until(() => rig.socket.writableLength > 0, 'queued bytes');
    expect(rig.socket.isPaused()).to.equal(true);
    rig.client.resume();
    await until(() => rig.receivedBytes === 32 << 20, 'the whole response');
    await until(() => !rig.socket.isPaused(), 'resume on drain');
    rig.auto = () => [Buffer.from('!')];
    rig.client.write(frameOf('next'));
    await until(() => rig.receivedBytes === (32 << 20) + 1, 'the next response');
    expect(rig.received.subarray(32 << 20).toString()).to.equal('!');
  });

  it('shutdown stops reading, writes what is pending, then ends the socket', async () => {
    rig = await new Rig().start();
    rig.client.write(frameOf('last'));
    await until(() => rig.pending.length === 1, 'dispatch');
    const done = rig.conn.shutdown();
    expect(rig.socket.isPaused()).to.equal(true);
    rig.pending[0].resolve([Buffer.from('<last>')]);
    await done;
    await until(() => rig.clientClosed || rig.client.readableEnded, 'the end');
    expect(rig.received.toString()).to.equal('<last>');
  });
});
