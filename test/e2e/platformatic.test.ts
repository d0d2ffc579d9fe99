// @platformatic/kafka (Producer, Admin, Consumer.fetch) against a real samsa broker, in both
// thread layouts. The client is ESM; Node ≥ 20.19 loads it with require(). Its Consumer
// only streams through a consumer group (FindCoordinator, not implemented yet), so records
// are read back with its group-less Consumer.fetch (Fetch v17, by topic id) and cross-checked
// with samsa's own consumer.
import { expect } from 'chai';
import type * as Platformatic from '@platformatic/kafka';
import { readPartition, startTestBroker, type TestBroker } from '../helpers/broker';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pk = require('@platformatic/kafka') as typeof Platformatic;

const COUNT = 1000;
const PARTITIONS = 2;
const PER_SEND = 100;
/** Compressions the client can produce here (zstd needs Node's zlib zstd, Node ≥ 22.15). */
const COMPRESSIONS = (['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const)
  .filter((c) => pk.compressionsAlgorithms[c].available);
const CODEC: Record<string, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

interface Sent { key: string; value: string; headers: [string, string][]; partition: number; offset: number }

/** Every record of one partition, read with the client's group-less fetch, until `count` are in. */
async function fetchAll(consumer: Platformatic.Consumer<string, string, string, string>, topicId: string, partition: number, count: number) {
  const out: { offset: number; key: string | null; value: string | null; headers: [string, string][]; codec: number }[] = [];
  let offset = 0;
  for (let round = 0; out.length < count && round < 200; round++) {
    const res = await consumer.fetch({
      node: 1, maxWaitTime: 100, minBytes: 1, maxBytes: 1 << 20,
      topics: [{ topicId, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: BigInt(offset), lastFetchedEpoch: -1, partitionMaxBytes: 64 << 10 }] }],
    });
    expect(res.errorCode).to.equal(0);
    const p = res.responses[0].partitions[0];
    expect(p.errorCode).to.equal(0);
    for (const batch of p.records ?? []) {
      for (const r of batch.records) {
        const o = Number(batch.firstOffset) + r.offsetDelta;
        if (o < offset) continue;
        out.push({
          offset: o, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, codec: batch.attributes & 7,
          headers: r.headers.map(([k, v]) => [k!.toString(), v!.toString()] as [string, string]),
        });
        offset = o + 1;
      }
    }
  }
  return out;
}

