// Per-partition log configuration (Kafka topic-level names in camelCase) and Kafka's defaults.
import { SamsaError } from '../runtime/samsa-error';

export interface LogConfig {
  segmentBytes: number;
  segmentMs: number;
  /** -1 = keep forever */
  retentionMs: number;
  /** -1 = no size limit */
  retentionBytes: number;
  indexIntervalBytes: number;
  segmentIndexBytes: number;
  flushMessages: number;
  flushMs: number;
  maxMessageBytes: number;
  messageTimestampType: 'CreateTime' | 'LogAppendTime';
  /** fdatasync the log after every append before acknowledging it. */
  fsyncOnAppend: boolean;
  /** cleanup.policy: 'delete' (retention), 'compact' (log cleaner), or both. */
  cleanupPolicy: CleanupPolicy[];
  /** delete.retention.ms: how long a tombstone survives after the cleaner first saw it. */
  deleteRetentionMs: number;
  /** min.cleanable.dirty.ratio: dirty / (clean + dirty) bytes needed before a cleaning pass. */
  minCleanableDirtyRatio: number;
  /** min.compaction.lag.ms: records younger than this stay uncompacted. */
  minCompactionLagMs: number;
  /** max.compaction.lag.ms: dirty records older than this force a pass whatever the ratio. */
  maxCompactionLagMs: number;
}

export type CleanupPolicy = 'delete' | 'compact';

/** Stand-in for Java's Long.MAX_VALUE ("never"). */
export const NEVER = Number.MAX_SAFE_INTEGER;

export const DEFAULT_LOG_CONFIG: LogConfig = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  indexIntervalBytes: 4096,
  segmentIndexBytes: 10 * 1024 * 1024,
  flushMessages: NEVER,
  flushMs: NEVER,
  maxMessageBytes: 1048588,
  messageTimestampType: 'CreateTime',
  fsyncOnAppend: false,
  cleanupPolicy: Object.freeze(['delete']) as CleanupPolicy[],
  deleteRetentionMs: 24 * 60 * 60 * 1000,
  minCleanableDirtyRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: NEVER,
}) as LogConfig;

export function isCompacted(c: LogConfig): boolean { return c.cleanupPolicy.includes('compact'); }
export function hasRetention(c: LogConfig): boolean { return c.cleanupPolicy.includes('delete'); }

/** Throws SAMSA_ERR_CONFIG for values the log cannot work with. */
export function checkLogConfig(c: LogConfig): void {
  const bad = (what: string): never => { throw new SamsaError('SAMSA_ERR_CONFIG', what); };
  if (!(c.segmentBytes >= 14 && c.segmentBytes <= 0x7fffffff)) bad(`segmentBytes ${c.segmentBytes}`);
  if (!(c.segmentMs >= 1)) bad(`segmentMs ${c.segmentMs}`);
  if (!(c.indexIntervalBytes >= 0)) bad(`indexIntervalBytes ${c.indexIntervalBytes}`);
  if (!(c.segmentIndexBytes >= 12)) bad(`segmentIndexBytes ${c.segmentIndexBytes}`);
  if (!(c.maxMessageBytes >= 0)) bad(`maxMessageBytes ${c.maxMessageBytes}`);
  if (!(c.flushMessages >= 1)) bad(`flushMessages ${c.flushMessages}`);
  if (!(c.flushMs >= 0)) bad(`flushMs ${c.flushMs}`);
  if (!Array.isArray(c.cleanupPolicy) || c.cleanupPolicy.some((p) => p !== 'delete' && p !== 'compact')) bad(`cleanupPolicy ${String(c.cleanupPolicy)}`);
  if (!(c.deleteRetentionMs >= 0)) bad(`deleteRetentionMs ${c.deleteRetentionMs}`);
  if (!(c.minCleanableDirtyRatio >= 0 && c.minCleanableDirtyRatio <= 1)) bad(`minCleanableDirtyRatio ${c.minCleanableDirtyRatio}`);
  if (!(c.minCompactionLagMs >= 0)) bad(`minCompactionLagMs ${c.minCompactionLagMs}`);
  if (!(c.maxCompactionLagMs >= 1)) bad(`maxCompactionLagMs ${c.maxCompactionLagMs}`);
  if (c.messageTimestampType !== 'CreateTime' && c.messageTimestampType !== 'LogAppendTime') bad(`messageTimestampType ${c.messageTimestampType}`);
}
