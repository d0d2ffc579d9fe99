// Single-producer single-consumer byte ring in a SharedArrayBuffer, with fragmentation for
// messages of any size and Atomics.waitAsync sleeping that cannot lose a wake-up.
//
// Layout: 192 bytes of Int32 control words, then a power-of-two data area. Producer-written
// and consumer-written words sit on separate cache lines. HEAD and TAIL are free-running
// 32-bit byte counters (wrapping), so `(head - tail) | 0` is the number of bytes in use.
// Every frame starts 8-byte aligned with an 8-byte header [u32 payloadLength][u32 flags];
// the payload is padded to 8. A frame never straddles the end of the data area: a PAD frame
// fills the rest and the producer continues at 0. A message whose frame fits in half the ring
// travels whole (FIRST|LAST); a larger one is cut into fragments (FIRST carries the total
// length in its first 8 bytes, then MIDDLE..., LAST) that the consumer reassembles.
//
// Sleeping: the side that wants to sleep reads its doorbell word, announces itself with a
// fresh generation number in its sleep word, re-checks the ring, then waits on the doorbell
// value it read. The other side, after publishing HEAD (or TAIL), rings (add + notify) only
// if it sees a sleep generation it has not rung for yet. All accesses to these words are
// sequentially consistent, so either the sleeper's re-check sees the new data or the waker
// sees the announcement; waitAsync compares the doorbell atomically with registration.
import { SamsaError } from './samsa-error';

const CTRL_BYTES = 192;
// Int32 indices of the control words.
const HEAD = 0; //      producer: bytes written (free-running)
const R_BELL = 1; //    producer rings it when the consumer sleeps (also rung by close)
const P_SLEEP = 2; //   producer: generation of its current sleep, 0 when awake
const TAIL = 16; //     consumer: bytes consumed (free-running)
const W_BELL = 17; //   consumer rings it when the producer sleeps (also rung by close)
const C_SLEEP = 18; //  consumer: generation of its current sleep, 0 when awake
const CLOSED = 32;
const MAGIC_WORD = 33;
const SLEEP_GEN = 34; // source of sleep generations, shared so a replacement instance never reuses one
const MAGIC = 0x53524e47;

const HDR = 8; // frame header bytes
const F_FIRST = 1;
const F_LAST = 2;
const F_PAD = 4;
const MIN_CAPACITY = 1024;
const MAX_CAPACITY = 1 << 30;

const align8 = (n: number): number => (n + 7) & ~7;

type WaitAsyncResult = { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as {
  waitAsync(ta: Int32Array, index: number, value: number, timeout?: number): WaitAsyncResult;
}).waitAsync;

const RESOLVED: Promise<void> = Promise.resolve();
const noop = (): void => undefined;

export type RingPart = Uint8Array;
export type InPlaceHandler = (bytes: Buffer, start: number, end: number, owned: boolean) => void;

interface PendingMessage {
  parts: readonly RingPart[];
  part: number; // index of the part being copied
  partOffset: number; // bytes of that part already copied
  remaining: number; // bytes not yet in the ring
  total: number;
}

export function ringClosedError(): SamsaError {
  return new SamsaError('SAMSA_ERR_WORKER_LOST', 'ring queue closed');
}

export class RingQueue {
  /** A SharedArrayBuffer for a ring whose data area holds `capacityBytes` (rounded up to a power of two). */
  static allocate(capacityBytes: number, startPosition = 0): SharedArrayBuffer {
    let cap = MIN_CAPACITY;
    while (cap < capacityBytes && cap < MAX_CAPACITY) cap *= 2;
    const sab = new SharedArrayBuffer(CTRL_BYTES + cap);
    const ctrl = new Int32Array(sab, 0, CTRL_BYTES >> 2);
    // startPosition lets tests start the free-running counters near the 32-bit wrap.
    ctrl[HEAD] = ctrl[TAIL] = (startPosition & ~7) | 0;
    ctrl[MAGIC_WORD] = MAGIC;
    return sab;
  }

