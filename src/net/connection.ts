// One client connection on a processor: splits int32-size-prefixed frames, hands each to
// the dispatcher with a per-connection sequence number, and writes responses strictly in
// request order. A frame larger than socket.request.max.bytes closes the connection
// before anything is allocated for it.
//
// A frame that spans socket reads is copied into a Buffer of its own. Those Buffers come from
// a small per-thread pool, and the ones that carried a Produce request go back to it once
// their response is ready: one produce request is one such frame (100 KiB-1 MiB from
// librdkafka), and allocating each afresh kept the garbage collector busy. This is safe
// because every decoder copies what it returns except Produce's record sets, and the Produce
// handler resolves only after every partition owner answered, i.e. after the owners appended
// (or refused) the records: nothing reads the frame after its dispatch settled. Other APIs'
// frames are never reused.
import type * as net from 'net';
import type { ConnectionInfo } from '../api/types';

export type FrameDispatcher = (conn: Connection, frame: Buffer) => Promise<Buffer[] | null>;

export class CloseConnection extends Error {}

const PRODUCE = 0;
const POOL_MIN_CLASS = 16; // 64 KiB: smaller frames mostly fit in one socket read and are views of it
const POOL_MAX_CLASS = 23; // 8 MiB: larger frames are allocated exactly and left to the GC
const POOL_MAX_BYTES = 32 << 20; // per thread
const framePool: Buffer[][] = [];
let framePoolBytes = 0;

const sizeClass = (size: number): number => Math.max(POOL_MIN_CLASS, 32 - Math.clz32(size - 1));

/** A Buffer of `size` bytes for a frame, from the pool when its size class has one. */
function takeFrame(size: number): Buffer {
  const c = sizeClass(size);
  if (c > POOL_MAX_CLASS) return Buffer.allocUnsafe(size);
  const b = framePool[c]?.pop();
  if (b === undefined) return Buffer.allocUnsafeSlow(1 << c).subarray(0, size);
  framePoolBytes -= b.length;
  return b.subarray(0, size);
}

/** Gives a frame from takeFrame back once nothing refers to it any more. */
function returnFrame(frame: Buffer): void {
  const whole = frame.buffer.byteLength;
  const c = sizeClass(whole);
  if (frame.byteOffset !== 0 || whole !== 1 << c || c > POOL_MAX_CLASS || framePoolBytes + whole > POOL_MAX_BYTES) return;
  (framePool[c] ?? (framePool[c] = [])).push(Buffer.from(frame.buffer, 0, whole));
  framePoolBytes += whole;
}

export interface ConnectionLimits { maxRequestBytes: number; maxInFlight: number; maxQueuedResponseBytes: number }

export class Connection implements ConnectionInfo {
  readonly remote: string;
  clientSoftwareName?: string;
  clientSoftwareVersion?: string;
  private head: Buffer | null = null;         // bytes not yet dispatched: a partial size prefix, or frames held at maxInFlight
  private frame: Buffer | null = null;        // a large frame being filled
  private filled = 0;
  private nextSeq = 0;
  private nextWrite = 0;
  private ready = new Map<number, Buffer[] | null>();
  private inFlight = 0;
  private pausedBy = new Set<string>();
  private closed = false;
  /** closed by this side (an error, an oversized frame), not by the client */
  private aborted = false;
  private drainWaiters: (() => void)[] = [];

