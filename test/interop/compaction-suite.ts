// The log compaction interop test for one client (kcat, kafka-python, confluent-kafka-python):
// the client writes 100,000 updates over 1,000 keys to a compacted single-partition topic; once
// the cleaner has gone over every inactive segment, the client's read of the whole partition
// holds every key once below the active segment, with the last value written, at the offsets
// the records were written at. Then the client writes tombstones for 100 keys and filler that
// rolls the active segment; after delete.retention.ms and a later pass, the client's read has
// no record of those keys and all the others with their last values.
// Polling for the cleaner uses samsa's own consumer (quick, in process); every check is on what
// the client under test read.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { Admin } from '../../src/client/admin';
import { Consumer } from '../../src/client/consumer';
import { ChildBroker } from '../helpers/child-broker';
import {
  CLEANED_MAX, DELETED, FILLER, KEYS, UPDATES, lastFillers, lastUpdates, latestByKey, latestProblems, parseDump, readProblems,
  type DumpRecord,
} from './compaction-records';
import { scratchDir } from './setup';

/** Topic configs that make the cleaner go over a partition soon after data arrives. */
export const COMPACTED_TOPIC_CONFIGS: Record<string, string> = {
  'cleanup.policy': 'compact', 'segment.bytes': '65536', 'min.cleanable.dirty.ratio': '0.01', 'delete.retention.ms': '1000',
};

export interface CompactionRead {
  /** high watermark when the read started (the client reads up to it) */
  endOffset: number;
  timedOut: boolean;
  /** fetch errors the client reported */
  errors: string[];
}

