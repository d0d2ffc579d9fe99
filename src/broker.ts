// Starting and stopping a broker. Two layouts:
//  - workers (default): the main thread accepts connections and hands them to N processor
//    workers; processors reach M handler workers (which own the partitions) through ring
//    channels; the controller runs on the main thread.
//  - single (samsa.threading=single): the same parts on one thread, linked in-process.
import * as net from 'net';
import * as os from 'os';
import type { Logger } from 'pino';
import { Controller, type OwnerControl } from './actors/controller/controller';
import type { CatalogSnapshot } from './actors/controller/catalog';
import { openLogDirs, writeCleanShutdownMarkers } from './broker/log-dirs';
import { HandlerPool } from './broker/handler-pool';
import { ProcessorPool } from './broker/processor-pool';
import type { ServerConfig } from './config/server-config';
import { fdHandoffSupported } from './net/fd-handoff';
import { FaultRegistry, type FaultRuleData } from './net/fault-injection';
import { Processor } from './net/processor';
import { ProcessorServices } from './net/processor-services';
import { Channel } from './runtime/channel';
import { HandlerHost } from './runtime/handler-host';
import { groupConfigOf } from './actors/group-coordinator/group-hosting';
import { createLocalLinkPair } from './runtime/link';
import { createLogger } from './runtime/logger';
import { SamsaError } from './runtime/samsa-error';

export interface BrokerHandle {
  readonly host: string;
  readonly port: number;
  readonly bootstrap: string;
  readonly clusterId: string;
  readonly config: ServerConfig;
  readonly layout: 'workers' | 'single' | 'main-processor';
  /** Injected faults for tests (src/embed, docs/embedding.md); none unless added. */
  readonly faults: FaultRegistry;
  stop(): Promise<void>;
  /** Test hook: crash handler worker `h` (workers layout only). */
  crashHandler(h: number): Promise<void>;
}

interface Layout {
  accept(socket: net.Socket): void;
  catalogChanged(snap: CatalogSnapshot): void;
  /** Answer parked long polls now, so in-flight requests can finish. */
  wakeParked(): Promise<void>;
  shutdownProcessors(): Promise<void>;
  /** Closes every partition (durable before it resolves) and the threads; true if every partition closed cleanly. */
  closeAll(): Promise<boolean>;
  crashHandler(h: number): Promise<void>;
  /** Load fault rules on every processor. */
  setFaults(rules: FaultRuleData[]): Promise<void>;
  name: BrokerHandle['layout'];
}

