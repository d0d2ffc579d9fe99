// Control-plane request/reply over postMessage (worker ↔ main thread). Rare messages only:
// assignments, catalog changes, admin operations. The data plane uses ring channels.
import type { ErrorData } from './samsa-error';
import { SamsaError } from './samsa-error';

export interface PortLike {
  postMessage(msg: unknown, transfer?: readonly any[]): void;
  on(event: 'message', cb: (msg: any) => void): unknown;
}

type Handler = (op: string, args: any) => unknown | Promise<unknown>;

/** Messages with a `rpc` field are ours; anything else goes to `other`. */
export class PortRpc {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: unknown) => void }>();
  private handler: Handler | null = null;
  private other: ((msg: any) => void) | null = null;

  constructor(private port: PortLike) {
    port.on('message', (msg: any) => {
      if (!msg || typeof msg !== 'object' || msg.rpc === undefined) { this.other?.(msg); return; }
      if (msg.rpc === 'req') void this.serveOne(msg);
      else {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error) p.reject(SamsaError.fromData(msg.error as ErrorData));
        else p.resolve(msg.result);
      }
    });
  }

  serve(handler: Handler): void { this.handler = handler; }
  onOther(cb: (msg: any) => void): void { this.other = cb; }

  call<T = unknown>(op: string, args?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ rpc: 'req', id, op, args });
    });
  }

  failAll(err: Error): void {
    const p = [...this.pending.values()];
    this.pending.clear();
    for (const x of p) x.reject(err);
  }

  private async serveOne(msg: { id: number; op: string; args: unknown }): Promise<void> {
    try {
      if (!this.handler) throw new Error(`no handler for ${msg.op}`);
      const result = await this.handler(msg.op, msg.args);
      this.port.postMessage({ rpc: 'res', id: msg.id, result });
    } catch (err) {
      const error: ErrorData = err instanceof SamsaError ? err.toData()
        : { code: 'SAMSA_ERR_INTERNAL', message: String((err as Error)?.message ?? err), kafkaError: -1 };
      this.port.postMessage({ rpc: 'res', id: msg.id, error });
    }
  }
}
