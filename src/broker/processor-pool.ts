// Processor workers (num.network.threads): each adopts the connections the acceptor hands
// it (as duplicated file descriptors) and serves them. The controller's admin operations
// are answered here, on the main thread, for every processor.
import * as path from 'path';
import type * as net from 'net';
import { Worker } from 'worker_threads';
import type { Logger } from 'pino';
import type { CatalogSnapshot } from '../actors/controller/catalog';
import type { Controller } from '../actors/controller/controller';
import type { ServerConfig } from '../config/server-config';
import { detachSocket } from '../net/fd-handoff';
import type { FaultRuleData } from '../net/fault-injection';
import type { ProcessorWorkerData } from '../net/processor-worker';
import type { ChannelSabs } from '../runtime/channel';
import { PortRpc } from '../runtime/port-rpc';

const CONTROLLER_METHODS = new Set(['createTopics', 'deleteTopics', 'createPartitions', 'alterTopicConfigs']);

interface Slot { worker: Worker; rpc: PortRpc; connections: number }

export class ProcessorPool {
  private slots: Slot[] = [];
  private closing = false;

  constructor(private count: number, private logger: Logger) {}

  async start(base: Omit<ProcessorWorkerData, 'index' | 'handlerLinks'>, handlerLinks: (p: number) => ChannelSabs[], controller: Controller): Promise<void> {
    for (let index = 0; index < this.count; index++) {
      const data: ProcessorWorkerData = { ...base, index, handlerLinks: handlerLinks(index) };
      const worker = new Worker(path.join(__dirname, '..', 'net', 'processor-worker.js'), { workerData: data, name: `samsa-processor-${index}` });
      const slot: Slot = { worker, rpc: new PortRpc(worker), connections: 0 };
      slot.rpc.serve((op, args) => {
        if (op !== 'controller' || !CONTROLLER_METHODS.has(args.method)) throw new Error(`unknown processor request ${op}`);
        return (controller as any)[args.method](...args.args);
      });
      slot.rpc.onOther((msg) => { if (msg.type === 'connClosed') slot.connections--; });
      worker.on('error', (err) => this.logger.error({ err, processor: index }, 'processor worker failed'));
      worker.on('exit', (code) => { if (!this.closing) this.logger.error({ processor: index, code }, 'processor worker exited'); });
      await new Promise<void>((resolve, reject) => { worker.once('online', resolve); worker.once('error', reject); });
      this.slots.push(slot);
    }
  }

  /** Hand an accepted (paused) socket to the processor with the fewest connections. */
  handoff(socket: net.Socket): void {
    let best = this.slots[0];
    for (const s of this.slots) if (s.connections < best.connections) best = s;
    const fd = detachSocket(socket);
    best.connections++;
    best.worker.postMessage({ type: 'conn', fd });
  }

  broadcastCatalog(snapshot: CatalogSnapshot): void {
    for (const s of this.slots) s.worker.postMessage({ type: 'catalog', snapshot });
  }

  ownerLost(h: number): void {
    for (const s of this.slots) void s.rpc.call('ownerLost', { index: h }).catch(() => undefined);
  }

  async ownerReplaced(h: number, links: ChannelSabs[]): Promise<void> {
    await Promise.all(this.slots.map((s, p) => s.rpc.call('ownerLink', { index: h, sabs: links[p] })));
  }

  /** Load injected-fault rules on every processor (resolves once all have them). */
  async setFaults(rules: FaultRuleData[]): Promise<void> {
    await Promise.all(this.slots.map((s) => s.rpc.call('faults', { rules })));
  }

  /** Stop reading, finish in-flight requests and write their responses. */
  async shutdown(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.rpc.call('shutdown').catch(() => undefined)));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map(async (s) => {
      await s.rpc.call('close').catch(() => undefined);
      await s.worker.terminate();
    }));
  }

  stats(): Promise<{ connections: number }[]> {
    return Promise.all(this.slots.map((s) => s.rpc.call<{ connections: number }>('stats')));
  }
}
