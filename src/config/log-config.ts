// The storage engine's per-log settings are defined by the storage layer.
export type { LogConfig } from '../storage/config';