  readonly capacity: number;
  /** Largest message (sum of parts) written as a single frame; larger ones are fragmented. */
  readonly maxWholeMessage: number;

  private readonly ctrl: Int32Array;
  private readonly u8: Uint8Array; // the data area (plain views are cheaper to subarray)
  private readonly view: Buffer; // the same, as a Buffer for drainInPlace callers
  private readonly d32: Int32Array;
  private readonly mask: number;
  private readonly maxFragmentFrame: number;
  private readonly minFragmentFrame: number;
  private readonly publishEvery: number;

  // producer-side state
  private head: number;
  private tailCache: number;
  private pend: PendingMessage | null = null;
  private blocked = false;
  private lastSeenTail = 0;
  private lastRungConsumer = 0;

  // consumer-side state
  private tail: number;
  private asm: Buffer | null = null;
  private asmOffset = 0;
  private lastRungProducer = 0;

  // shared
  private waiters = 0;
  private readWait: Promise<void> | null = null;
  private writeWait: Promise<void> | null = null;
  private keepAlive: NodeJS.Timeout | null = null;
  private closedLocally = false;

  constructor(sab: SharedArrayBuffer) {
    if (!(sab instanceof SharedArrayBuffer)) throw new SamsaError('SAMSA_ERR_INTERNAL', 'RingQueue needs a SharedArrayBuffer');
    const cap = sab.byteLength - CTRL_BYTES;
    this.ctrl = new Int32Array(sab, 0, CTRL_BYTES >> 2);
    if (this.ctrl[MAGIC_WORD] !== MAGIC || cap < MIN_CAPACITY || (cap & (cap - 1)) !== 0) {
      throw new SamsaError('SAMSA_ERR_INTERNAL', 'not a RingQueue buffer (use RingQueue.allocate)');
    }
    this.capacity = cap;
    this.mask = cap - 1;
    this.u8 = new Uint8Array(sab, CTRL_BYTES, cap);
    this.view = Buffer.from(sab, CTRL_BYTES, cap);
    this.d32 = new Int32Array(sab, CTRL_BYTES, cap >> 2);
    this.maxWholeMessage = cap / 2 - HDR;
    this.maxFragmentFrame = cap / 4;
    this.minFragmentFrame = cap / 16;
    this.publishEvery = cap / 4;
    this.head = Atomics.load(this.ctrl, HEAD);
    this.tail = Atomics.load(this.ctrl, TAIL);
    this.tailCache = this.tail;
  }

  /** True once either side called close(). */
  get closed(): boolean {
    return this.closedLocally || Atomics.load(this.ctrl, CLOSED) !== 0;
  }

  // ---------------------------------------------------------------- producer

  /**
   * Producer: writes one message (the parts concatenated). A message of at most
   * `maxWholeMessage` bytes is written whole or not at all (false: no room now). A larger
   * message is accepted (true) and written in fragments as room allows; until `pending` is
   * false again, call `flush()` after `waitWritable()`, do not modify its buffers, and expect
   * tryWrite of further messages to return false. Throws once the ring is closed.
   */
  tryWrite(parts: readonly RingPart[]): boolean {
    if (this.closed) throw ringClosedError();
    if (this.pend !== null && !this.flush()) return false;
    let len = 0;
    for (let i = 0; i < parts.length; i++) len += parts[i].byteLength;
    if (len <= this.maxWholeMessage) return this.writeWhole(parts, len);
    this.pend = { parts, part: 0, partOffset: 0, remaining: len, total: len };
    this.flush();
    return true;
  }

  /** Producer: a fragmented message is still being written. */
  get pending(): boolean { return this.pend !== null; }

  /** Producer: bytes of the pending fragmented message not yet in the ring. */
  get pendingBytes(): number { return this.pend === null ? 0 : this.pend.remaining; }

