// Log compaction end to end: kafkajs writes 100,000 updates over 1,000 keys to a compacted
// topic; after the cleaner runs, reading the log gives the latest value per key, and keys
// deleted with tombstones disappear once delete.retention.ms has passed.
import { expect } from 'chai';
import { Kafka, logLevel } from 'kafkajs';
import { Consumer } from '../../src/client/consumer';
import { startTestBroker, type TestBroker } from '../helpers/broker';

async function readAll(bootstrap: string, topic: string): Promise<{ offset: number; key: string; value: string | null }[]> {
  const consumer = new Consumer({ bootstrap, maxWaitMs: 50 });
  try {
    await consumer.assign([{ topic, partition: 0, offset: 'earliest' }]);
    const end = (await consumer.listOffsets([{ topic, partition: 0, timestamp: -1 }])).values().next().value as number;
    const out: { offset: number; key: string; value: string | null }[] = [];
    let last = -1;
    const deadline = Date.now() + 20000;
    while (last + 1 < end && Date.now() < deadline) {
      for (const r of await consumer.poll()) {
        out.push({ offset: r.offset, key: r.key!.toString(), value: r.value ? r.value.toString() : null });
        last = r.offset;
      }
    }
    return out;
  } finally {
    await consumer.close();
  }
}

async function until(cond: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('e2e: log compaction', function () {
  this.timeout(120000);
  let broker: TestBroker;
  before(async () => { broker = await startTestBroker({ 'log.cleaner.backoff.ms': 200, 'num.io.threads': 2 }); });
  after(async () => { await broker?.cleanup(); });

  it('keeps the latest value per key, and drops tombstoned keys after delete.retention.ms', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'compacted', numPartitions: 1, configEntries: [
      { name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '65536' },
      { name: 'min.cleanable.dirty.ratio', value: '0.01' }, { name: 'delete.retention.ms', value: '1000' },
    ] }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    const latest = new Map<string, string>();
    for (let b = 0; b < 100; b++) {
      const messages = Array.from({ length: 1000 }, (_, i) => {
        const n = b * 1000 + i;
        return { key: `key-${n % 1000}`, value: `value-${n}` };
      });
      for (const m of messages) latest.set(m.key, m.value);
      await producer.send({ topic: 'compacted', messages });
    }

    await until(async () => (await readAll(broker.bootstrap, 'compacted')).length < 10000, 60000, 'a cleaning pass');
    const cleaned = await readAll(broker.bootstrap, 'compacted');
    const seen = new Map<string, string | null>();
    for (const r of cleaned) seen.set(r.key, r.value);
    expect(seen.size).to.equal(1000);
    for (const [k, v] of latest) expect(seen.get(k), k).to.equal(v);
    expect(cleaned.map((r) => r.offset)).to.deep.equal([...cleaned.map((r) => r.offset)].sort((a, b) => a - b));
    expect(cleaned[cleaned.length - 1].offset).to.equal(99999);

    // tombstones for 100 keys, then enough new data to roll them out of the active segment
    await producer.send({ topic: 'compacted', messages: Array.from({ length: 100 }, (_, i) => ({ key: `key-${i}`, value: null })) });
    for (let b = 0; b < 10; b++) {
      await producer.send({ topic: 'compacted', messages: Array.from({ length: 1000 }, (_, i) => ({ key: `filler-${i}`, value: `f-${b}-${i}` })) });
    }
    await producer.disconnect();
    await until(async () => {
      const now = await readAll(broker.bootstrap, 'compacted');
      return !now.some((r) => /^key-\d$|^key-\d\d$/.test(r.key));
    }, 60000, 'tombstoned keys to disappear');
    const final = await readAll(broker.bootstrap, 'compacted');
    const keys = new Set(final.map((r) => r.key));
    for (let i = 0; i < 100; i++) expect(keys.has(`key-${i}`), `key-${i}`).to.equal(false);
    for (let i = 100; i < 1000; i++) expect(keys.has(`key-${i}`), `key-${i}`).to.equal(true);
  });
});

describe('e2e: compacted topics need keys', function () {
  this.timeout(30000);
  let broker: TestBroker;
  before(async () => { broker = await startTestBroker(); });
  after(async () => { await broker?.cleanup(); });

  it('refuses a record without a key with INVALID_RECORD, and writes nothing of the batch', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'keys-only', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
    const producer = kafka.producer();
    await producer.connect();
    let err: any;
    try {
      await producer.send({ topic: 'keys-only', messages: [{ key: 'a', value: '1' }, { value: 'no key' }] });
    } catch (e) { err = e; }
    expect(String(err?.type ?? err?.cause?.type ?? err)).to.match(/INVALID_RECORD/);
    await producer.send({ topic: 'keys-only', messages: [{ key: 'b', value: '2' }] });
    await producer.disconnect();
    const [o] = await admin.fetchTopicOffsets('keys-only');
    await admin.disconnect();
    expect(o.high).to.equal('1');
  });
});
