// The child side of startBroker({ mode: 'child-process' }): a broker started by
// `samsa server start` with SAMSA_CONTROL=ipc tells its parent where it listens and serves
// fault-control requests over the IPC channel (src/embed/child-process.ts is the other end).
import type { BrokerHandle } from '../broker';
import type { FaultSpec } from '../net/fault-injection';

export const CONTROL_TAG = 'samsaControl';

export type ControlRequest =
  | { op: 'add'; args: FaultSpec }
  | { op: 'remove' | 'info'; args: number }
  | { op: 'clear' | 'list'; args?: undefined };

export interface ReadyMessage { samsaControl: 'ready'; host: string; port: number; bootstrap: string; pid: number }

let attached = false;

/** Serve control requests for `handle` over process IPC; the first broker of the process only. */
export function attachIpcControl(handle: BrokerHandle): void {
  if (attached || !process.send) return;
  attached = true;
  const send = (msg: object) => { try { process.send!(msg); } catch { /* parent gone */ } };
  process.on('message', (msg: any) => {
    if (!msg || msg[CONTROL_TAG] !== 'req') return;
    void serve(handle, msg as ControlRequest).then(
      (result) => send({ [CONTROL_TAG]: 'res', id: msg.id, result }),
      (err) => send({ [CONTROL_TAG]: 'res', id: msg.id, error: String((err as Error)?.message ?? err) }),
    );
  });
  // the channel must not keep the process alive once the broker has stopped
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
  const ready: ReadyMessage = { samsaControl: 'ready', host: handle.host, port: handle.port, bootstrap: handle.bootstrap, pid: process.pid };
  // after the caller (samsa server start) has installed its SIGTERM handler: stop() may follow at once
  setImmediate(() => send(ready));
}

async function serve(handle: BrokerHandle, req: ControlRequest): Promise<unknown> {
  const faults = handle.faults;
  switch (req.op) {
    case 'add': return faults.add(req.args);
    case 'remove': return faults.remove(req.args);
    case 'clear': await faults.clear(); return true;
    case 'info': return faults.info(req.args) ?? null;
    case 'list': return faults.list();
    default: throw new Error(`unknown control op ${(req as { op: string }).op}`);
  }
}
