// Command-line options of `samsa perf produce|consume|e2e`: commander hands over strings,
// these functions validate them and throw UsageError with the option's name on bad values.
import * as fs from 'fs';
import * as path from 'path';
import { parseBootstrap } from '../client/cluster';
import { UsageError } from '../cli/options';
import type { CodecId } from './batch-factory';

export type Raw = Record<string, string | boolean | undefined>;
export const COMPRESSIONS: Record<string, CodecId> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

export interface CommonOptions {
  bootstrap: string;
  topic: string;
  json: boolean;
  report: string | null;
  reportingIntervalMs: number;
  clientId: string;
}

export interface ProducerSettings {
  numRecords: number;
  /** The first records of --num-records that are warm-up, reported apart (0 = none). */
  warmupRecords: number;
  recordSize: number;
  /** records/s; -1 = unlimited */
  throughput: number;
  acks: 0 | 1 | -1;
  compression: string;
  codec: CodecId;
  batchSize: number;
  lingerMs: number;
  producers: number;
  partitions?: number;
  replicationFactor?: number;
  maxInFlight: number;
  maxRequestSize: number;
  requestTimeoutMs: number;
  retries: number;
}

export interface ConsumerSettings {
  group: string | null;
  consumers: number;
  timeoutMs: number;
  fetchMaxBytes: number;
  maxPartitionFetchBytes: number;
  fetchMaxWaitMs: number;
}

export type ProduceOptions = CommonOptions & ProducerSettings;
export type ConsumeOptions = CommonOptions & ConsumerSettings & { messages: number };
export type E2eOptions = CommonOptions & ProducerSettings & ConsumerSettings;

function str(raw: Raw, key: string): string | undefined {
  const v = raw[key];
  if (v === undefined || v === false) return undefined;
  if (v === true) return '';
  return v;
}