  /** Producer: continues the pending fragmented message; true when nothing is pending any more. */
  flush(): boolean {
    const p = this.pend;
    if (p === null) return true;
    if (this.closed) throw ringClosedError();
    const cap = this.capacity;
    let refreshed = false;
    while (p.remaining > 0) {
      const idx = this.head & this.mask;
      const toEnd = cap - idx;
      const free = cap - ((this.head - this.tailCache) | 0);
      const prefix = p.remaining === p.total ? 8 : 0;
      const fullFrame = HDR + prefix + align8(p.remaining);
      const minFrame = Math.min(fullFrame, this.minFragmentFrame);
      if (toEnd < minFrame) {
        if (free >= toEnd + minFrame) { this.writePad(idx, toEnd); continue; }
      } else if (free >= minFrame) {
        const room = Math.min(toEnd, free, this.maxFragmentFrame);
        const chunk = Math.min(p.remaining, room - HDR - prefix);
        this.writeFragment(p, idx, prefix, chunk);
        refreshed = false;
        continue;
      }
      if (refreshed) break;
      this.tailCache = Atomics.load(this.ctrl, TAIL);
      refreshed = true;
    }
    if (p.remaining > 0) { this.block(); return false; }
    this.pend = null;
    this.blocked = false;
    return true;
  }

  /**
   * Producer: resolves once the consumer has freed space since the last failed tryWrite/flush
   * (at once if nothing failed or the ring is closed). Retry afterwards; it may fail again.
   */
  waitWritable(): Promise<void> {
    if (!this.blocked || this.closed) return RESOLVED;
    if (this.writeWait !== null) return this.writeWait;
    const bell = Atomics.load(this.ctrl, W_BELL);
    Atomics.store(this.ctrl, P_SLEEP, this.nextGen());
    if (this.closed || Atomics.load(this.ctrl, TAIL) !== this.lastSeenTail) {
      Atomics.store(this.ctrl, P_SLEEP, 0);
      return RESOLVED;
    }
    return this.sleep(W_BELL, bell, P_SLEEP);
  }