for (const layout of ['workers', 'single'] as const) {
  describe(`e2e: @platformatic/kafka producer, admin and fetch (${layout} layout)`, function () {
    this.timeout(60000);
    let broker: TestBroker;
    let admin: Platformatic.Admin;
    let producer: Platformatic.Producer<string, string, string, string>;
    let consumer: Platformatic.Consumer<string, string, string, string>;

    before(async () => {
      broker = await startTestBroker({
        'samsa.threading': layout, 'num.io.threads': layout === 'workers' ? 2 : 1, 'num.network.threads': layout === 'workers' ? 2 : 1,
      });
      const base = { bootstrapBrokers: [broker.bootstrap], retries: 2, retryDelay: 50 };
      admin = new pk.Admin({ ...base, clientId: 'samsa-e2e-admin' });
      producer = new pk.Producer({ ...base, clientId: 'samsa-e2e-producer', serializers: pk.stringSerializers });
      // groupId is required by the constructor; no group is ever joined (fetch only)
      consumer = new pk.Consumer({ ...base, clientId: 'samsa-e2e-consumer', groupId: 'unused', deserializers: pk.stringDeserializers });
    });
    after(async () => {
      await producer?.close();
      await consumer?.close(true);
      await admin?.close();
      await broker?.cleanup();
    });

    it('creates topics, refuses a duplicate, lists them', async () => {
      const created = await admin.createTopics({ topics: ['plat-a', 'plat-b'], partitions: 3, replicas: 1 });
      expect(created.map((t) => [t.name, t.partitions, t.replicas])).to.deep.equal([['plat-a', 3, 1], ['plat-b', 3, 1]]);
      expect(created[0].id).to.match(/^[0-9a-f-]{36}$/);
      let err: any;
      try { await admin.createTopics({ topics: ['plat-a'], partitions: 1, replicas: 1 }); } catch (e) { err = e; }
      expect(err, 'duplicate create must fail').to.not.equal(undefined);
      expect(JSON.stringify(collectApiIds(err))).to.contain('TOPIC_ALREADY_EXISTS');
      expect(await admin.listTopics()).to.include.members(['plat-a', 'plat-b']);
      const md = await admin.metadata({ topics: ['plat-a'] });
      expect(md.topics.get('plat-a')!.partitionsCount).to.equal(3);
      expect([...md.brokers.keys()]).to.deep.equal([1]);
    });

    it('a name given twice in one CreateTopics request is refused and not created; the others are', async () => {
      let err: any;
      try { await admin.createTopics({ topics: ['plat-twice', 'plat-twice', 'plat-once'], partitions: 1, replicas: 1 }); } catch (e) { err = e; }
      expect(collectApiIds(err)).to.deep.equal(['INVALID_REQUEST']);
      const names = await admin.listTopics();
      expect(names).to.include('plat-once');
      expect(names).to.not.include('plat-twice');
      await admin.deleteTopics({ topics: ['plat-once'] });
    });

    for (const compression of COMPRESSIONS) {
      it(`produces ${COUNT} keyed records with headers (${compression}) and reads them back identically`, async () => {
        const topic = `plat-${compression}`;
        await admin.createTopics({ topics: [topic], partitions: PARTITIONS, replicas: 1 });
        const sent: Sent[] = [];
        const next = new Array<number>(PARTITIONS).fill(0);
        for (let start = 0; start < COUNT; start += PER_SEND) {
          const batch = Array.from({ length: PER_SEND }, (_, j) => {
            const i = start + j;
            return {
              key: `k-${i}`, value: `v-${compression}-${i}-${'x'.repeat(i % 37)}`, partition: i % PARTITIONS,
              headers: [['h-index', String(i)], ['h-compression', compression]] as [string, string][],
            };
          });
          const res = await producer.send({
            compression, acks: start % 200 === 0 ? -1 : 1,
            messages: batch.map((m) => ({ topic, key: m.key, value: m.value, partition: m.partition, headers: new Map(m.headers) })),
          });
          // the client reports the base offset of each partition's batch
          const base = new Map((res.offsets ?? []).map((o) => [o.partition, Number(o.offset)]));
          for (let p = 0; p < PARTITIONS; p++) expect(base.get(p), `base offset of partition ${p}`).to.equal(next[p]);
          for (const m of batch) sent.push({ ...m, offset: next[m.partition]++ });
        }

        const offsets = await consumer.listOffsets({ topics: [topic] });
        expect(offsets.get(topic)).to.deep.equal(Array.from({ length: PARTITIONS }, () => BigInt(COUNT / PARTITIONS)));

        const md = await admin.metadata({ topics: [topic] });
        const topicId = md.topics.get(topic)!.id;
        for (let p = 0; p < PARTITIONS; p++) {
          const expected = sent.filter((m) => m.partition === p);
          const got = await fetchAll(consumer, topicId, p, expected.length);
          expect(got.map((r) => r.offset)).to.deep.equal(expected.map((m) => m.offset));
          expect(got.map((r) => r.key)).to.deep.equal(expected.map((m) => m.key));
          expect(got.map((r) => r.value)).to.deep.equal(expected.map((m) => m.value));
          expect(got.map((r) => r.headers)).to.deep.equal(expected.map((m) => m.headers));
          // the broker keeps the producer's batches: same codec on the way out
          expect(new Set(got.map((r) => r.codec))).to.deep.equal(new Set([CODEC[compression]]));

          // and samsa's own consumer decodes the client's compression the same way
          const own = await readPartition(broker.bootstrap, topic, p, 0, expected.length);
          expect(own.map((r) => [r.offset, r.key?.toString(), r.value?.toString()])).to.deep.equal(expected.map((m) => [m.offset, m.key, m.value]));
          expect(own.map((r) => r.headers.map((h) => [h.key.toString(), h.value?.toString()]))).to.deep.equal(expected.map((m) => m.headers));
        }
      });
    }

    it('admin: partitions, configs, log dirs, acks=0, delete records', async () => {
      await admin.createTopics({ topics: ['plat-admin'], partitions: 1, replicas: 1, configs: [{ name: 'retention.ms', value: '100000' }] });
      await admin.createPartitions({ topics: [{ name: 'plat-admin', count: 3 }] });
      expect((await admin.metadata({ topics: ['plat-admin'] })).topics.get('plat-admin')!.partitionsCount).to.equal(3);

      const describe = async () => {
        const [res] = await admin.describeConfigs({ resources: [{ resourceType: pk.ConfigResourceTypes.TOPIC, resourceName: 'plat-admin', configurationKeys: ['retention.ms', 'cleanup.policy'] }] });
        return Object.fromEntries(res.configs.map((c) => [c.name, c.value]));
      };
      expect(await describe()).to.deep.equal({ 'retention.ms': '100000', 'cleanup.policy': 'delete' });
      await admin.alterConfigs({ resources: [{ resourceType: pk.ConfigResourceTypes.TOPIC, resourceName: 'plat-admin', configs: [{ name: 'retention.ms', value: '200000' }] }] });
      await admin.incrementalAlterConfigs({ resources: [{ resourceType: pk.ConfigResourceTypes.TOPIC, resourceName: 'plat-admin', configs: [{ name: 'cleanup.policy', configOperation: pk.IncrementalAlterConfigOperationTypes.SET, value: 'compact' }] }] });
      expect(await describe()).to.deep.equal({ 'retention.ms': '200000', 'cleanup.policy': 'compact' });

      // acks=0 gets no response from the broker, yet the record is stored in order
      await producer.send({ acks: 0, messages: [{ topic: 'plat-admin', partition: 2, key: 'k0', value: 'fire-and-forget' }] });
      const r = await producer.send({ acks: 1, messages: [{ topic: 'plat-admin', partition: 2, key: 'k1', value: 'acked' }] });
      expect(r.offsets).to.deep.equal([{ topic: 'plat-admin', partition: 2, offset: 1n }]);

      const [dirs] = await admin.describeLogDirs({ topics: [{ name: 'plat-admin', partitions: [0, 1, 2] }] });
      expect(dirs.results).to.have.length(1);
      expect(dirs.results[0].logDir).to.equal(broker.dataDir);
      const sizes = dirs.results[0].topics[0].partitions.sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => Number(p.partitionSize));
      expect(sizes[0]).to.equal(0);
      expect(sizes[2]).to.be.greaterThan(0);

      const deleted = await admin.deleteRecords({ topics: [{ name: 'plat-admin', partitions: [{ partition: 2, offset: 1n }] }] });
      expect(deleted).to.deep.equal([{ name: 'plat-admin', partitions: [{ partition: 2, lowWatermark: 1n }] }]);
      expect((await consumer.listOffsets({ topics: ['plat-admin'], timestamp: -2n })).get('plat-admin')).to.deep.equal([0n, 0n, 1n]);
      expect((await consumer.listOffsets({ topics: ['plat-admin'] })).get('plat-admin')).to.deep.equal([0n, 0n, 2n]);
      await admin.deleteTopics({ topics: ['plat-admin'] });
    });

    it('a 900 KiB record comes back whole past partitionMaxBytes; 1.1 MiB is MESSAGE_TOO_LARGE; epochs are checked', async () => {
      await admin.createTopics({ topics: ['plat-big'], partitions: 1, replicas: 1 });
      const value = 'b'.repeat(900 << 10);
      await producer.send({ messages: [{ topic: 'plat-big', partition: 0, key: 'big', value }] });
      let err: any;
      try { await producer.send({ messages: [{ topic: 'plat-big', partition: 0, key: 'huge', value: 'h'.repeat(1100 << 10) }] }); } catch (e) { err = e; }
      expect(collectApiIds(err)).to.include('MESSAGE_TOO_LARGE');
      const topicId = (await admin.metadata({ topics: ['plat-big'] })).topics.get('plat-big')!.id;
      const part = (epoch: number) => ({ topicId, partitions: [{ partition: 0, currentLeaderEpoch: epoch, fetchOffset: 0n, lastFetchedEpoch: -1, partitionMaxBytes: 1024 }] });
      const res = await consumer.fetch({ node: 1, maxWaitTime: 0, maxBytes: 1024, topics: [part(0)] });
      const batches = res.responses[0].partitions[0].records ?? [];
      expect(batches.flatMap((b) => b.records.map((r) => r.value?.toString()))).to.deep.equal([value]);
      expect(res.responses[0].partitions[0].highWatermark).to.equal(1n);
      let epochErr: any;
      try { await consumer.fetch({ node: 1, maxWaitTime: 0, topics: [part(5)] }); } catch (e) { epochErr = e; }
      expect(collectApiIds(epochErr)).to.include('UNKNOWN_LEADER_EPOCH');
      await admin.deleteTopics({ topics: ['plat-big'] });
    });

    it('deletes topics; a fetch by the old topic id then fails with UNKNOWN_TOPIC_ID', async () => {
      const md = await admin.metadata({ topics: ['plat-a'] });
      const oldId = md.topics.get('plat-a')!.id;
      await admin.deleteTopics({ topics: ['plat-a', 'plat-b'] });
      const left = await admin.listTopics();
      expect(left).to.not.include('plat-a');
      expect(left).to.not.include('plat-b');
      for (const c of COMPRESSIONS) expect(left).to.include(`plat-${c}`);
      let err: any;
      try {
        await consumer.fetch({ node: 1, maxWaitTime: 0, topics: [{ topicId: oldId, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, partitionMaxBytes: 1024 }] }] });
      } catch (e) { err = e; }
      expect(JSON.stringify(collectApiIds(err))).to.contain('UNKNOWN_TOPIC_ID');
      let derr: any;
      try { await admin.deleteTopics({ topics: ['plat-a'] }); } catch (e) { derr = e; }
      expect(JSON.stringify(collectApiIds(derr))).to.contain('UNKNOWN_TOPIC_OR_PARTITION');
    });
  });
}

/** The Kafka error names (`apiId`) anywhere inside one of the client's (nested) errors. */
function collectApiIds(err: any, out: string[] = [], depth = 0): string[] {
  if (!err || depth > 6) return out;
  if (typeof err.apiId === 'string') out.push(err.apiId);
  for (const e of err.errors ?? []) collectApiIds(e, out, depth + 1);
  if (err.cause) collectApiIds(err.cause, out, depth + 1);
  return out;
}
