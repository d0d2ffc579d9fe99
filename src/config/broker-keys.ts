// Broker (server.properties) keys samsa understands, with Kafka's names, types and defaults.
import {
  ConfigKey, LONG_MAX_STRING, atLeast, between, inList, inListIgnoreCase, validList, nonEmptyList, allOf,
} from './config-def';
import { DEFAULT_PROTOCOL_MAP } from './listeners';

const k = (name: string, type: ConfigKey['type'], def: string | null, validator?: ConfigKey['validator'], doc?: string): ConfigKey =>
  ({ name, type, default: def, validator, doc });

export const COMPRESSION_TYPES = ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'];

/** Keys samsa reads. Order is the order DescribeConfigs lists them in. */
export const BROKER_KEYS: ConfigKey[] = [
  k('node.id', 'int', '1', atLeast(0), 'The node id of this broker (samsa default 1; alias broker.id).'),
  k('broker.id', 'int', '-1', atLeast(-1), 'Alias of node.id.'),
  k('listeners', 'list', 'PLAINTEXT://:9092', nonEmptyList, 'Listeners to bind: NAME://host:port, comma separated.'),
  k('advertised.listeners', 'list', null, undefined, 'Listeners published to clients; defaults to listeners.'),
  k('listener.security.protocol.map', 'string', DEFAULT_PROTOCOL_MAP),
  k('controller.listener.names', 'list', null, undefined, 'Listeners samsa does not serve (KRaft controller listeners).'),
  k('inter.broker.listener.name', 'string', null),
  k('log.dirs', 'list', null, undefined, 'Directories for partition data; defaults to log.dir.'),
  k('log.dir', 'string', '/tmp/samsa-logs', undefined, 'Directory for partition data when log.dirs is unset.'),
  k('num.partitions', 'int', '1', atLeast(1)),
  k('default.replication.factor', 'int', '1', atLeast(1)),
  k('auto.create.topics.enable', 'boolean', 'true'),
  k('delete.topic.enable', 'boolean', 'true'),
  k('num.network.threads', 'int', '3', atLeast(1)),
  k('num.io.threads', 'int', '8', atLeast(1)),
  k('num.recovery.threads.per.data.dir', 'int', '2', atLeast(1)),
  k('log.segment.bytes', 'int', String(1024 * 1024 * 1024), atLeast(14)),
  k('log.roll.ms', 'long', null),
  k('log.roll.hours', 'int', '168', atLeast(1)),
  k('log.roll.jitter.ms', 'long', null),
  k('log.roll.jitter.hours', 'int', '0', atLeast(0)),
  k('log.retention.ms', 'long', null),
  k('log.retention.minutes', 'int', null),
  k('log.retention.hours', 'int', '168'),
  k('log.retention.bytes', 'long', '-1'),
  k('log.retention.check.interval.ms', 'long', '300000', atLeast(1)),
  k('log.index.interval.bytes', 'int', '4096', atLeast(0)),
  k('log.index.size.max.bytes', 'int', '10485760', atLeast(4)),
  k('log.flush.interval.messages', 'long', LONG_MAX_STRING, atLeast(1)),
  k('log.flush.interval.ms', 'long', null),
  k('log.flush.scheduler.interval.ms', 'long', LONG_MAX_STRING),
  k('log.flush.offset.checkpoint.interval.ms', 'int', '60000', atLeast(0)),
  k('log.segment.delete.delay.ms', 'long', '60000', atLeast(0)),
  k('log.message.timestamp.type', 'string', 'CreateTime', inList('CreateTime', 'LogAppendTime')),
  k('log.message.timestamp.before.max.ms', 'long', LONG_MAX_STRING, atLeast(0)),
  k('log.message.timestamp.after.max.ms', 'long', '3600000', atLeast(0)),
  k('log.cleanup.policy', 'list', 'delete', validList('compact', 'delete')),
  k('log.cleaner.enable', 'boolean', 'true'),
  k('log.cleaner.delete.retention.ms', 'long', '86400000', atLeast(0)),
  k('log.cleaner.min.compaction.lag.ms', 'long', '0', atLeast(0)),
  k('log.cleaner.max.compaction.lag.ms', 'long', LONG_MAX_STRING, atLeast(1)),
  k('log.cleaner.min.cleanable.ratio', 'double', '0.5', between(0, 1)),
  k('log.cleaner.backoff.ms', 'long', '15000', atLeast(0)),
  k('log.preallocate', 'boolean', 'false'),
  k('compression.type', 'string', 'producer', inListIgnoreCase(...COMPRESSION_TYPES)),
  k('compression.gzip.level', 'int', '-1', (v) => (v === -1 || (typeof v === 'number' && v >= 1 && v <= 9) ? null : 'Value must be -1 or between 1 and 9')),
  k('compression.lz4.level', 'int', '9', between(1, 17)),
  k('compression.zstd.level', 'int', '3', between(-131072, 22)),
  k('min.insync.replicas', 'int', '1', atLeast(1)),
  k('unclean.leader.election.enable', 'boolean', 'false'),
  k('message.max.bytes', 'int', '1048588', atLeast(0)),
  k('replica.fetch.max.bytes', 'int', '1048576', atLeast(0)),
  k('socket.request.max.bytes', 'int', '104857600', atLeast(1)),
  k('socket.send.buffer.bytes', 'int', '102400'),
  k('socket.receive.buffer.bytes', 'int', '102400'),
  k('queued.max.requests', 'int', '500', atLeast(1)),
  k('connections.max.idle.ms', 'long', '600000'),
  k('max.connections', 'int', '2147483647', atLeast(0)),
  k('cluster.id', 'string', null, undefined, 'samsa: cluster id to use when the log dirs hold no meta.properties.'),
  k('offsets.topic.num.partitions', 'int', '50', atLeast(1)),
  k('offsets.topic.replication.factor', 'short', '3', atLeast(1)),
  k('offsets.topic.segment.bytes', 'int', String(100 * 1024 * 1024), atLeast(1)),
  k('offsets.retention.minutes', 'int', '10080', atLeast(1)),
  k('offsets.retention.check.interval.ms', 'long', '600000', atLeast(1)),
  k('offsets.commit.timeout.ms', 'int', '5000', atLeast(1)),
  k('group.initial.rebalance.delay.ms', 'int', '3000'),
  k('group.min.session.timeout.ms', 'int', '6000'),
  k('group.max.session.timeout.ms', 'int', '1800000'),
  k('group.max.size', 'int', '2147483647', atLeast(1)),
  k('transaction.state.log.replication.factor', 'short', '3', atLeast(1)),
  k('transaction.state.log.min.isr', 'int', '2', atLeast(1)),
  k('transaction.state.log.num.partitions', 'int', '50', atLeast(1)),
  k('samsa.log.fsync.on.append', 'boolean', 'false', undefined, 'samsa: fsync appended data before acknowledging a produce request.'),
  k('samsa.threading', 'string', 'workers', inList('workers', 'single'), 'samsa: "workers" (network and partition work on worker threads) or "single" (everything on one thread).'),
];