  private writeWhole(parts: readonly RingPart[], len: number): boolean {
    const need = HDR + align8(len);
    let idx = this.head & this.mask;
    const toEnd = this.capacity - idx;
    const pad = need > toEnd ? toEnd : 0;
    if (this.capacity - ((this.head - this.tailCache) | 0) < need + pad) {
      this.tailCache = Atomics.load(this.ctrl, TAIL);
      if (this.capacity - ((this.head - this.tailCache) | 0) < need + pad) { this.block(); return false; }
    }
    if (pad !== 0) { this.writePad(idx, pad); idx = 0; }
    const w = idx >> 2;
    this.d32[w] = len;
    this.d32[w + 1] = F_FIRST | F_LAST;
    let off = idx + HDR;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      this.u8.set(part, off);
      off += part.byteLength;
    }
    this.blocked = false;
    this.publishHead((this.head + need) | 0);
    return true;
  }

  private writePad(idx: number, bytes: number): void {
    const w = idx >> 2;
    this.d32[w] = bytes - HDR;
    this.d32[w + 1] = F_PAD;
    this.publishHead((this.head + bytes) | 0);
  }

  private writeFragment(p: PendingMessage, idx: number, prefix: number, chunk: number): void {
    const w = idx >> 2;
    let flags = 0;
    if (prefix !== 0) {
      flags |= F_FIRST;
      this.d32[w + 2] = p.total % 0x100000000;
      this.d32[w + 3] = Math.floor(p.total / 0x100000000);
    }
    // A first fragment is never also the last: the message exceeds maxWholeMessage (half the
    // ring) while a fragment frame is at most a quarter of it.
    if (chunk === p.remaining) flags |= F_LAST;
    this.d32[w] = prefix + chunk;
    this.d32[w + 1] = flags;
    let off = idx + HDR + prefix;
    let left = chunk;
    while (left > 0) {
      const part = p.parts[p.part];
      const n = Math.min(part.byteLength - p.partOffset, left);
      this.u8.set(n === part.byteLength ? part : part.subarray(p.partOffset, p.partOffset + n), off);
      off += n;
      left -= n;
      p.partOffset += n;
      if (p.partOffset === part.byteLength) { p.part++; p.partOffset = 0; }
    }
    while (p.part < p.parts.length && p.parts[p.part].byteLength === 0) p.part++;
    p.remaining -= chunk;
    this.publishHead((this.head + HDR + prefix + align8(chunk)) | 0);
  }

  private block(): void { // remember the tail the failed attempt saw: waitWritable waits on it
    this.blocked = true;
    this.lastSeenTail = this.tailCache;
  }

  private publishHead(head: number): void {
    this.head = head;
    Atomics.store(this.ctrl, HEAD, head);
    const gen = Atomics.load(this.ctrl, C_SLEEP);
    if (gen !== 0 && gen !== this.lastRungConsumer) {
      this.lastRungConsumer = gen;
      Atomics.add(this.ctrl, R_BELL, 1);
      Atomics.notify(this.ctrl, R_BELL, 1);
    }
  }

  // ---------------------------------------------------------------- consumer

  /**
   * Consumer: delivers up to `maxMessages` complete messages, in order, each as a fresh
   * Buffer the callee may keep. Returns how many were delivered (0 once closed). Space is
   * handed back to the producer as it goes. If onMessage throws, that message counts as
   * consumed and the error propagates.
   */
  drain(onMessage: (msg: Buffer) => void, maxMessages = Infinity): number {
    return this.consume(onMessage, null, maxMessages);
  }

  /**
   * Consumer: like drain, without the copy: each message is `bytes[start, end)`. With
   * `owned` false, bytes is the ring's own memory, valid only during the call (copy what you
   * keep); with `owned` true (a reassembled fragmented message) the callee may keep it.
   */
  drainInPlace(onMessage: InPlaceHandler, maxMessages = Infinity): number {
    return this.consume(null, onMessage, maxMessages);
  }

  private consume(copied: ((msg: Buffer) => void) | null, inPlace: InPlaceHandler | null, max: number): number {
    if (this.closed) return 0;
    const head = Atomics.load(this.ctrl, HEAD);
    const d32 = this.d32;
    let tail = this.tail;
    let published = tail;
    let delivered = 0;
    try {
      while (tail !== head && delivered < max && !this.closedLocally) {
        const idx = tail & this.mask;
        const w = idx >> 2;
        const len = d32[w];
        const flags = d32[w + 1];
        const start = idx + HDR;
        // The frame is released (tail published past it) only after its callback returned.
        if ((flags & F_PAD) !== 0) {
          tail = (tail + this.capacity - idx) | 0;
          continue;
        }
        tail = (tail + HDR + align8(len)) | 0;
        if ((flags & (F_FIRST | F_LAST)) === (F_FIRST | F_LAST)) {
          delivered++;
          this.tail = tail;
          if (inPlace !== null) inPlace(this.view, start, start + len, false);
          else {
            const msg = Buffer.allocUnsafe(len);
            msg.set(this.u8.subarray(start, start + len));
            copied!(msg);
          }
        } else if ((flags & F_FIRST) !== 0) {
          const total = (d32[w + 2] >>> 0) + (d32[w + 3] >>> 0) * 0x100000000;
          this.asm = Buffer.allocUnsafeSlow(total);
          this.asm.set(this.u8.subarray(start + 8, start + len));
          this.asmOffset = len - 8;
        } else {
          const asm = this.asm;
          if (asm === null) throw new SamsaError('SAMSA_ERR_INTERNAL', 'ring queue fragment without a first fragment');
          asm.set(this.u8.subarray(start, start + len), this.asmOffset);
          this.asmOffset += len;
          if ((flags & F_LAST) !== 0) {
            if (this.asmOffset !== asm.length) throw new SamsaError('SAMSA_ERR_INTERNAL', 'ring queue reassembly length mismatch');
            this.asm = null;
            delivered++;
            this.tail = tail;
            if (inPlace !== null) inPlace(asm, 0, asm.length, true); else copied!(asm);
          }
        }
        if (((tail - published) | 0) >= this.publishEvery) { this.publishTail(tail); published = tail; }
      }
    } finally {
      this.tail = tail;
      if (tail !== published) this.publishTail(tail);
    }
    return delivered;
  }

  /** Consumer: unread frames are in the ring now (or it is closed). */
  readableNow(): boolean {
    return this.closed || Atomics.load(this.ctrl, HEAD) !== this.tail;
  }

  /** Consumer: a waitReadable() is asleep on the doorbell. */
  get consumerSleeping(): boolean { return this.readWait !== null; }

  /** Consumer: resolves when there is something to drain or the ring is closed. */
  waitReadable(): Promise<void> {
    if (this.readableNow()) return RESOLVED;
    if (this.readWait !== null) return this.readWait;
    const bell = Atomics.load(this.ctrl, R_BELL);
    Atomics.store(this.ctrl, C_SLEEP, this.nextGen());
    if (this.readableNow()) {
      Atomics.store(this.ctrl, C_SLEEP, 0);
      return RESOLVED;
    }
    return this.sleep(R_BELL, bell, C_SLEEP);
  }

  private publishTail(tail: number): void {
    Atomics.store(this.ctrl, TAIL, tail);
    const gen = Atomics.load(this.ctrl, P_SLEEP);
    if (gen !== 0 && gen !== this.lastRungProducer) {
      this.lastRungProducer = gen;
      Atomics.add(this.ctrl, W_BELL, 1);
      Atomics.notify(this.ctrl, W_BELL, 1);
    }
  }

  // ---------------------------------------------------------------- shared

  /** Closes the ring for both sides: wakes every sleeper; later writes throw, drains deliver nothing. */
  close(): void {
    if (this.closedLocally) return;
    this.closedLocally = true;
    this.pend = null;
    this.asm = null;
    if (Atomics.compareExchange(this.ctrl, CLOSED, 0, 1) === 0) {
      Atomics.add(this.ctrl, R_BELL, 1);
      Atomics.notify(this.ctrl, R_BELL);
      Atomics.add(this.ctrl, W_BELL, 1);
      Atomics.notify(this.ctrl, W_BELL);
    }
    if (this.waiters === 0 && this.keepAlive !== null) { clearInterval(this.keepAlive); this.keepAlive = null; }
  }

  private nextGen(): number {
    return ((Atomics.add(this.ctrl, SLEEP_GEN, 1) + 1) & 0x3fffffff) || 1;
  }

  /** Waits on a doorbell; a ref'd timer keeps the thread alive meanwhile (waitAsync alone does not). */
  private sleep(bellIndex: number, bell: number, sleepIndex: number): Promise<void> {
    const r = waitAsync(this.ctrl, bellIndex, bell);
    if (!r.async) {
      Atomics.store(this.ctrl, sleepIndex, 0);
      return RESOLVED;
    }
    if (this.waiters++ === 0) {
      if (this.keepAlive === null) this.keepAlive = setInterval(noop, 0x3fffffff);
      else this.keepAlive.ref();
    }
    const woken = r.value.then(() => {
      Atomics.store(this.ctrl, sleepIndex, 0);
      if (sleepIndex === C_SLEEP) this.readWait = null; else this.writeWait = null;
      if (--this.waiters === 0 && this.keepAlive !== null) {
        if (this.closedLocally) { clearInterval(this.keepAlive); this.keepAlive = null; } else this.keepAlive.unref();
      }
    });
    if (sleepIndex === C_SLEEP) this.readWait = woken; else this.writeWait = woken;
    return woken;
  }
}
