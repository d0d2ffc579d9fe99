// Topic-level configuration: the keys samsa supports, their broker defaults (synonyms),
// validation, effective values, the storage LogConfig, and DescribeConfigs entries.
import {
  ConfigKey, ConfigSource, CONFIG_TYPE_CODE, LONG_MAX_STRING, atLeast, between, checkKey, inList,
  inListIgnoreCase, parseTyped, validList, ConfigType,
} from './config-def';
import { BROKER_KEYS } from './broker-keys';
import { defaultServerConfig } from './server-config';
import type { ServerConfig } from './server-config';
import type { LogConfig } from './log-config';

export type { LogConfig } from './log-config';

export interface TopicKey extends ConfigKey {
  /** Broker keys this topic key defaults from, most specific first (Kafka's synonyms). */
  brokerKeys: string[];
  /** The broker-level effective value, as a string. */
  fromServer: (s: ServerConfig) => string;
}

const longStr = (n: number) => (n >= Number.MAX_SAFE_INTEGER ? LONG_MAX_STRING : String(n));

const t = (name: string, type: ConfigType, def: string, brokerKeys: string[], fromServer: (s: ServerConfig) => string,
  validator?: ConfigKey['validator']): TopicKey => ({ name, type, default: def, brokerKeys, fromServer, validator });

