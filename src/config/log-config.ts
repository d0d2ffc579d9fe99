// The storage engine's per-log settings (shape agreed with src/storage/log.ts).
export interface LogConfig {
  segmentBytes: number;
  segmentMs: number;
  /** -1 = unlimited */
  retentionMs: number;
  /** -1 = unlimited */
  retentionBytes: number;
  indexIntervalBytes: number;
  segmentIndexBytes: number;
  flushMessages: number;
  flushMs: number;
  maxMessageBytes: number;
  messageTimestampType: 'CreateTime' | 'LogAppendTime';
  fsyncOnAppend: boolean;
}
