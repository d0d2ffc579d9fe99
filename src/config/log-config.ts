// The storage engine's per-log settings; defined by src/storage (re-exported here).
export type { LogConfig } from '../storage/log';