  constructor(readonly id: number, readonly socket: net.Socket, private dispatch: FrameDispatcher, private limits: ConnectionLimits,
    private onError: (conn: Connection, reason: string, err?: unknown) => void, private onClose: (conn: Connection) => void) {
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.resume('socket'));
    socket.on('error', (err) => this.onError(this, 'socket error', err));
    socket.on('close', () => this.finish());
  }

  get pendingRequests(): number { return this.inFlight; }

  pause(reason: string): void {
    if (this.pausedBy.size === 0) this.socket.pause();
    this.pausedBy.add(reason);
  }
  resume(reason: string): void {
    if (!this.pausedBy.delete(reason) || this.pausedBy.size > 0 || this.closed) return;
    this.socket.resume();
  }

  private onData(chunk: Buffer): void {
    let pos = 0;
    if (this.frame) {
      const n = Math.min(this.frame.length - this.filled, chunk.length);
      chunk.copy(this.frame, this.filled, 0, n);
      this.filled += n;
      pos = n;
      if (this.filled < this.frame.length) return;
      const f = this.frame;
      this.frame = null;
      this.submit(f, f.length >= 2 && f.readInt16BE(0) === PRODUCE);
    }
    if (this.head) {
      const h = this.head;
      this.head = null;
      this.process(pos < chunk.length ? Buffer.concat([h, chunk.subarray(pos)]) : h);
    } else if (pos < chunk.length) {
      this.process(pos === 0 ? chunk : chunk.subarray(pos));
    }
  }

  /** Dispatch the whole frames in `buf`; keep the rest (or all of it while at maxInFlight). */
  private process(buf: Buffer): void {
    let pos = 0;
    while (!this.closed) {
      const avail = buf.length - pos;
      if (avail === 0) return;
      if (this.inFlight >= this.limits.maxInFlight || avail < 4) {
        this.head = Buffer.from(buf.subarray(pos));
        return;
      }
      const size = buf.readInt32BE(pos);
      if (size < 0 || size > this.limits.maxRequestBytes) {
        this.onError(this, `request of ${size} bytes exceeds socket.request.max.bytes (${this.limits.maxRequestBytes})`);
        this.close();
        return;
      }
      if (avail - 4 < size) {
        // an incomplete frame: allocate it once at its announced size and fill it as data comes
        this.frame = takeFrame(size);
        buf.copy(this.frame, 0, pos + 4);
        this.filled = avail - 4;
        return;
      }
      // the frame is a view of the chunk; the API layer copies what it keeps
      this.submit(buf.subarray(pos + 4, pos + 4 + size));
      pos += 4 + size;
    }
  }

  /** `reuse`: a pooled Produce frame, given back once its response is ready (see the top of this file). */
  private submit(frame: Buffer, reuse = false): void {
    const seq = this.nextSeq++;
    this.inFlight++;
    if (this.inFlight >= this.limits.maxInFlight) this.pause('inflight');
    this.dispatch(this, frame).then(
      (res) => {
        if (reuse) returnFrame(frame);
        this.complete(seq, res);
      },
      (err) => {
        this.onError(this, err instanceof CloseConnection ? err.message : 'request failed', err instanceof CloseConnection ? undefined : err);
        this.close();
      },
    );
  }

  private complete(seq: number, res: Buffer[] | null): void {
    if (this.closed) return;
    this.ready.set(seq, res);
    while (this.ready.has(this.nextWrite)) {
      const out = this.ready.get(this.nextWrite)!;
      this.ready.delete(this.nextWrite);
      this.nextWrite++;
      this.inFlight--;
      if (out) {
        if (out.length === 1) this.socket.write(out[0]);
        else {
          this.socket.cork();
          for (const b of out) this.socket.write(b);
          this.socket.uncork();
        }
      }
    }
    if (this.inFlight < this.limits.maxInFlight) {
      if (this.head && !this.frame) {
        const h = this.head;
        this.head = null;
        this.process(h);
      }
      if (this.inFlight < this.limits.maxInFlight) this.resume('inflight');
    }
    if (this.socket.writableLength > this.limits.maxQueuedResponseBytes) this.pause('socket');
    if (this.inFlight === 0) this.notifyDrained();
  }

  /**
   * The client closed its side: whole frames still held at maxInFlight are dispatched anyway
   * (their responses are dropped), as Kafka processes requests received before a close. An
   * acks=0 producer closes right after writing, and its last requests wait here.
   */
  private dispatchHeld(): void {
    const buf = this.head;
    this.head = null;
    let pos = 0;
    while (buf !== null && buf.length - pos >= 4) {
      const size = buf.readInt32BE(pos);
      if (size < 0 || size > this.limits.maxRequestBytes || buf.length - pos - 4 < size) break;
      this.submit(buf.subarray(pos + 4, pos + 4 + size));
      pos += 4 + size;
    }
  }

  /** Resolves when every request read so far has its response written (or the connection closed). */
  drained(): Promise<void> {
    if (this.inFlight === 0 || this.closed) return Promise.resolve();
    return new Promise((r) => this.drainWaiters.push(r));
  }

  private notifyDrained(): void {
    const w = this.drainWaiters;
    this.drainWaiters = [];
    for (const r of w) r();
  }

  close(): void {
    if (this.closed) return;
    this.aborted = true;
    this.socket.destroy();
    this.finish();
  }

  /** Stop reading, write what is pending, then end the connection. */
  async shutdown(): Promise<void> {
    this.pause('shutdown');
    await this.drained();
    if (!this.closed) this.socket.end();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.aborted) this.dispatchHeld();
    this.ready.clear();
    this.notifyDrained();
    this.onClose(this);
  }
}
