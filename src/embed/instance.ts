// One running broker behind an EmbeddedBroker: in this process or in a child process.
import type { FaultBackend } from './fault-control';

export interface BrokerInstance {
  readonly host: string;
  readonly port: number;
  readonly bootstrap: string;
  readonly faults: FaultBackend;
  stop(): Promise<void>;
}

export interface InstanceOptions {
  /** server.properties, listeners and log.dirs included. */
  props: Record<string, string>;
  logLevel: string;
  startTimeoutMs: number;
}
