// kafkajs (producer and admin) against a real samsa broker, in both thread layouts.
import { expect } from 'chai';
import { Kafka, logLevel, CompressionTypes } from 'kafkajs';
import { readPartition, startTestBroker, type TestBroker } from '../helpers/broker';

for (const layout of ['workers', 'single'] as const) {
  describe(`e2e: kafkajs producer and admin (${layout} layout)`, function () {
    this.timeout(30000);
    let broker: TestBroker;
    let kafka: Kafka;

    before(async () => {
      broker = await startTestBroker({ 'samsa.threading': layout, 'num.io.threads': layout === 'workers' ? 2 : 1, 'num.network.threads': layout === 'workers' ? 2 : 1 });
      kafka = new Kafka({ clientId: 'samsa-e2e', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
    });
    after(async () => { await broker?.cleanup(); });

    it('creates, lists, describes and deletes topics', async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        expect(await admin.createTopics({ topics: [{ topic: 'alpha', numPartitions: 3 }, { topic: 'beta', numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '60000' }] }] })).to.equal(true);
        expect(await admin.createTopics({ topics: [{ topic: 'alpha', numPartitions: 3 }] })).to.equal(false);
        const list = await admin.listTopics();
        expect(list).to.include.members(['alpha', 'beta']);
        const md = await admin.fetchTopicMetadata({ topics: ['alpha'] });
        expect(md.topics[0].partitions).to.have.length(3);
        const cfg = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'beta', configNames: ['retention.ms'] }] });
        expect(cfg.resources[0].configEntries[0].configValue).to.equal('60000');
        await admin.createPartitions({ topicPartitions: [{ topic: 'beta', count: 4 }] });
        const md2 = await admin.fetchTopicMetadata({ topics: ['beta'] });
        expect(md2.topics[0].partitions).to.have.length(4);
        await admin.deleteTopics({ topics: ['beta'] });
        expect(await admin.listTopics()).to.not.include('beta');
      } finally {
        await admin.disconnect();
      }
    });

    it('rejects bad topic requests with Kafka errors', async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        let err: any;
        try { await admin.createTopics({ topics: [{ topic: 'bad name!', numPartitions: 1 }] }); } catch (e) { err = e; }
        expect(err?.errors?.[0]?.type ?? err?.type).to.equal('INVALID_TOPIC_EXCEPTION');
        err = undefined;
        try { await admin.createTopics({ topics: [{ topic: 'rf3', numPartitions: 1, replicationFactor: 3 }] }); } catch (e) { err = e; }
        expect(err?.errors?.[0]?.type ?? err?.type).to.equal('INVALID_REPLICATION_FACTOR');
      } finally {
        await admin.disconnect();
      }
    });

    it('produces with keys, headers and every compression; offsets are dense and data reads back', async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'produce-test', numPartitions: 2 }] });
      await admin.disconnect();
      const producer = kafka.producer();
      await producer.connect();
      const sent: { key: string; value: string; partition: number; headers: { h: string } }[] = [];
      for (const compression of [CompressionTypes.None, CompressionTypes.GZIP]) {
        for (let b = 0; b < 5; b++) {
          const messages = Array.from({ length: 20 }, (_, i) => ({ key: `k${b}-${i}`, value: `v-${compression}-${b}-${i}`, partition: i % 2, headers: { h: `x${i}` } }));
          const res = await producer.send({ topic: 'produce-test', compression, acks: b % 2 === 0 ? -1 : 1, messages });
          expect(res.every((r) => r.errorCode === 0)).to.equal(true);
          sent.push(...messages);
        }
      }
      await producer.disconnect();
      const admin2 = kafka.admin();
      await admin2.connect();
      const offsets = await admin2.fetchTopicOffsets('produce-test');
      await admin2.disconnect();
      const total = offsets.reduce((s, o) => s + Number(o.high), 0);
      expect(total).to.equal(sent.length);
      // read back with samsa's own client, compare values per partition in order
      for (const p of [0, 1]) {
        const expected = sent.filter((m) => m.partition === p);
        const records = await readPartition(broker.bootstrap, 'produce-test', p, 0, expected.length);
        expect(records.map((r) => r.value!.toString())).to.deep.equal(expected.map((m) => m.value));
        expect(records.map((r) => r.key!.toString())).to.deep.equal(expected.map((m) => m.key));
        expect(records.map((r) => r.offset)).to.deep.equal(expected.map((_, i) => i));
        expect(records.map((r) => r.headers[0]?.value?.toString())).to.deep.equal(expected.map((m) => m.headers.h));
      }
    });
  });
}