function flag(name: string): string { return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`; }

/** An integer option in [min, max]; `def` when absent (undefined def = required). */
export function intOpt(raw: Raw, key: string, min: number, max: number, def?: number): number {
  const v = str(raw, key);
  if (v === undefined) {
    if (def === undefined) throw new UsageError(`Missing required option ${flag(key)}`);
    return def;
  }
  const t = v.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new UsageError(`Invalid value '${v}' for ${flag(key)}: expected an integer`);
  const n = Number(t);
  if (n < min || n > max) throw new UsageError(`Invalid value '${v}' for ${flag(key)}: must be between ${min} and ${max}`);
  return n;
}

function optionalInt(raw: Raw, key: string, min: number, max: number): number | undefined {
  return str(raw, key) === undefined ? undefined : intOpt(raw, key, min, max);
}

export function parseThroughput(v: string | undefined, def: number): number {
  if (v === undefined) return def;
  const t = v.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) throw new UsageError(`Invalid value '${v}' for --throughput: expected records per second, or -1 for unlimited`);
  const n = Number(t);
  if (n === -1) return -1;
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`Invalid value '${v}' for --throughput: must be positive, or -1 for unlimited`);
  return n;
}

export function parseAcks(v: string | undefined): 0 | 1 | -1 {
  if (v === undefined) return -1;
  const t = v.trim().toLowerCase();
  if (t === 'all' || t === '-1') return -1;
  if (t === '0') return 0;
  if (t === '1') return 1;
  throw new UsageError(`Invalid value '${v}' for --acks: expected 0, 1 or all`);
}

export function parseCompression(v: string | undefined): string {
  const t = (v ?? 'none').trim().toLowerCase();
  if (!(t in COMPRESSIONS)) throw new UsageError(`Invalid value '${v}' for --compression: expected one of ${Object.keys(COMPRESSIONS).join(', ')}`);
  return t;
}

function common(raw: Raw): CommonOptions {
  const bootstrap = str(raw, 'bootstrapServer');
  if (!bootstrap) throw new UsageError('Missing required option --bootstrap-server');
  try { parseBootstrap(bootstrap); } catch (err) {
    throw new UsageError(`Invalid value '${bootstrap}' for --bootstrap-server: ${(err as Error).message}`);
  }
  const topic = str(raw, 'topic');
  if (!topic) throw new UsageError('Missing required option --topic');
  if (topic.length > 249 || !/^[a-zA-Z0-9._-]+$/.test(topic)) {
    throw new UsageError(`Invalid value '${topic}' for --topic: topic names use letters, digits, '.', '_' and '-' (at most 249)`);
  }
  let report: string | null = null;
  const r = str(raw, 'report');
  if (r !== undefined) {
    if (r === '') throw new UsageError('Missing file name for --report');
    report = path.resolve(r);
    const dir = path.dirname(report);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`Invalid value '${r}' for --report: directory ${dir} does not exist`);
  }
  return {
    bootstrap, topic, json: raw.json === true, report,
    reportingIntervalMs: intOpt(raw, 'reportingInterval', 100, 3_600_000, 5000),
    clientId: str(raw, 'clientId') ?? 'samsa-perf',
  };
}

function producerSettings(raw: Raw, defaults: { throughput: number; recordSize?: number }): ProducerSettings {
  const compression = parseCompression(str(raw, 'compression'));
  const numRecords = intOpt(raw, 'numRecords', 1, Number.MAX_SAFE_INTEGER);
  const warmupRecords = intOpt(raw, 'warmupRecords', 0, Number.MAX_SAFE_INTEGER, 0);
  if (warmupRecords >= numRecords) {
    throw new UsageError(`Invalid value '${warmupRecords}' for --warmup-records: must be less than --num-records (${numRecords}); warm-up records are part of them`);
  }
  return {
    numRecords,
    warmupRecords,
    recordSize: intOpt(raw, 'recordSize', 0, 100 * 1024 * 1024, defaults.recordSize),
    throughput: parseThroughput(str(raw, 'throughput'), defaults.throughput),
    acks: parseAcks(str(raw, 'acks')),
    compression,
    codec: COMPRESSIONS[compression],
    batchSize: intOpt(raw, 'batchSize', 0, 256 * 1024 * 1024, 16384),
    lingerMs: intOpt(raw, 'lingerMs', 0, 3_600_000, 5),
    producers: intOpt(raw, 'producers', 1, 256, 1),
    partitions: optionalInt(raw, 'partitions', 1, 100_000),
    replicationFactor: optionalInt(raw, 'replicationFactor', 1, 32767),
    maxInFlight: intOpt(raw, 'maxInFlight', 1, 1000, 5),
    maxRequestSize: intOpt(raw, 'maxRequestSize', 1024, 1024 * 1024 * 1024, 1_048_576),
    requestTimeoutMs: intOpt(raw, 'requestTimeoutMs', 1, 3_600_000, 30_000),
    retries: intOpt(raw, 'retries', 0, 1000, 3),
  };
}

function consumerSettings(raw: Raw): ConsumerSettings {
  const group = str(raw, 'group');
  if (group === '') throw new UsageError('Missing group id for --group');
  return {
    group: group ?? null,
    consumers: intOpt(raw, 'consumers', 1, 256, 1),
    timeoutMs: intOpt(raw, 'timeoutMs', 1, 86_400_000, 10_000),
    fetchMaxBytes: intOpt(raw, 'fetchMaxBytes', 1024, 1024 * 1024 * 1024, 52_428_800),
    maxPartitionFetchBytes: intOpt(raw, 'maxPartitionFetchBytes', 1024, 1024 * 1024 * 1024, 1_048_576),
    fetchMaxWaitMs: intOpt(raw, 'fetchMaxWaitMs', 0, 60_000, 500),
  };
}

export function parseProduceOptions(raw: Raw): ProduceOptions {
  const c = common(raw);
  const p = producerSettings(raw, { throughput: -1 });
  if (p.producers > p.numRecords) throw new UsageError(`--producers ${p.producers} is more than --num-records ${p.numRecords}`);
  return { ...c, ...p };
}

export function parseConsumeOptions(raw: Raw): ConsumeOptions {
  const c = common(raw);
  return { ...c, ...consumerSettings(raw), messages: intOpt(raw, 'messages', 1, Number.MAX_SAFE_INTEGER) };
}

export function parseE2eOptions(raw: Raw): E2eOptions {
  const c = common(raw);
  const p = producerSettings(raw, { throughput: 10_000, recordSize: 100 });
  if (p.producers > p.numRecords) throw new UsageError(`--producers ${p.producers} is more than --num-records ${p.numRecords}`);
  return { ...c, ...p, ...consumerSettings(raw) };
}