/**
 * Kafka keys accepted without a warning although samsa does nothing with them (KRaft,
 * replication, security and tuning knobs from Kafka's sample configs).
 */
export const IGNORED_KAFKA_KEYS = new Set<string>([
  'process.roles', 'controller.quorum.voters', 'controller.quorum.bootstrap.servers', 'metadata.log.dir',
  'zookeeper.connect', 'zookeeper.connection.timeout.ms', 'share.coordinator.state.topic.replication.factor',
  'share.coordinator.state.topic.min.isr', 'num.replica.fetchers', 'replica.lag.time.max.ms',
  'auto.leader.rebalance.enable', 'log.cleaner.threads', 'log.cleaner.dedupe.buffer.size',
  'log.cleaner.io.buffer.size', 'background.threads', 'request.timeout.ms',
  'controlled.shutdown.enable', 'log.local.retention.ms', 'log.local.retention.bytes',
  'remote.log.storage.system.enable', 'authorizer.class.name', 'super.users', 'sasl.enabled.mechanisms',
  'ssl.keystore.location', 'ssl.keystore.password', 'ssl.key.password', 'ssl.truststore.location',
  'ssl.truststore.password', 'ssl.client.auth', 'group.coordinator.rebalance.protocols',
  'group.consumer.session.timeout.ms', 'group.consumer.heartbeat.interval.ms', 'metadata.log.segment.bytes',
  'transaction.max.timeout.ms', 'producer.id.expiration.ms', 'kafka.metrics.reporters', 'metric.reporters',
]);

export const BROKER_KEY_MAP = new Map(BROKER_KEYS.map((d) => [d.name, d]));
