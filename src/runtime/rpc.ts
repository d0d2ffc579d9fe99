// Request/reply over a Link: each ask carries an id; the reply echoes it.
import { Channel } from './channel';
import type { Link } from './link';
import { SamsaError, type ErrorData } from './samsa-error';

export interface Reply { env: any; payload: Buffer | null }

export class RpcClient {
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  constructor(private link: Link) {
    link.onMessage((env, payload) => {
      const p = this.pending.get(env.id);
      if (!p) return;
      this.pending.delete(env.id);
      if (env.error) p.reject(SamsaError.fromData(env.error as ErrorData));
      else p.resolve({ env, payload });
    });
  }
  get inFlight(): number { return this.pending.size; }
  get backlogBytes(): number { return this.link.backlogBytes; }
  ask(env: Record<string, unknown>, payload?: Buffer | Buffer[] | null): Promise<Reply> {
    const id = this.nextId++;
    env.id = id;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.link.send(env, payload);
      } catch (err) {
        this.pending.delete(id);
        reject(err);
      }
    });
  }
  /** Fire and forget (no reply expected). */
  tell(env: Record<string, unknown>, payload?: Buffer | Buffer[] | null): void {
    env.id = 0;
    this.link.send(env, payload);
  }
  /** Fail everything in flight (the other side is gone). */
  failAll(err: SamsaError): void {
    const p = [...this.pending.values()];
    this.pending.clear();
    for (const x of p) x.reject(err);
  }
}

/**
 * Serves asks. `payload` is valid only until the handler returns: over a ring channel it is a
 * view of the ring's memory (no copy), which the other thread reuses once the handler is done.
 * A handler that keeps payload bytes past its return (in a promise, a timer, a parked request)
 * must copy them first.
 */
export type RpcHandler = (env: any, payload: Buffer | null, reply: (env: object, payload?: Buffer | Buffer[] | null) => void) => void;

export function serveRpc(link: Link, handler: RpcHandler): void {
  if (link instanceof Channel) link.lendPayloads = true;
  link.onMessage((env, payload) => {
    const id = env.id;
    let replied = false;
    const reply = (out: any, p?: Buffer | Buffer[] | null) => {
      if (replied || id === 0) return;
      replied = true;
      out.id = id;
      try {
        link.send(out, p);
      } catch {
        // the asking side is gone (its link closed): nobody is waiting for this reply
      }
    };
    try {
      handler(env, payload, reply);
    } catch (err) {
      const data: ErrorData = err instanceof SamsaError ? err.toData() : { code: 'SAMSA_ERR_INTERNAL', message: String((err as Error)?.message ?? err), kafkaError: -1 };
      reply({ error: data });
    }
  });
}
