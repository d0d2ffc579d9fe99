// A Link carries envelopes (small objects) plus optional raw payload bytes between two
// parties, in order. Between threads it is a Channel over SharedArrayBuffer rings; in the
// single-thread layout it is an in-process pair with the same contract.

export type MessageHandler = (envelope: any, payload: Buffer | null) => void;

export interface Link {
  send(envelope: object, payload?: Buffer | Buffer[] | null): void;
  onMessage(cb: MessageHandler): void;
  /** Bytes accepted by send() but not yet handed to the other side. */
  readonly backlogBytes: number;
  close(): void;
}

function joinPayload(p: Buffer | Buffer[] | null | undefined): Buffer | null {
  if (!p) return null;
  if (Buffer.isBuffer(p)) return p;
  return p.length === 1 ? p[0] : Buffer.concat(p);
}

class LocalLink implements Link {
  peer!: LocalLink;
  private cb: MessageHandler | null = null;
  private queue: [any, Buffer | null][] = [];
  private scheduled = false;
  private closed = false;
  get backlogBytes(): number { return 0; }
  send(envelope: object, payload?: Buffer | Buffer[] | null): void {
    if (this.closed) throw new Error('link closed');
    this.peer.enqueue(envelope, joinPayload(payload));
  }
  private enqueue(env: any, payload: Buffer | null): void {
    this.queue.push([env, payload]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
  private flush(): void {
    this.scheduled = false;
    const q = this.queue;
    this.queue = [];
    for (const [env, payload] of q) if (this.cb && !this.closed) this.cb(env, payload);
  }
  onMessage(cb: MessageHandler): void { this.cb = cb; }
  close(): void { this.closed = true; this.peer.closed = true; }
}

/** Two connected ends of an in-process link. */
export function createLocalLinkPair(): [Link, Link] {
  const a = new LocalLink();
  const b = new LocalLink();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
