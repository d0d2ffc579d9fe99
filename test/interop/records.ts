// The deterministic records the interop clients produce, and what a reader must see: the
// partition of each key (murmur2, as the clients are configured), dense offsets per partition
// in produce order, and the digest lines "partition:offset:key:value:headers".
// Must agree with test/interop/py/interop_common.py.
import { createHash } from 'crypto';
import * as fs from 'fs';
import { partitionForKey } from '../../src/client/partitioner';

export const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
export type Codec = typeof CODECS[number];
/** Kafka's record batch attribute bits 0-2. */
export const CODEC_IDS: Record<Codec, number> = { gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

const PAD = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(2);

export type Headers = [string, string][];
export const keyOf = (i: number): string => `k${i}`;
export const valueOf = (i: number): string => `v${i}-${PAD.slice(i % 62, (i % 62) + 48)}`;
export const headersOf = (i: number, codec: string): Headers => [['h', String(i)], ['c', codec]];
/** Headers as kcat's %h prints them (n=v, comma separated). */
export const headerText = (h: Headers): string => h.map(([n, v]) => `${n}=${v}`).join(',');
export const partitionOf = (i: number, partitions: number): number => partitionForKey(Buffer.from(keyOf(i)), partitions);

export interface Expected {
  /** Digest lines in (partition, offset) order. */
  lines: string[];
  /** Records per partition. */
  counts: number[];
  /** sha256 over the lines, each ended by "\n". */
  sha256: string;
  /** sha256 over "i:partition:offset\n" in record order: what the producer's acks must say. */
  ackSha256: string;
}

/** What reading back records 0..count-1, produced in order, must give. */
export function expectedRead(count: number, partitions: number, headers: (i: number) => Headers): Expected {
  const perPartition: string[][] = Array.from({ length: partitions }, () => []);
  const ack = createHash('sha256');
  for (let i = 0; i < count; i++) {
    const p = partitionOf(i, partitions);
    const o = perPartition[p].length;
    perPartition[p].push(`${p}:${o}:${keyOf(i)}:${valueOf(i)}:${headerText(headers(i))}`);
    ack.update(`${i}:${p}:${o}\n`);
  }
  const lines = perPartition.flat();
  const h = createHash('sha256');
  for (const l of lines) h.update(`${l}\n`);
  return { lines, counts: perPartition.map((l) => l.length), sha256: h.digest('hex'), ackSha256: ack.digest('hex') };
}

/** sha256 over lines, each ended by "\n". */
export function digestLines(lines: string[]): string {
  const h = createHash('sha256');
  for (const l of lines) h.update(`${l}\n`);
  return h.digest('hex');
}

/** The first place a dump file (one digest line per record) departs from the expected lines. */
export function firstDifference(dumpFile: string, expected: string[]): string | null {
  const got = fs.existsSync(dumpFile) ? fs.readFileSync(dumpFile, 'utf8').split('\n') : [];
  if (got.length && got[got.length - 1] === '') got.pop();
  const n = Math.min(got.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (got[i] !== expected[i]) return `line ${i}: got ${JSON.stringify(got[i])}, expected ${JSON.stringify(expected[i])}`;
  }
  if (got.length !== expected.length) {
    return `got ${got.length} records, expected ${expected.length}; first extra/missing: ${JSON.stringify(got[n] ?? expected[n])}`;
  }
  return null;
}

/** Parsed digest line. */
export interface ReadRecord { partition: number; offset: number; key: string; value: string; headers: string }
export function parseLine(line: string): ReadRecord {
  const m = /^(\d+):(\d+):([^:]*):([^:]*):(.*)$/.exec(line);
  if (!m) throw new Error(`bad digest line ${JSON.stringify(line)}`);
  return { partition: Number(m[1]), offset: Number(m[2]), key: m[3], value: m[4], headers: m[5] };
}
