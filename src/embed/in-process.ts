// An embedded broker in this process: startServer with a quiet logger.
import { startServer } from '../broker';
import { buildServerConfig } from '../config/server-config';
import type { FaultRegistry } from '../net/fault-injection';
import { createLogger } from '../runtime/logger';
import type { FaultBackend } from './fault-control';
import type { BrokerInstance, InstanceOptions } from './instance';

export async function startInProcess(opts: InstanceOptions): Promise<BrokerInstance> {
  const { config, warnings } = buildServerConfig(opts.props);
  const logger = createLogger({ name: 'samsa', level: opts.logLevel });
  for (const w of warnings) logger.warn(w);
  const handle = await startServer(config, { logger });
  return { host: handle.host, port: handle.port, bootstrap: handle.bootstrap, faults: registryBackend(handle.faults), stop: () => handle.stop() };
}

export function registryBackend(reg: FaultRegistry): FaultBackend {
  return {
    add: (spec) => reg.add(spec),
    remove: async (id) => { await reg.remove(id); },
    clear: () => reg.clear(),
    info: async (id) => reg.info(id),
    list: async () => reg.list(),
  };
}
