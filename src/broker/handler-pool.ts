// Handler workers (num.io.threads): spawned, supervised and restarted from here. A worker
// that dies is replaced: processors fail its in-flight requests, the new worker reopens
// its partitions from disk (with recovery), and processors get fresh ring channels to it.
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Logger } from 'pino';
import type { CatalogSnapshot } from '../actors/controller/catalog';
import type { OwnerControl, PartitionSpec } from '../actors/controller/controller';
import { Channel, type ChannelSabs } from '../runtime/channel';
import type { HandlerWorkerData } from '../runtime/handler-worker';
import { PortRpc } from '../runtime/port-rpc';
import type { HostedGroupConfig } from '../actors/group-coordinator/group-hosting';
import { SamsaError } from '../runtime/samsa-error';

export interface HandlerPoolOptions {
  handlers: number;
  processors: number;
  logLevel: string;
  retentionCheckIntervalMs: number;
  flushSchedulerIntervalMs: number;
  ringBytes: number;
  groupConfig: HostedGroupConfig;
  cleanerBackoffMs: number;
}

interface Slot { worker: Worker; rpc: PortRpc; links: ChannelSabs[]; stopping: boolean }

export class HandlerPool implements OwnerControl {
  private slots: Slot[] = [];
  private closing = false;
  /** Called when handler `index` was replaced: processors must switch to the new links. */
  onReplaced: (index: number, links: ChannelSabs[]) => void = () => undefined;
  onLost: (index: number) => void = () => undefined;
  /** Partitions a replacement worker must reopen. */
  specsFor: (index: number) => PartitionSpec[] = () => [];
  cleanShutdown = true;
  private catalog: CatalogSnapshot | null = null;

  constructor(private opts: HandlerPoolOptions, private logger: Logger) {}

  async start(): Promise<void> {
    for (let i = 0; i < this.opts.handlers; i++) this.slots.push(await this.spawn(i));
  }

  /** Ring channels of handler `h`, one per processor (processor side is 'a'). */
  linksOf(h: number): ChannelSabs[] { return this.slots[h].links; }

  private spawn(index: number): Promise<Slot> {
    const links = Array.from({ length: this.opts.processors }, () => Channel.create(this.opts.ringBytes));
    const data: HandlerWorkerData = {
      index, logLevel: this.opts.logLevel, processorLinks: links,
      retentionCheckIntervalMs: this.opts.retentionCheckIntervalMs, flushSchedulerIntervalMs: this.opts.flushSchedulerIntervalMs,
      groupConfig: this.opts.groupConfig, cleanerBackoffMs: this.opts.cleanerBackoffMs,
    };
    const worker = new Worker(path.join(__dirname, '..', 'runtime', 'handler-worker.js'), { workerData: data, name: `samsa-handler-${index}` });
    const slot: Slot = { worker, rpc: new PortRpc(worker), links, stopping: false };
    worker.on('error', (err) => this.logger.error({ err, handler: index }, 'handler worker failed'));
    worker.on('exit', (code) => {
      if (slot.stopping || this.closing) return;
      this.logger.error({ handler: index, code }, 'handler worker exited; restarting it');
      slot.rpc.failAll(new SamsaError('SAMSA_ERR_WORKER_LOST', `handler ${index}`));
      this.onLost(index);
      void this.restart(index);
    });
    return new Promise((resolve, reject) => {
      worker.once('online', () => resolve(slot));
      worker.once('error', reject);
    });
  }

  private async restart(index: number): Promise<void> {
    try {
      const slot = await this.spawn(index);
      this.slots[index] = slot;
      if (this.catalog) slot.worker.postMessage({ type: 'catalog', snapshot: this.catalog });
      await slot.rpc.call('assign', { specs: this.specsFor(index), cleanShutdown: false });
      this.onReplaced(index, slot.links);
      this.logger.info({ handler: index }, 'handler worker restarted');
    } catch (err) {
      this.logger.error({ err, handler: index }, 'handler restart failed');
    }
  }

  /** Every handler gets the controller's catalog snapshots (before the owners are told of changes). */
  broadcastCatalog(snapshot: CatalogSnapshot): void {
    this.catalog = snapshot;
    for (const s of this.slots) s.worker.postMessage({ type: 'catalog', snapshot });
  }

  async assign(h: number, specs: PartitionSpec[]): Promise<void> {
    await this.slots[h].rpc.call('assign', { specs, cleanShutdown: this.cleanShutdown });
  }
  async unassign(h: number, parts: { topic: string; partition: number; deleteFiles: boolean }[]): Promise<void> {
    await this.slots[h].rpc.call('unassign', { parts });
  }
  async reconfigure(h: number, specs: PartitionSpec[]): Promise<void> {
    await this.slots[h].rpc.call('reconfigure', { specs });
  }

  /** Test hook: make handler `h` crash. */
  crash(h: number): Promise<unknown> { return this.slots[h].rpc.call('crash'); }

  async wakeParked(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.rpc.call('wakeParked').catch(() => undefined)));
  }

  /** Flush and checkpoint every partition, then stop the workers. True if every handler closed every partition cleanly. */
  async close(): Promise<boolean> {
    this.closing = true;
    const clean = await Promise.all(this.slots.map(async (s) => {
      s.stopping = true;
      let ok = false;
      try { ok = (await s.rpc.call('close')) === true; } catch (err) { this.logger.error({ err }, 'handler close failed'); }
      await s.worker.terminate();
      return ok;
    }));
    return clean.every((ok) => ok);
  }
}
