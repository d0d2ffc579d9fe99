// Broker configuration: server.properties + "key=value" overrides → typed ServerConfig.
import { readPropertiesFile } from './server-properties';
import { BROKER_KEYS, BROKER_KEY_MAP, IGNORED_KAFKA_KEYS } from './broker-keys';
import { ConfigError, ConfigValue, parseKey } from './config-def';
import { Listener, parseListeners, parseProtocolMap } from './listeners';

export { ConfigError } from './config-def';
export type { Listener } from './listeners';

export type CleanupPolicy = 'delete' | 'compact';
export type TimestampType = 'CreateTime' | 'LogAppendTime';
export type ThreadingMode = 'workers' | 'single';

export interface ServerConfig {
  nodeId: number;
  /** Listeners samsa binds (controller listeners excluded). */
  listeners: Listener[];
  /** Listeners published in Metadata; defaults to `listeners`. */
  advertisedListeners: Listener[];
  interBrokerListenerName: string;
  logDirs: string[];
  numPartitions: number;
  defaultReplicationFactor: number;
  autoCreateTopicsEnable: boolean;
  deleteTopicEnable: boolean;
  numNetworkThreads: number;
  numIoThreads: number;
  numRecoveryThreadsPerDataDir: number;
  logSegmentBytes: number;
  /** log.roll.ms, else log.roll.hours × 3600000. */
  logRollMs: number;
  logRollJitterMs: number;
  /** log.retention.ms > .minutes > .hours; -1 = unlimited. */
  logRetentionMs: number;
  logRetentionBytes: number;
  logRetentionCheckIntervalMs: number;
  logIndexIntervalBytes: number;
  logIndexSizeMaxBytes: number;
  /** Number.MAX_SAFE_INTEGER stands for Kafka's Long.MAX_VALUE ("never"). */
  logFlushIntervalMessages: number;
  /** log.flush.interval.ms, else log.flush.scheduler.interval.ms. */
  logFlushIntervalMs: number;
  logFlushSchedulerIntervalMs: number;
  logFlushOffsetCheckpointIntervalMs: number;
  logSegmentDeleteDelayMs: number;
  logMessageTimestampType: TimestampType;
  logMessageTimestampBeforeMaxMs: number;
  logMessageTimestampAfterMaxMs: number;
  logCleanupPolicy: CleanupPolicy[];
  logCleanerEnable: boolean;
  logCleanerDeleteRetentionMs: number;
  logCleanerMinCompactionLagMs: number;
  logCleanerMaxCompactionLagMs: number;
  logCleanerMinCleanableRatio: number;
  /** How often compacted partitions are checked for a cleaning pass. */
  logCleanerBackoffMs: number;
  logPreallocate: boolean;
  compressionType: string;
  compressionGzipLevel: number;
  compressionLz4Level: number;
  compressionZstdLevel: number;
  minInsyncReplicas: number;
  uncleanLeaderElectionEnable: boolean;
  messageMaxBytes: number;
  replicaFetchMaxBytes: number;
  socketRequestMaxBytes: number;
  socketSendBufferBytes: number;
  socketReceiveBufferBytes: number;
  queuedMaxRequests: number;
  connectionsMaxIdleMs: number;
  maxConnections: number;
  /** samsa: used when the log dirs hold no meta.properties yet; null = generate one. */
  clusterId: string | null;
  offsetsTopicNumPartitions: number;
  offsetsTopicReplicationFactor: number;
  offsetsTopicSegmentBytes: number;
  offsetsRetentionMinutes: number;
  offsetsRetentionCheckIntervalMs: number;
  offsetsCommitTimeoutMs: number;
  groupInitialRebalanceDelayMs: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  groupMaxSize: number;
  /** KIP-848 consumer groups: group.consumer.heartbeat.interval.ms, group.consumer.session.timeout.ms */
  groupConsumerHeartbeatIntervalMs: number;
  groupConsumerSessionTimeoutMs: number;
  transactionStateLogReplicationFactor: number;
  transactionStateLogMinIsr: number;
  transactionStateLogNumPartitions: number;
  /** samsa: fsync before acknowledging a produce. */
  samsaLogFsyncOnAppend: boolean;
  /** samsa: worker threads, or everything on the main thread. */
  samsaThreading: ThreadingMode;
  /** Same as samsaThreading. */
  threading: ThreadingMode;
  /** Everything given (file, then overrides), as strings. */
  raw: Record<string, string>;
}

