// Worker entry for a handler thread: hosts the actors of one HandlerHost, serves each
// processor's ring channel, and takes control requests from the main thread.
import { parentPort, workerData } from 'worker_threads';
import { Channel, type ChannelSabs } from './channel';
import { HandlerHost } from './handler-host';
import { createLogger } from './logger';
import { PortRpc } from './port-rpc';
import type { HostedGroupConfig } from '../actors/group-coordinator/group-hosting';

export interface HandlerWorkerData {
  index: number;
  logLevel: string;
  retentionCheckIntervalMs: number;
  flushSchedulerIntervalMs: number;
  processorLinks: ChannelSabs[];
  groupConfig: HostedGroupConfig;
  cleanerBackoffMs: number;
}

const data = workerData as HandlerWorkerData;
const logger = createLogger({ name: `handler-${data.index}`, level: data.logLevel });
const host = new HandlerHost(data.index, logger, {
  retentionCheckIntervalMs: data.retentionCheckIntervalMs, flushSchedulerIntervalMs: data.flushSchedulerIntervalMs,
  groupConfig: data.groupConfig, cleanerBackoffMs: data.cleanerBackoffMs,
});
const channels = data.processorLinks.map((sabs, origin) => {
  const ch = new Channel(sabs, 'b');
  ch.on('error', (err) => logger.error({ err, origin }, 'handler channel error'));
  host.attachProcessor(origin, ch);
  return ch;
});

const rpc = new PortRpc(parentPort!);
rpc.onOther((msg) => { if (msg?.type === 'catalog') host.updateCatalog(msg.snapshot); });
rpc.serve((op, args) => {
  switch (op) {
    case 'assign': host.assign(args.specs, args.cleanShutdown); return host.partitionCount;
    case 'unassign': host.unassign(args.parts); return host.partitionCount;
    case 'reconfigure': host.reconfigure(args.specs); return host.partitionCount;
    case 'wakeParked': host.wakeParked(); return true;
    case 'close':
      return host.closeAsync().then((clean) => {
        for (const ch of channels) ch.close();
        return clean;
      });
    case 'crash': // test hook: simulate a fatal fault in this worker
      setImmediate(() => { throw new Error('crash requested'); });
      return true;
    default: throw new Error(`unknown handler control op ${op}`);
  }
});