export async function startServer(config: ServerConfig, opts: { logger?: Logger } = {}): Promise<BrokerHandle> {
  const logger = opts.logger ?? createLogger({ name: 'samsa' });
  const listener = config.listeners.find((l) => l.securityProtocol === 'PLAINTEXT');
  if (!listener) throw new SamsaError('SAMSA_ERR_CONFIG', 'no PLAINTEXT listener configured (TLS and SASL listeners are not supported yet)');
  const started = Date.now();
  const dirs = openLogDirs(config);
  if (!dirs.cleanShutdown) logger.warn('no clean-shutdown marker: logs past their recovery point will be scanned');

  const layoutRef: { current?: Layout } = {};
  const pending: CatalogSnapshot[] = [];
  const onChange = (snap: CatalogSnapshot) => (layoutRef.current ? layoutRef.current.catalogChanged(snap) : pending.push(snap));

  const server = net.createServer({ pauseOnConnect: config.threading !== 'single' });
  // Connections accepted while the layout starts (log recovery, workers) wait here; without a
  // listener they would stay paused on this thread forever, unanswered, and hold up server.close().
  const early: net.Socket[] = [];
  let accept = (socket: net.Socket) => { early.push(socket); };
  server.on('connection', (socket) => accept(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: listener.host || undefined, port: listener.port }, () => { server.off('error', reject); resolve(); });
  });
  const bound = server.address() as net.AddressInfo;
  const adv = config.advertisedListeners.find((l) => l.name === listener.name) ?? listener;
  const advertised = { host: adv.host || listener.host || os.hostname(), port: adv.port || bound.port };

  let controller!: Controller;
  let layout: Layout;
  try {
    if (config.threading === 'single') {
      layout = await singleLayout(config, logger, dirs.cleanShutdown, (owners) => (controller = new Controller(config, owners, logger, onChange)), dirs.clusterId, advertised);
    } else {
      layout = await workersLayout(config, logger, dirs.cleanShutdown, (owners) => (controller = new Controller(config, owners, logger, onChange)), dirs.clusterId, advertised);
    }
  } catch (err) {
    server.close();
    for (const socket of early.splice(0)) socket.destroy();
    throw err;
  }
  layoutRef.current = layout;
  for (const s of pending.splice(0)) layout.catalogChanged(s);
  accept = (socket) => {
    try { layout.accept(socket); } catch (err) { logger.error({ err }, 'could not hand over a connection'); socket.destroy(); }
  };
  for (const socket of early.splice(0)) accept(socket);
  server.on('error', (err) => logger.error({ err }, 'listener error'));

  const host = bound.address === '::' || bound.address === '0.0.0.0' ? advertised.host : bound.address;
  logger.info({ address: `${host}:${bound.port}`, bootstrap: `${host}:${bound.port}`, advertised: `${advertised.host}:${advertised.port}`, layout: layout.name,
    processors: config.numNetworkThreads, handlers: config.numIoThreads, topics: controller.catalog.size, ms: Date.now() - started }, 'samsa started');

  let stopping: Promise<void> | null = null;
  const handle: BrokerHandle = {
    host, port: bound.port, bootstrap: `${host}:${bound.port}`, clusterId: dirs.clusterId, config, layout: layout.name,
    faults: new FaultRegistry((rules) => layout.setFaults(rules)),
    crashHandler: (h) => layout.crashHandler(h),
    stop() {
      stopping ??= (async () => {
        // stop accepting (the callback would wait for single-layout connections: don't)
        server.close();
        await layout.wakeParked();
        await layout.shutdownProcessors();
        // the marker only once every partition is durable and closed: a failed close leaves it
        // out, so the next start recovers
        if (await layout.closeAll()) {
          writeCleanShutdownMarkers(config);
          logger.info('samsa stopped cleanly');
        } else {
          logger.error('some partitions failed to close: no clean-shutdown marker written; the next start recovers');
        }
      })();
      return stopping;
    },
  };
  // started by startBroker({ mode: 'child-process' }): take fault control over IPC
  if (process.env.SAMSA_CONTROL === 'ipc' && process.send) (await import('./embed/child-control')).attachIpcControl(handle);
  return handle;
}

type MakeController = (owners: OwnerControl) => Controller;

async function singleLayout(config: ServerConfig, logger: Logger, clean: boolean, make: MakeController, clusterId: string,
  advertised: { host: string; port: number }): Promise<Layout> {
  const host = new HandlerHost(0, logger, { retentionCheckIntervalMs: config.logRetentionCheckIntervalMs, flushSchedulerIntervalMs: config.logFlushSchedulerIntervalMs, groupConfig: groupConfigOf(config), cleanerBackoffMs: cleanerBackoffOf(config) });
  const [procSide, hostSide] = createLocalLinkPair();
  host.attachProcessor(0, hostSide);
  const owners: OwnerControl = {
    assign: async (_h, specs) => host.assign(specs, clean),
    unassign: async (_h, parts) => host.unassign(parts),
    reconfigure: async (_h, specs) => host.reconfigure(specs),
  };
  const controller = make(owners);
  controller.load();
  host.updateCatalog(controller.catalog.snapshot());
  host.assign(controller.allSpecs().get(0) ?? [], clean);
  const services = new ProcessorServices({ config, clusterId, advertised, logger, controller, catalog: controller.catalog.snapshot(), ownerLinks: [procSide] });
  const processor = new Processor(0, services, limitsOf(config));
  return {
    name: 'single',
    accept: (socket) => processor.adopt(socket),
    catalogChanged: (snap) => { host.updateCatalog(snap); services.updateCatalog(snap); },
    shutdownProcessors: () => processor.shutdown(),
    wakeParked: async () => host.wakeParked(),
    closeAll: async () => { const ok = await host.closeAsync(); processor.destroyAll(); procSide.close(); return ok; },
    crashHandler: async () => { throw new Error('crashHandler needs the workers layout'); },
    setFaults: async (rules) => processor.faults.update(rules),
  };
}

