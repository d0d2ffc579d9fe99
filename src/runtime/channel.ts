// A typed message link between two threads over a pair of SAB rings (one each way).
//
// Each message on the ring is: [u32 envelopeLength][u32 flags] envelope (msgpackr, see
// envelope.ts), zero padding to 8 bytes, then the raw payload bytes. The payload (record
// batches) is copied beside the envelope, never encoded inside it, and starts 8-aligned in
// the ring. A sender that wants a payload part to keep its alignment (V8 copies into shared
// memory about 5× faster when source and target agree mod 8) puts a short pad before it and
// tells the receiver in its envelope (see src/api/produce.ts).
//
// By default the receiver gets each payload as a fresh heap copy it may keep. With
// `lendPayloads` set (src/runtime/rpc.ts sets it for the partition owners) it gets a view of
// the ring memory instead, valid only until the handler returns: the frame is released to the
// producer after that, so a handler that keeps any of the bytes must copy them.
//
//   const sabs = Channel.create();                 // post `sabs` to the other thread
//   const ch = new Channel(sabs, 'a');             // the other side: new Channel(sabs, 'b')
//   ch.onMessage((env, payload) => { ... });
//   const r = ch.send({ kind: 1, connId, seq }, batch);   // true, or a Promise when queued
//   if (r !== true && !ch.writable) { socket.pause(); ch.once('drain', () => socket.resume()); }
import EventEmitter from 'eventemitter3';
import { RingQueue, ringClosedError } from './ring-queue';
import { encodeEnvelope, decodeEnvelope } from './envelope';

export interface ChannelSabs {
  readonly aToB: SharedArrayBuffer;
  readonly bToA: SharedArrayBuffer;
}

export interface ChannelOptions {
  /** Messages delivered per batch before yielding to the event loop (default 256). */
  batchSize?: number;
  /** `writable` turns false when backlogBytes reaches this (default: the ring's capacity). */
  highWaterMark?: number;
}

/** `lent`: payload is ring memory, valid only during the call (see `lendPayloads`). */
export type ChannelHandler = (envelope: any, payload: Buffer | null, lent?: boolean) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ChannelEvents {
  /** The send backlog is empty again after a send had to queue. */
  drain: [];
  /** The channel closed (either side). */
  close: [];
  /** A message handler threw (without a listener the error is rethrown asynchronously). */
  error: [unknown];
}

interface Queued {
  parts: Uint8Array[];
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const HEADER = 8;
const F_PAYLOAD = 1;
const PADDING: readonly Buffer[] = Array.from({ length: 8 }, (_, n) => Buffer.alloc(n));
const noop = (): void => undefined;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Channel extends EventEmitter<ChannelEvents> {
  /** The two rings of a channel; post this object to the other thread. */
  static create(capacityBytes = 4 * 1024 * 1024): ChannelSabs {
    return { aToB: RingQueue.allocate(capacityBytes), bToA: RingQueue.allocate(capacityBytes) };
  }

  private readonly tx: RingQueue;
  private readonly rx: RingQueue;
  private readonly batchSize: number;
  private readonly highWaterMark: number;
  private readonly queue: Queued[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  private inflight: Queued | null = null; // accepted by the ring, still fragmenting
  private pumping = false;
  private handler: ChannelHandler | null = null;
  private receiving = false;
  private isClosed = false;
  /**
   * Receiver: hand payloads to the handler as views of ring memory (no copy), valid only until
   * the handler returns. Only for handlers that are done with the bytes when they return.
   */
  lendPayloads = false;

  constructor(sabs: ChannelSabs, side: 'a' | 'b', options: ChannelOptions = {}) {
    super();
    this.tx = new RingQueue(side === 'a' ? sabs.aToB : sabs.bToA);
    this.rx = new RingQueue(side === 'a' ? sabs.bToA : sabs.aToB);
    this.batchSize = options.batchSize ?? 256;
    this.highWaterMark = options.highWaterMark ?? this.tx.capacity;
  }

  get closed(): boolean {
    if (!this.isClosed && (this.tx.closed || this.rx.closed)) this.close();
    return this.isClosed;
  }

  /** Bytes accepted by send() and not yet in the ring. */
  get backlogBytes(): number {
    return this.queuedBytes + this.tx.pendingBytes;
  }

  /** False while the backlog is at or above the high-water mark: a reader should pause. */
  get writable(): boolean {
    return !this.isClosed && this.backlogBytes < this.highWaterMark;
  }

  /**
   * Sends an envelope with an optional raw payload. Returns true when the whole message is in
   * the ring; otherwise a Promise that resolves, in send order, once it is (and rejects if the
   * channel closes first). Payload buffers must not be modified until then. Throws if closed.
   */
  send(envelope: object, payload?: Buffer | readonly Buffer[] | null): true | Promise<void> {
    if (this.closed) throw ringClosedError();
    const env = encodeEnvelope(envelope, HEADER);
    const envLength = env.length - HEADER;
    env[0] = envLength; env[1] = envLength >>> 8; env[2] = envLength >>> 16; env[3] = envLength >>> 24;
    env[4] = payload == null ? 0 : F_PAYLOAD; env[5] = env[6] = env[7] = 0;
    const parts: Uint8Array[] = [env];
    let bytes = env.length;
    if (payload != null) {
      const pad = (8 - (env.length & 7)) & 7;
      if (pad !== 0) { parts.push(PADDING[pad]); bytes += pad; }
      if (payload instanceof Uint8Array) { parts.push(payload); bytes += payload.length; } else {
        for (const p of payload as readonly Buffer[]) { parts.push(p); bytes += p.length; }
      }
    }
    if (this.queue.length === this.queueHead && this.inflight === null && this.tx.tryWrite(parts)) {
      if (!this.tx.pending) return true;
      const [item, p] = this.item(parts, 0);
      this.inflight = item;
      void this.pump();
      return p;
    }
    const [item, p] = this.item(parts, bytes);
    this.queue.push(item);
    this.queuedBytes += bytes;
    void this.pump();
    return p;
  }

  /** Resolves when the backlog is empty (at once if it is). */
  waitDrain(): Promise<void> {
    if (this.backlogBytes === 0 && this.inflight === null) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => { this.off('drain', done); this.off('close', done); resolve(); };
      this.on('drain', done);
      this.on('close', done);
    });
  }