/** "a.b.c-d" → "aBCD" */
export function camelCase(key: string): string {
  return key.replace(/[.\-_]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Splits "key=value" (first '='); throws ConfigError when there is none. */
export function parseOverride(s: string): [string, string] {
  const i = s.indexOf('=');
  if (i <= 0) throw new ConfigError(`Invalid override '${s}': expected key=value`, undefined, s);
  return [s.slice(0, i).trim(), s.slice(i + 1)];
}

/** Builds a ServerConfig from given properties; throws ConfigError on an invalid value. */
export function buildServerConfig(given: Record<string, string>): { config: ServerConfig; warnings: string[] } {
  const warnings: string[] = [];
  const v: Record<string, ConfigValue> = {};
  for (const def of BROKER_KEYS) {
    const raw = given[def.name];
    v[def.name] = raw !== undefined ? parseKey(def, raw) : def.default === null ? null : parseKey(def, def.default);
  }
  for (const key of Object.keys(given)) {
    if (BROKER_KEY_MAP.has(key) || IGNORED_KAFKA_KEYS.has(key)) continue;
    warnings.push(`Unknown configuration '${key}' (value '${given[key]}') is ignored`);
  }
  const num = (key: string) => v[key] as number;
  const opt = (key: string) => v[key] as number | null;

  // node.id / broker.id
  let nodeId = num('node.id');
  if (given['broker.id'] !== undefined) {
    const brokerId = num('broker.id');
    if (given['node.id'] !== undefined && brokerId !== nodeId) {
      throw new ConfigError(`Invalid value ${given['broker.id']} for configuration broker.id: must match node.id (${nodeId})`, 'broker.id', given['broker.id']);
    }
    if (given['node.id'] === undefined && brokerId >= 0) nodeId = brokerId;
  }

  // listeners
  const protocolMap = parseProtocolMap('listener.security.protocol.map', v['listener.security.protocol.map'] as string);
  const controllerNames = new Set(((v['controller.listener.names'] as string[] | null) ?? []).map((s) => s.toUpperCase()));
  const listenersRaw = given['listeners'] ?? 'PLAINTEXT://:9092';
  const all = parseListeners('listeners', listenersRaw, protocolMap);
  const listeners = all.filter((l) => !controllerNames.has(l.name));
  if (listeners.length === 0) {
    throw new ConfigError(`Invalid value ${listenersRaw} for configuration listeners: no listener besides controller listeners`, 'listeners', listenersRaw);
  }
  for (const l of listeners) {
    if (l.securityProtocol !== 'PLAINTEXT') {
      throw new ConfigError(`Invalid value ${listenersRaw} for configuration listeners: listener ${l.name} uses security protocol ${l.securityProtocol}; samsa supports PLAINTEXT only`, 'listeners', listenersRaw);
    }
  }
  for (const n of controllerNames) if (all.some((l) => l.name === n)) warnings.push(`Controller listener ${n} is not served by samsa`);
  let advertisedListeners = listeners;
  if (given['advertised.listeners'] !== undefined && given['advertised.listeners'].trim() !== '') {
    const adv = parseListeners('advertised.listeners', given['advertised.listeners'], protocolMap).filter((l) => !controllerNames.has(l.name));
    for (const a of adv) {
      if (!listeners.some((l) => l.name === a.name)) {
        throw new ConfigError(`Invalid value ${given['advertised.listeners']} for configuration advertised.listeners: listener ${a.name} is not in listeners`, 'advertised.listeners', given['advertised.listeners']);
      }
    }
    // a listener without an advertised entry advertises itself
    advertisedListeners = listeners.map((l) => adv.find((a) => a.name === l.name) ?? l);
  }
  const interBrokerListenerName = ((v['inter.broker.listener.name'] as string | null) ?? listeners[0].name).toUpperCase();

  // log dirs
  const logDirsList = v['log.dirs'] as string[] | null;
  const logDirs = logDirsList && logDirsList.length > 0 ? logDirsList : [v['log.dir'] as string];

  // precedence: ms > minutes > hours
  const logRollMs = opt('log.roll.ms') ?? num('log.roll.hours') * 3600000;
  const logRollJitterMs = opt('log.roll.jitter.ms') ?? num('log.roll.jitter.hours') * 3600000;
  let logRetentionMs: number;
  if (opt('log.retention.ms') !== null) logRetentionMs = num('log.retention.ms');
  else if (opt('log.retention.minutes') !== null) logRetentionMs = num('log.retention.minutes') * 60000;
  else logRetentionMs = num('log.retention.hours') * 3600000;
  if (logRetentionMs < 0) logRetentionMs = -1;
  const logFlushSchedulerIntervalMs = num('log.flush.scheduler.interval.ms');

  const config: ServerConfig = {
    nodeId,
    listeners,
    advertisedListeners,
    interBrokerListenerName,
    logDirs,
    numPartitions: num('num.partitions'),
    defaultReplicationFactor: num('default.replication.factor'),
    autoCreateTopicsEnable: v['auto.create.topics.enable'] as boolean,
    deleteTopicEnable: v['delete.topic.enable'] as boolean,
    numNetworkThreads: num('num.network.threads'),
    numIoThreads: num('num.io.threads'),
    numRecoveryThreadsPerDataDir: num('num.recovery.threads.per.data.dir'),
    logSegmentBytes: num('log.segment.bytes'),
    logRollMs,
    logRollJitterMs,
    logRetentionMs,
    logRetentionBytes: num('log.retention.bytes'),
    logRetentionCheckIntervalMs: num('log.retention.check.interval.ms'),
    logIndexIntervalBytes: num('log.index.interval.bytes'),
    logIndexSizeMaxBytes: num('log.index.size.max.bytes'),
    logFlushIntervalMessages: num('log.flush.interval.messages'),
    logFlushIntervalMs: opt('log.flush.interval.ms') ?? logFlushSchedulerIntervalMs,
    logFlushSchedulerIntervalMs,
    logFlushOffsetCheckpointIntervalMs: num('log.flush.offset.checkpoint.interval.ms'),
    logSegmentDeleteDelayMs: num('log.segment.delete.delay.ms'),
    logMessageTimestampType: v['log.message.timestamp.type'] as TimestampType,
    logMessageTimestampBeforeMaxMs: num('log.message.timestamp.before.max.ms'),
    logMessageTimestampAfterMaxMs: num('log.message.timestamp.after.max.ms'),
    logCleanupPolicy: v['log.cleanup.policy'] as CleanupPolicy[],
    logCleanerEnable: v['log.cleaner.enable'] as boolean,
    logCleanerDeleteRetentionMs: num('log.cleaner.delete.retention.ms'),
    logCleanerMinCompactionLagMs: num('log.cleaner.min.compaction.lag.ms'),
    logCleanerMaxCompactionLagMs: num('log.cleaner.max.compaction.lag.ms'),
    logCleanerMinCleanableRatio: num('log.cleaner.min.cleanable.ratio'),
    logCleanerBackoffMs: num('log.cleaner.backoff.ms'),
    logPreallocate: v['log.preallocate'] as boolean,
    compressionType: (v['compression.type'] as string).toLowerCase(),
    compressionGzipLevel: num('compression.gzip.level'),
    compressionLz4Level: num('compression.lz4.level'),
    compressionZstdLevel: num('compression.zstd.level'),
    minInsyncReplicas: num('min.insync.replicas'),
    uncleanLeaderElectionEnable: v['unclean.leader.election.enable'] as boolean,
    messageMaxBytes: num('message.max.bytes'),
    replicaFetchMaxBytes: num('replica.fetch.max.bytes'),
    socketRequestMaxBytes: num('socket.request.max.bytes'),
    socketSendBufferBytes: num('socket.send.buffer.bytes'),
    socketReceiveBufferBytes: num('socket.receive.buffer.bytes'),
    queuedMaxRequests: num('queued.max.requests'),
    connectionsMaxIdleMs: num('connections.max.idle.ms'),
    maxConnections: num('max.connections'),
    clusterId: (v['cluster.id'] as string | null) ?? null,
    offsetsTopicNumPartitions: num('offsets.topic.num.partitions'),
    offsetsTopicReplicationFactor: num('offsets.topic.replication.factor'),
    offsetsTopicSegmentBytes: num('offsets.topic.segment.bytes'),
    offsetsRetentionMinutes: num('offsets.retention.minutes'),
    offsetsRetentionCheckIntervalMs: num('offsets.retention.check.interval.ms'),
    offsetsCommitTimeoutMs: num('offsets.commit.timeout.ms'),
    groupInitialRebalanceDelayMs: num('group.initial.rebalance.delay.ms'),
    groupMinSessionTimeoutMs: num('group.min.session.timeout.ms'),
    groupMaxSessionTimeoutMs: num('group.max.session.timeout.ms'),
    groupMaxSize: num('group.max.size'),
    groupConsumerHeartbeatIntervalMs: num('group.consumer.heartbeat.interval.ms'),
    groupConsumerSessionTimeoutMs: num('group.consumer.session.timeout.ms'),
    transactionStateLogReplicationFactor: num('transaction.state.log.replication.factor'),
    transactionStateLogMinIsr: num('transaction.state.log.min.isr'),
    transactionStateLogNumPartitions: num('transaction.state.log.num.partitions'),
    samsaLogFsyncOnAppend: v['samsa.log.fsync.on.append'] as boolean,
    samsaThreading: v['samsa.threading'] as ThreadingMode,
    threading: v['samsa.threading'] as ThreadingMode,
    raw: { ...given },
  };
  return { config, warnings };
}

/**
 * Reads `file` (optional) and applies `overrides` ("key=value", later wins over the file).
 * Throws ConfigError for an unreadable file, a malformed override or an invalid value;
 * unknown keys come back as warnings.
 */
export function loadServerConfig(file: string | undefined, overrides: string[] = []): { config: ServerConfig; warnings: string[] } {
  let given: Record<string, string> = {};
  if (file !== undefined) {
    try {
      given = readPropertiesFile(file);
    } catch (e) {
      throw new ConfigError(`Cannot read configuration file ${file}: ${(e as Error).message}`);
    }
  }
  for (const o of overrides) {
    const [key, value] = parseOverride(o);
    given[key] = value;
  }
  return buildServerConfig(given);
}

/** The config with nothing given (Kafka defaults, samsa's log dir). */
export function defaultServerConfig(overrides: Record<string, string> = {}): ServerConfig {
  return buildServerConfig(overrides).config;
}
