// Options of startBroker and the server.properties an embedded broker starts with.
import { SamsaError } from '../runtime/samsa-error';
export type BrokerMode = 'in-process' | 'child-process';

export type TopicSpec = string | { name: string; partitions?: number; configs?: Record<string, string | number | boolean> };

export interface StartBrokerOptions {
  /** 'in-process' (default): the broker runs in this process. 'child-process': `samsa server start` in a child process. */
  mode?: BrokerMode;
  /** Log dir; a fresh temporary directory (removed by stop()) when omitted. A given one is kept. */
  dataDir?: string;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port to listen on (default 0: any free port; restart() keeps the port it got). */
  port?: number;
  /** server.properties keys, applied over the embedded defaults (EMBEDDED_DEFAULTS). */
  overrides?: Record<string, string | number | boolean>;
  /** Topics created before startBroker resolves (ones that already exist are left as they are). */
  topics?: TopicSpec[];
  /** pino level of the broker's log on stderr (default: SAMSA_LOG_LEVEL, else 'warn'). */
  logLevel?: string;
  /** child-process mode: how long to wait for the broker to be ready (default 30000 ms). */
  startTimeoutMs?: number;
}

/**
 * What an embedded broker changes from samsa's (Kafka's) defaults, for a fast start and
 * quick group tests; `overrides` win. The single-thread layout runs processor, handler and
 * controller on one thread: no worker start-up, and nothing left running after stop().
 */
export const EMBEDDED_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  'samsa.threading': 'single',
  'num.network.threads': '1',
  'num.io.threads': '1',
  'offsets.topic.num.partitions': '1',
  'group.initial.rebalance.delay.ms': '0',
});

/** Set through host/port/dataDir, not overrides. */
const RESERVED = ['listeners', 'log.dirs', 'log.dir'];

export function embeddedProperties(host: string, port: number, dataDir: string, overrides: Record<string, string | number | boolean> = {}): Record<string, string> {
  for (const k of RESERVED) {
    if (k in overrides) throw new SamsaError('SAMSA_ERR_CONFIG', `startBroker: set '${k}' with the host, port and dataDir options, not overrides`);
  }
  const props: Record<string, string> = { ...EMBEDDED_DEFAULTS };
  for (const [k, v] of Object.entries(overrides)) props[k] = String(v);
  props['listeners'] = `PLAINTEXT://${host.includes(':') ? `[${host}]` : host}:${port}`;
  props['log.dirs'] = dataDir;
  return props;
}

export function normalizeTopics(topics: TopicSpec[]): { name: string; partitions: number; configs: Record<string, string> }[] {
  return topics.map((t) => {
    const spec = typeof t === 'string' ? { name: t } : t;
    if (!spec || typeof spec.name !== 'string' || spec.name === '') throw new TypeError(`invalid topic ${JSON.stringify(t)}`);
    const configs: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.configs ?? {})) configs[k] = String(v);
    return { name: spec.name, partitions: spec.partitions ?? -1, configs };
  });
}