  /** Installs the receiver and starts delivering, in order; the loop keeps the thread alive while open. */
  onMessage(cb: ChannelHandler): void {
    this.handler = cb;
    if (!this.receiving && !this.isClosed) {
      this.receiving = true;
      void this.receiveLoop();
    }
  }

  /** Closes both directions for both sides; queued sends reject, the receive loop stops. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.tx.close();
    this.rx.close();
    const err = ringClosedError();
    if (this.inflight !== null) { this.inflight.reject(err); this.inflight = null; }
    for (let i = this.queueHead; i < this.queue.length; i++) this.queue[i].reject(err);
    this.queue.length = 0;
    this.queueHead = 0;
    this.queuedBytes = 0;
    this.emit('close');
  }

  private item(parts: Uint8Array[], bytes: number): [Queued, Promise<void>] {
    let item!: Queued;
    const p = new Promise<void>((resolve, reject) => { item = { parts, bytes, resolve, reject }; });
    p.catch(noop); // a caller that ignores the promise must not crash the process on close
    return [item, p];
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        if (this.inflight !== null) {
          if (!this.tx.flush()) { await this.tx.waitWritable(); continue; }
          this.inflight.resolve();
          this.inflight = null;
        }
        if (this.queueHead === this.queue.length) break;
        const item = this.queue[this.queueHead];
        if (!this.tx.tryWrite(item.parts)) { await this.tx.waitWritable(); continue; }
        this.queue[this.queueHead++] = undefined as unknown as Queued;
        this.queuedBytes -= item.bytes;
        if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
          this.queue.splice(0, this.queueHead);
          this.queueHead = 0;
        }
        if (this.tx.pending) this.inflight = item; else item.resolve();
      }
    } catch (err) {
      if (!this.closed) throw err;
    } finally {
      this.pumping = false;
    }
    if (!this.isClosed) {
      this.queue.length = 0;
      this.queueHead = 0;
      this.emit('drain');
    }
  }

  /** Decodes one message in place (bytes may be ring memory, valid only during this call). */
  private readonly deliver = (bytes: Buffer, start: number, end: number, owned: boolean): void => {
    const envLength = bytes.readUInt32LE(start);
    const flags = bytes.readUInt32LE(start + 4);
    const envelope = decodeEnvelope(bytes, start + HEADER, start + HEADER + envLength);
    let payload: Buffer | null = null;
    let lent = false;
    if ((flags & F_PAYLOAD) !== 0) {
      const from = start + ((HEADER + envLength + 7) & ~7);
      if (owned) payload = bytes.subarray(from, end);
      else if (this.lendPayloads) { payload = bytes.subarray(from, end); lent = true; } else {
        payload = Buffer.allocUnsafe(end - from); // 8-aligned, like the source
        payload.set(new Uint8Array(bytes.buffer, bytes.byteOffset + from, end - from));
      }
    }
    try {
      this.handler!(envelope, payload, lent);
    } catch (err) {
      if (this.listenerCount('error') > 0) this.emit('error', err);
      else process.nextTick(() => { throw err; });
    }
  };

  private async receiveLoop(): Promise<void> {
    const rx = this.rx;
    let turnsWithoutYield = 0;
    while (!this.closed) {
      rx.drainInPlace(this.deliver, this.batchSize);
      if (this.closed) break;
      if (rx.readableNow() || ++turnsWithoutYield > 4) {
        turnsWithoutYield = 0;
        await nextTurn();
        continue;
      }
      const woken = rx.waitReadable();
      if (rx.consumerSleeping) turnsWithoutYield = 0; // a real sleep ends in a new macrotask
      await woken;
    }
  }
}
