// GroupConfig from the broker's ServerConfig (Kafka's group.* and offsets.* keys).
import type { ServerConfig } from '../../config/server-config';
import { DEFAULT_GROUP_CONFIG, type GroupConfig } from './types';

type GroupKeys = Pick<ServerConfig,
  'groupMinSessionTimeoutMs' | 'groupMaxSessionTimeoutMs' | 'groupInitialRebalanceDelayMs' | 'groupMaxSize' |
  'offsetsRetentionMinutes' | 'offsetsRetentionCheckIntervalMs'>;

/** offset.metadata.max.bytes is not a samsa key yet: Kafka's default (4096) unless given. */
export function groupConfigFrom(cfg: GroupKeys, offsetMetadataMaxBytes = DEFAULT_GROUP_CONFIG.offsetMetadataMaxBytes): GroupConfig {
  return {
    minSessionTimeoutMs: cfg.groupMinSessionTimeoutMs,
    maxSessionTimeoutMs: cfg.groupMaxSessionTimeoutMs,
    initialRebalanceDelayMs: cfg.groupInitialRebalanceDelayMs,
    maxSize: cfg.groupMaxSize,
    offsetsRetentionMs: cfg.offsetsRetentionMinutes * 60_000,
    offsetsRetentionCheckIntervalMs: cfg.offsetsRetentionCheckIntervalMs,
    offsetMetadataMaxBytes,
  };
}