async function workersLayout(config: ServerConfig, logger: Logger, clean: boolean, make: MakeController, clusterId: string,
  advertised: { host: string; port: number }): Promise<Layout> {
  const handoff = fdHandoffSupported();
  if (!handoff) logger.warn('fd handoff unavailable: the processor role runs on the main thread');
  const processors = handoff ? config.numNetworkThreads : 1;
  const handlers = new HandlerPool({
    handlers: config.numIoThreads, processors, logLevel: logger.level, ringBytes: 4 << 20, groupConfig: groupConfigOf(config), cleanerBackoffMs: cleanerBackoffOf(config),
    retentionCheckIntervalMs: config.logRetentionCheckIntervalMs, flushSchedulerIntervalMs: config.logFlushSchedulerIntervalMs,
  }, logger);
  handlers.cleanShutdown = clean;
  const controller = make(handlers);
  controller.load();
  handlers.specsFor = (h) => controller.allSpecs().get(h) ?? [];
  await handlers.start();
  handlers.broadcastCatalog(controller.catalog.snapshot());
  const all = controller.allSpecs();
  await Promise.all([...all].map(([h, specs]) => handlers.assign(h, specs)));
  handlers.cleanShutdown = true; // partitions created from now on are new

  if (!handoff) {
    const services = new ProcessorServices({
      config, clusterId, advertised, logger, controller, catalog: controller.catalog.snapshot(),
      ownerLinks: Array.from({ length: config.numIoThreads }, (_, h) => new Channel(handlers.linksOf(h)[0], 'a')),
    });
    const processor = new Processor(0, services, limitsOf(config));
    handlers.onLost = (h) => services.ownerLost(h);
    handlers.onReplaced = (h, links) => services.replaceOwner(h, new Channel(links[0], 'a'));
    return {
      name: 'main-processor',
      accept: (socket) => { processor.adopt(socket); socket.resume(); },
      catalogChanged: (snap) => { handlers.broadcastCatalog(snap); services.updateCatalog(snap); },
      shutdownProcessors: () => processor.shutdown(),
      wakeParked: () => handlers.wakeParked(),
      closeAll: async () => { const ok = await handlers.close(); processor.destroyAll(); services.closeLinks(); return ok; },
      crashHandler: async (h) => { await handlers.crash(h).catch(() => undefined); },
      setFaults: async (rules) => processor.faults.update(rules),
    };
  }

  const pool = new ProcessorPool(processors, logger);
  await pool.start({ config, clusterId, advertised, catalog: controller.catalog.snapshot(), logLevel: logger.level },
    (p) => Array.from({ length: config.numIoThreads }, (_, h) => handlers.linksOf(h)[p]), controller);
  handlers.onLost = (h) => pool.ownerLost(h);
  handlers.onReplaced = (h, links) => { void pool.ownerReplaced(h, links); };
  return {
    name: 'workers',
    accept: (socket) => pool.handoff(socket),
    catalogChanged: (snap) => { handlers.broadcastCatalog(snap); pool.broadcastCatalog(snap); },
    shutdownProcessors: () => pool.shutdown(),
    wakeParked: () => handlers.wakeParked(),
    closeAll: async () => { const ok = await handlers.close(); await pool.close(); return ok; },
    crashHandler: async (h) => { await handlers.crash(h).catch(() => undefined); },
    setFaults: (rules) => pool.setFaults(rules),
  };
}

function cleanerBackoffOf(config: ServerConfig): number {
  return config.logCleanerEnable ? config.logCleanerBackoffMs : -1;
}

function limitsOf(config: ServerConfig) {
  return { maxRequestBytes: config.socketRequestMaxBytes, maxInFlight: Math.max(1, config.queuedMaxRequests), maxQueuedResponseBytes: 16 << 20 };
}
