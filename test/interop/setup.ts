// Common setup of the interop suites: the broker process they run against, topic creation,
// and the checks on what a client read back.
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Admin } from '../../src/client/admin';
import { Connection } from '../../src/client/connection';
import { ChildBroker } from '../helpers/child-broker';
import { CODEC_IDS, firstDifference, type Codec, type Expected } from './records';
import { storedBatches } from './segments';

export const RECORDS = 100_000;
export const PARTITIONS = 3;

/** Two network and two partition threads: the workers layout, sized for a 2-core machine. */
export function startInteropBroker(dataDir?: string): Promise<ChildBroker> {
  return ChildBroker.start({ dataDir, overrides: { 'num.network.threads': 2, 'num.io.threads': 2 } });
}

export async function createTopics(bootstrap: string, names: string[], partitions = PARTITIONS): Promise<void> {
  const admin = new Admin({ bootstrap });
  try {
    await admin.createTopics(names.map((name) => ({ name, partitions, replicationFactor: 1 })));
  } finally {
    await admin.close();
  }
}

export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** What a Python consume script reports (see interop_common.Digest). */
export interface ReadSummary {
  count: number;
  sha256: string;
  partitions: Record<string, { count: number; first: number; last: number; dense: boolean }>;
  outOfOrder: number;
  endOffsets: Record<string, number>;
  timedOut: boolean;
}

/** The read-back equals the expected records at the expected offsets; the dump file pinpoints a difference. */
export function expectSameRead(got: ReadSummary, expected: Expected, dumpFile: string, what: string): void {
  const diff = got.sha256 === expected.sha256 ? null : firstDifference(dumpFile, expected.lines);
  expect(diff, `${what}: ${diff}`).to.equal(null);
  expect(got.sha256, `${what}: digest`).to.equal(expected.sha256);
  expect(got.count, `${what}: count`).to.equal(RECORDS);
  expect(got.outOfOrder, `${what}: records out of offset order`).to.equal(0);
  expect(got.timedOut, `${what}: reader timed out`).to.equal(false);
  const parts = expected.counts.map((n, p) => ({ count: got.partitions[p]?.count, first: got.partitions[p]?.first, end: got.endOffsets?.[p] }));
  expect(parts, `${what}: per partition`).to.deep.equal(expected.counts.map((n) => ({ count: n, first: 0, end: n })));
}

/**
 * The segment files hold all records, in batches compressed with `codec` (or `storedCodec` when
 * given). A batch may be left uncompressed: librdkafka sends a batch as it is when compressing
 * does not make it smaller (a one-record batch); at least 95% of the records must be compressed.
 */
export function expectStoredWith(dataDir: string, topic: string, codec: Codec | 'none', records: number): void {
  const s = storedBatches(dataDir, topic);
  expect(s.records, `${topic}: records in segment files`).to.equal(records);
  const id = codec === 'none' ? 0 : CODEC_IDS[codec];
  const other = Object.keys(s.byCodec).map(Number).filter((c) => c !== id && c !== 0);
  expect(other, `${topic}: batches compressed otherwise than ${codec}: ${JSON.stringify(s.byCodec)}`).to.deep.equal([]);
  expect(s.recordsByCodec[id] ?? 0, `${topic}: records stored with ${codec}: ${JSON.stringify(s.recordsByCodec)}`).to.be.at.least(Math.ceil(records * 0.95));
}

/** Whether the broker lists apiKey in its ApiVersions response. */
export async function brokerAdvertises(bootstrap: string, apiKey: number): Promise<boolean> {
  const [host, port] = bootstrap.split(':');
  const conn = new Connection({ host, port: Number(port) });
  try {
    await conn.connect();
    return conn.supports(apiKey);
  } finally {
    await conn.close();
  }
}

/** FindCoordinator's API key: librdkafka takes it as the sign that a broker accepts LZ4 (Kafka 0.8.2+). */
export const FIND_COORDINATOR = 10;

/**
 * What the broker stores for a client's lz4 batches. librdkafka compresses with LZ4 only when the
 * broker advertises FindCoordinator (its marker for Kafka >= 0.8.2); otherwise it logs "Broker does
 * not support compression type lz4: not compressing batch" and sends the batch uncompressed.
 */
export async function lz4StoredAs(bootstrap: string, librdkafka: boolean): Promise<Codec | 'none'> {
  if (!librdkafka || await brokerAdvertises(bootstrap, FIND_COORDINATOR)) return 'lz4';
  console.log('      NOTE: samsa does not advertise FindCoordinator, so librdkafka sends lz4 batches uncompressed');
  return 'none';
}
