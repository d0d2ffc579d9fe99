// Worker entry for a processor thread: adopts connections handed over as file
// descriptors, and reaches handlers over ring channels and the controller over postMessage.
import * as net from 'net';
import { parentPort, workerData } from 'worker_threads';
import type { ServerConfig } from '../config/server-config';
import type { CatalogSnapshot } from '../actors/controller/catalog';
import type { ControllerApi } from '../api/types';
import { Channel, type ChannelSabs } from '../runtime/channel';
import { createLogger } from '../runtime/logger';
import { PortRpc } from '../runtime/port-rpc';
import { Processor } from './processor';
import { ProcessorServices } from './processor-services';

export interface ProcessorWorkerData {
  index: number;
  config: ServerConfig;
  clusterId: string;
  advertised: { host: string; port: number };
  catalog: CatalogSnapshot;
  handlerLinks: ChannelSabs[];
  logLevel: string;
}

const data = workerData as ProcessorWorkerData;
const logger = createLogger({ name: `processor-${data.index}`, level: data.logLevel });
const rpc = new PortRpc(parentPort!);

const controller: ControllerApi = {
  createTopics: (reqs, validateOnly) => rpc.call('controller', { method: 'createTopics', args: [reqs, validateOnly] }),
  deleteTopics: (refs) => rpc.call('controller', { method: 'deleteTopics', args: [refs] }),
  createPartitions: (reqs, validateOnly) => rpc.call('controller', { method: 'createPartitions', args: [reqs, validateOnly] }),
  alterTopicConfigs: (name, changes, mode, validateOnly) => rpc.call('controller', { method: 'alterTopicConfigs', args: [name, changes, mode, validateOnly] }),
};

function channelTo(sabs: ChannelSabs): Channel {
  const ch = new Channel(sabs, 'a');
  ch.on('error', (err) => logger.error({ err }, 'processor channel error'));
  return ch;
}

const services = new ProcessorServices({
  config: data.config, clusterId: data.clusterId, advertised: data.advertised, logger, controller,
  catalog: data.catalog, ownerLinks: data.handlerLinks.map(channelTo),
});
const processor = new Processor(data.index, services, {
  maxRequestBytes: data.config.socketRequestMaxBytes,
  maxInFlight: Math.max(1, data.config.queuedMaxRequests),
  maxQueuedResponseBytes: 16 << 20,
});

rpc.onOther((msg) => {
  if (msg.type === 'conn') {
    const socket = new net.Socket({ fd: msg.fd, readable: true, writable: true });
    processor.adopt(socket);
    socket.once('close', () => parentPort!.postMessage({ type: 'connClosed' }));
  } else if (msg.type === 'catalog') {
    services.updateCatalog(msg.snapshot);
  }
});

rpc.serve(async (op, args) => {
  switch (op) {
    case 'ownerLost': services.ownerLost(args.index); return true;
    case 'ownerLink': services.replaceOwner(args.index, channelTo(args.sabs)); return true;
    case 'shutdown': await processor.shutdown(); return true;
    case 'close': processor.destroyAll(); services.closeLinks(); return true;
    case 'stats': return { connections: processor.connectionCount };
    case 'faults': processor.faults.update(args.rules); return true;
    default: throw new Error(`unknown processor control op ${op}`);
  }
});
