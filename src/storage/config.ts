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
}

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
}) as LogConfig;

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
  if (c.messageTimestampType !== 'CreateTime' && c.messageTimestampType !== 'LogAppendTime') bad(`messageTimestampType ${c.messageTimestampType}`);
}