export interface CompactionClient {
  /** describe() title */
  name: string;
  /** topic name prefix */
  prefix: string;
  /** Throws unless the client is usable. */
  probe(): Promise<void>;
  /** Writes the updates (kind 'updates') or the tombstones and filler (see compaction-records.ts) to partition 0; asserts they were acknowledged. */
  produce(kind: 'updates' | 'tombstones', bootstrap: string, topic: string, scratch: string): Promise<void>;
  /** Reads partition 0 from the beginning to its high watermark into dumpFile (compaction-records.ts format). */
  read(bootstrap: string, topic: string, dumpFile: string): Promise<CompactionRead>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The whole partition, read with samsa's consumer. */
async function samsaRead(bootstrap: string, topic: string): Promise<DumpRecord[]> {
  const consumer = new Consumer({ bootstrap, maxWaitMs: 50, maxPartitionBytes: 4 << 20 });
  try {
    await consumer.assign([{ topic, partition: 0, offset: 'earliest' }]);
    const end = (await consumer.listOffsets([{ topic, partition: 0, timestamp: -1 }])).values().next().value as number;
    const out: DumpRecord[] = [];
    const deadline = Date.now() + 20_000;
    while (consumer.position(topic, 0)! < end) {
      if (Date.now() > deadline) throw new Error(`samsa consumer: ${topic} not read to ${end} in 20 s`);
      for (const r of await consumer.poll()) out.push({ offset: r.offset, key: r.key?.toString() ?? '', value: r.value ? r.value.toString() : null });
    }
    return out;
  } finally {
    await consumer.close();
  }
}

/** Base offset of the partition's active (last) segment, from its segment file names. */
function activeSegmentBase(dataDir: string, topic: string): number {
  const names = fs.readdirSync(path.join(dataDir, `${topic}-0`)).filter((n) => /^\d{20}\.log$/.test(n));
  return Math.max(...names.map((n) => Number(n.slice(0, 20))));
}

/**
 * Polls samsa's read of the partition every 250 ms until done(read) holds and returns the time
 * that read ended; throws with describe(last read) after timeoutMs.
 */
async function waitForRead(bootstrap: string, topic: string, done: (recs: DumpRecord[]) => boolean,
  describe: (recs: DumpRecord[]) => string, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const recs = await samsaRead(bootstrap, topic);
    if (done(recs)) return Date.now();
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${describe(recs)}`);
    await sleep(250);
  }
}

function keyCounts(recs: DumpRecord[], below: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of recs) if (r.offset < below) m.set(r.key, (m.get(r.key) ?? 0) + 1);
  return m;
}

export function describeCompaction(client: CompactionClient): void {
  describe(`interop: log compaction with ${client.name}`, function () {
    this.timeout(300_000);
    let broker: ChildBroker;
    let scratch: string;
    const topic = `${client.prefix}-compacted`;
    let t0 = 0;
    const took = (what: string, since: number): void => console.log(`      ${client.name}: ${what} in ${((Date.now() - since) / 1000).toFixed(1)} s`);

    before(async () => {
      t0 = Date.now();
      await client.probe();
      scratch = scratchDir(`samsa-interop-compaction-${client.prefix}-`);
      broker = await ChildBroker.start({ overrides: { 'num.network.threads': 2, 'num.io.threads': 2, 'log.cleaner.backoff.ms': 200 } });
      const admin = new Admin({ bootstrap: broker.bootstrap });
      try {
        await admin.createTopics([{ name: topic, partitions: 1, replicationFactor: 1, configs: COMPACTED_TOPIC_CONFIGS }]);
      } finally {
        await admin.close();
      }
    });
    after(async () => {
      await broker?.cleanup();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
      console.log(`      ${client.name}: compaction suite took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });

    /** The client's read of the whole partition, checked against what was written up to lastOffset. */
    async function clientRead(what: string, lastOffset: number, uniqueBelow: number): Promise<DumpRecord[]> {
      const dump = path.join(scratch, `${what}.read`);
      const r = await client.read(broker.bootstrap, topic, dump);
      expect({ endOffset: r.endOffset, timedOut: r.timedOut, errors: r.errors }, `${client.name} read (${what})`)
        .to.deep.equal({ endOffset: lastOffset + 1, timedOut: false, errors: [] });
      const recs = parseDump(dump);
      expect(readProblems(recs, lastOffset, uniqueBelow), `${client.name} read (${what})`).to.deep.equal([]);
      expect(recs.length, `${client.name} read (${what}): records left after cleaning`).to.be.below(CLEANED_MAX);
      return recs;
    }

    let updatesChecked = false;

    it(`reads the latest value of each of ${KEYS} keys after ${UPDATES} updates are cleaned`, async () => {
      let since = Date.now();
      await client.produce('updates', broker.bootstrap, topic, scratch);
      took(`${UPDATES} updates written`, since);
      since = Date.now();
      let active = -1;
      await waitForRead(broker.bootstrap, topic, (recs) => {
        active = activeSegmentBase(broker.dataDir, topic);
        return recs.length < CLEANED_MAX && [...keyCounts(recs, active).values()].every((n) => n === 1);
      }, (recs) => `a cleaning pass over every inactive segment: ${recs.length} records read, ` +
        `${[...keyCounts(recs, active).values()].filter((n) => n > 1).length} keys more than once below the active segment (${active})`, 60_000);
      took('cleaned', since);
      since = Date.now();
      const recs = await clientRead('cleaned', UPDATES - 1, active);
      took(`read back (${recs.length} records)`, since);
      expect(latestProblems(latestByKey(recs), lastUpdates()).slice(0, 10), 'latest value per key').to.deep.equal([]);
      expect(latestByKey(recs).size, 'distinct keys').to.equal(KEYS);
      updatesChecked = true;
    });

    it(`drops ${DELETED} keys deleted with tombstones after delete.retention.ms, keeps the other ${KEYS - DELETED}`, async () => {
      expect(updatesChecked, 'the updates test passed').to.equal(true);
      const produceStart = Date.now();
      await client.produce('tombstones', broker.bootstrap, topic, scratch);
      took(`${DELETED} tombstones and ${FILLER} filler records written`, produceStart);
      let since = Date.now();
      const deleted = (recs: DumpRecord[]): DumpRecord[] => recs.filter((r) => /^key-\d\d?$/.test(r.key));
      let tombstonesSeen = 0;
      const goneBy = await waitForRead(broker.bootstrap, topic, (recs) => {
        tombstonesSeen = Math.max(tombstonesSeen, deleted(recs).filter((r) => r.offset >= UPDATES && r.value === null).length);
        return deleted(recs).length === 0;
      }, (recs) => `the deleted keys to go: ${deleted(recs).length} records of them left, e.g. ` +
        JSON.stringify(deleted(recs).slice(0, 3)), 60_000);
      // the tombstones were written after produceStart, so none may be gone before
      // produceStart + delete.retention.ms (a reader must get the chance to see them)
      expect(goneBy - produceStart, 'ms from writing the tombstones to a read without them')
        .to.be.at.least(Number(COMPACTED_TOPIC_CONFIGS['delete.retention.ms']));
      console.log(`      ${client.name}: ${tombstonesSeen} tombstones read as NULL values before they went`);
      took('tombstones cleaned away', since);
      since = Date.now();
      const lastOffset = UPDATES + DELETED + FILLER - 1;
      const recs = await clientRead('deleted', lastOffset, -1);
      took(`read back (${recs.length} records)`, since);
      const latest = latestByKey(recs);
      const gone = [...latest.keys()].filter((k) => /^key-\d\d?$/.test(k));
      expect(gone, 'deleted keys still read').to.deep.equal([]);
      const kept = new Map([...lastUpdates()].filter(([k]) => Number(k.slice(4)) >= DELETED));
      expect(kept.size).to.equal(KEYS - DELETED);
      expect(latestProblems(latest, kept).slice(0, 10), 'latest value of the keys not deleted').to.deep.equal([]);
      expect(latestProblems(latest, lastFillers()).slice(0, 10), 'latest value of the filler keys').to.deep.equal([]);
      expect(latest.size, 'distinct keys').to.equal(KEYS - DELETED + lastFillers().size);
    });
  });
}