export const TOPIC_KEYS: TopicKey[] = [
  t('cleanup.policy', 'list', 'delete', ['log.cleanup.policy'], (s) => s.logCleanupPolicy.join(','), validList('compact', 'delete')),
  t('compression.type', 'string', 'producer', ['compression.type'], (s) => s.compressionType,
    inListIgnoreCase('uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer')),
  t('compression.gzip.level', 'int', '-1', ['compression.gzip.level'], (s) => String(s.compressionGzipLevel),
    (v) => (v === -1 || (typeof v === 'number' && v >= 1 && v <= 9) ? null : 'Value must be -1 or between 1 and 9')),
  t('compression.lz4.level', 'int', '9', ['compression.lz4.level'], (s) => String(s.compressionLz4Level), between(1, 17)),
  t('compression.zstd.level', 'int', '3', ['compression.zstd.level'], (s) => String(s.compressionZstdLevel), between(-131072, 22)),
  t('delete.retention.ms', 'long', '86400000', ['log.cleaner.delete.retention.ms'], (s) => longStr(s.logCleanerDeleteRetentionMs), atLeast(0)),
  t('file.delete.delay.ms', 'long', '60000', ['log.segment.delete.delay.ms'], (s) => longStr(s.logSegmentDeleteDelayMs), atLeast(0)),
  t('flush.messages', 'long', LONG_MAX_STRING, ['log.flush.interval.messages'], (s) => longStr(s.logFlushIntervalMessages), atLeast(1)),
  t('flush.ms', 'long', LONG_MAX_STRING, ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'], (s) => longStr(s.logFlushIntervalMs), atLeast(0)),
  t('index.interval.bytes', 'int', '4096', ['log.index.interval.bytes'], (s) => String(s.logIndexIntervalBytes), atLeast(0)),
  t('max.compaction.lag.ms', 'long', LONG_MAX_STRING, ['log.cleaner.max.compaction.lag.ms'], (s) => longStr(s.logCleanerMaxCompactionLagMs), atLeast(1)),
  t('max.message.bytes', 'int', '1048588', ['message.max.bytes'], (s) => String(s.messageMaxBytes), atLeast(0)),
  t('message.timestamp.type', 'string', 'CreateTime', ['log.message.timestamp.type'], (s) => s.logMessageTimestampType, inList('CreateTime', 'LogAppendTime')),
  t('message.timestamp.before.max.ms', 'long', LONG_MAX_STRING, ['log.message.timestamp.before.max.ms'], (s) => longStr(s.logMessageTimestampBeforeMaxMs), atLeast(0)),
  t('message.timestamp.after.max.ms', 'long', '3600000', ['log.message.timestamp.after.max.ms'], (s) => longStr(s.logMessageTimestampAfterMaxMs), atLeast(0)),
  t('min.cleanable.dirty.ratio', 'double', '0.5', ['log.cleaner.min.cleanable.ratio'], (s) => String(s.logCleanerMinCleanableRatio), between(0, 1)),
  t('min.compaction.lag.ms', 'long', '0', ['log.cleaner.min.compaction.lag.ms'], (s) => longStr(s.logCleanerMinCompactionLagMs), atLeast(0)),
  t('min.insync.replicas', 'int', '1', ['min.insync.replicas'], (s) => String(s.minInsyncReplicas), atLeast(1)),
  t('preallocate', 'boolean', 'false', ['log.preallocate'], (s) => String(s.logPreallocate)),
  t('retention.bytes', 'long', '-1', ['log.retention.bytes'], (s) => longStr(s.logRetentionBytes)),
  t('retention.ms', 'long', '604800000', ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'], (s) => longStr(s.logRetentionMs), atLeast(-1)),
  t('segment.bytes', 'int', String(1024 * 1024 * 1024), ['log.segment.bytes'], (s) => String(s.logSegmentBytes), atLeast(14)),
  t('segment.index.bytes', 'int', '10485760', ['log.index.size.max.bytes'], (s) => String(s.logIndexSizeMaxBytes), atLeast(4)),
  t('segment.jitter.ms', 'long', '0', ['log.roll.jitter.ms', 'log.roll.jitter.hours'], (s) => longStr(s.logRollJitterMs), atLeast(0)),
  t('segment.ms', 'long', '604800000', ['log.roll.ms', 'log.roll.hours'], (s) => longStr(s.logRollMs), atLeast(1)),
  t('unclean.leader.election.enable', 'boolean', 'false', ['unclean.leader.election.enable'], (s) => String(s.uncleanLeaderElectionEnable)),
];

export const TOPIC_KEY_MAP = new Map(TOPIC_KEYS.map((d) => [d.name, d]));

/** Error message for an invalid or unknown topic config, or null when valid. */
export function validateTopicConfig(key: string, value: string): string | null {
  const def = TOPIC_KEY_MAP.get(key);
  if (!def) return `Unknown topic config name: ${key}`;
  return checkKey(def, value);
}

/** Validates a whole set; returns the first error message, or null. */
export function validateTopicConfigs(configs: Record<string, string>): string | null {
  for (const [k, v] of Object.entries(configs)) {
    const err = validateTopicConfig(k, v);
    if (err) return err;
  }
  return null;
}

export type TopicConfigSourceName = 'topic' | 'default' | 'static-broker';
export interface EffectiveEntry { value: string; source: TopicConfigSourceName; brokerKey?: string }

function brokerSource(def: TopicKey, server: ServerConfig): string | undefined {
  return def.brokerKeys.find((b) => server.raw[b] !== undefined);
}

/** Every supported topic key with its effective value and where it came from. */
export function effectiveTopicConfig(overrides: Record<string, string>, server: ServerConfig): Record<string, EffectiveEntry> {
  const out: Record<string, EffectiveEntry> = {};
  for (const def of TOPIC_KEYS) {
    const o = overrides[def.name];
    if (o !== undefined) { out[def.name] = { value: o, source: 'topic' }; continue; }
    const bk = brokerSource(def, server);
    out[def.name] = bk !== undefined
      ? { value: def.fromServer(server), source: 'static-broker', brokerKey: bk }
      : { value: def.fromServer(server), source: 'default', brokerKey: def.brokerKeys[0] };
  }
  return out;
}

function num(entries: Record<string, EffectiveEntry>, key: string): number {
  const def = TOPIC_KEY_MAP.get(key)!;
  const { value, error } = parseTyped(def.type, entries[key].value);
  if (error || typeof value !== 'number') return parseTyped(def.type, def.default!).value as number;
  return value;
}

/** The storage engine's per-partition settings for a topic. */
export function toLogConfig(overrides: Record<string, string>, server: ServerConfig): LogConfig {
  const e = effectiveTopicConfig(overrides, server);
  const tsType = e['message.timestamp.type'].value === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime';
  const cleanupPolicy: ('delete' | 'compact')[] = [];
  for (const p of e['cleanup.policy'].value.split(',').map((s) => s.trim().toLowerCase())) {
    if ((p === 'delete' || p === 'compact') && !cleanupPolicy.includes(p)) cleanupPolicy.push(p);
  }
  return {
    segmentBytes: num(e, 'segment.bytes'),
    segmentMs: num(e, 'segment.ms'),
    retentionMs: num(e, 'retention.ms'),
    retentionBytes: num(e, 'retention.bytes'),
    indexIntervalBytes: num(e, 'index.interval.bytes'),
    segmentIndexBytes: num(e, 'segment.index.bytes'),
    flushMessages: num(e, 'flush.messages'),
    flushMs: num(e, 'flush.ms'),
    maxMessageBytes: num(e, 'max.message.bytes'),
    messageTimestampType: tsType,
    fsyncOnAppend: server.samsaLogFsyncOnAppend,
    cleanupPolicy,
    deleteRetentionMs: num(e, 'delete.retention.ms'),
    minCleanableDirtyRatio: num(e, 'min.cleanable.dirty.ratio'),
    minCompactionLagMs: num(e, 'min.compaction.lag.ms'),
    maxCompactionLagMs: num(e, 'max.compaction.lag.ms'),
  };
}

// ---- DescribeConfigs ------------------------------------------------------------------------

export interface ConfigSynonym { name: string; value: string | null; source: number }
export interface DescribedConfig {
  name: string;
  value: string | null;
  readOnly: boolean;
  isDefault: boolean;
  /** ConfigSource code (Kafka's DescribeConfigs configSource). */
  source: number;
  sensitive: boolean;
  /** Kafka's configType code (DescribeConfigs v3+). */
  configType: number;
  synonyms: ConfigSynonym[];
  documentation: string | null;
}

/** DescribeConfigs entries of a topic (topic overrides, else broker, else default). */
export function describeTopicConfigs(overrides: Record<string, string>, server: ServerConfig): DescribedConfig[] {
  const e = effectiveTopicConfig(overrides, server);
  return TOPIC_KEYS.map((def) => {
    const entry = e[def.name];
    const synonyms: ConfigSynonym[] = [];
    if (entry.source === 'topic') synonyms.push({ name: def.name, value: entry.value, source: ConfigSource.TOPIC_CONFIG });
    for (const bk of def.brokerKeys) {
      if (server.raw[bk] !== undefined) synonyms.push({ name: bk, value: server.raw[bk], source: ConfigSource.STATIC_BROKER_CONFIG });
    }
    synonyms.push({ name: def.brokerKeys[0], value: def.fromServer(defaultsOnly(server)), source: ConfigSource.DEFAULT_CONFIG });
    const source = entry.source === 'topic' ? ConfigSource.TOPIC_CONFIG
      : entry.source === 'static-broker' ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
    return {
      name: def.name, value: entry.value, readOnly: false, isDefault: entry.source === 'default', source,
      sensitive: false, configType: CONFIG_TYPE_CODE[def.type], synonyms, documentation: def.doc ?? null,
    };
  });
}

let defaultsCache: ServerConfig | undefined;
function defaultsOnly(_server: ServerConfig): ServerConfig {
  if (!defaultsCache) defaultsCache = defaultServerConfig();
  return defaultsCache;
}

/** DescribeConfigs entries of the broker: every known key, static (read-only) or default. */
export function describeBrokerConfigs(server: ServerConfig): DescribedConfig[] {
  return BROKER_KEYS.map((def) => {
    const given = server.raw[def.name];
    const sensitive = def.type === 'password';
    const value = sensitive ? null : given ?? brokerDisplayDefault(def.name, server);
    return {
      name: def.name,
      value,
      readOnly: true,
      isDefault: given === undefined,
      source: given === undefined ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG,
      sensitive,
      configType: CONFIG_TYPE_CODE[def.type],
      synonyms: given === undefined ? [{ name: def.name, value, source: ConfigSource.DEFAULT_CONFIG }]
        : [{ name: def.name, value, source: ConfigSource.STATIC_BROKER_CONFIG }],
      documentation: def.doc ?? null,
    };
  });
}

function brokerDisplayDefault(name: string, server: ServerConfig): string | null {
  // keys whose default is derived from another key show the effective value
  if (name === 'node.id') return String(server.nodeId);
  if (name === 'log.dirs') return server.logDirs.join(',');
  return BROKER_KEYS.find((d) => d.name === name)!.default;
}
