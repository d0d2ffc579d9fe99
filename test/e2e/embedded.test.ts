// startBroker() in both modes with real clients (kafkajs and samsa's own): topics, produce and
// consume, restart on the same data and port, data dir handling, fault control in each mode.
// The fault hooks against real clients are in embedded-faults.test.ts.
import { expect } from 'chai';
import * as fs from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, KafkaProtocolError, Producer, type EmbeddedBroker } from '../../src/index';
import { readPartition, tempDir } from '../helpers/broker';
import { endOffset } from './fixtures/end-offset';

function kafkaFor(b: EmbeddedBroker): Kafka {
  return new Kafka({ clientId: 'samsa-embedded-e2e', brokers: b.brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
}

for (const mode of ['in-process', 'child-process'] as const) {
  describe(`e2e: embedded broker (${mode})`, function () {
    this.timeout(60_000);
    let broker: EmbeddedBroker | undefined;
    afterEach(async () => { await broker?.stop(); broker = undefined; });

    it('starts with topics; kafkajs produces and a group consumes; restart keeps data and port; stop removes the temp dir', async () => {
      broker = await startBroker({ mode, topics: ['plain', { name: 'orders', partitions: 2, configs: { 'retention.ms': 3_600_000 } }] });
      expect(broker.mode).to.equal(mode);
      expect(broker.bootstrap).to.equal(`127.0.0.1:${broker.port}`);
      expect(fs.existsSync(broker.dataDir)).to.equal(true);
      const kafka = kafkaFor(broker);
      const admin = kafka.admin();
      await admin.connect();
      const md = await admin.fetchTopicMetadata({ topics: ['orders', 'plain'] });
      expect(md.topics.map((t) => [t.name, t.partitions.length]).sort()).to.deep.equal([['orders', 2], ['plain', 1]]);
      await admin.disconnect();

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'orders', messages: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `order-${i}` })) });
      await producer.disconnect();

      const consumer = kafka.consumer({ groupId: `g-${mode}`, maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'orders', fromBeginning: true });
      const seen = new Set<string>();
      await new Promise<void>((resolve, reject) => {
        consumer.run({ eachMessage: async ({ message }) => { seen.add(message.value!.toString()); if (seen.size === 20) resolve(); } }).catch(reject);
      });
      await consumer.disconnect();
      expect(seen.size).to.equal(20);

      const { port, dataDir } = broker;
      await broker.restart();
      expect(broker.port).to.equal(port);
      expect(broker.dataDir).to.equal(dataDir);
      const ends = [await endOffset(broker, 'orders', 0), await endOffset(broker, 'orders', 1)];
      expect(ends[0] + ends[1]).to.equal(20);
      const back = [...await readPartition(broker.bootstrap, 'orders', 0, 0, ends[0]), ...await readPartition(broker.bootstrap, 'orders', 1, 0, ends[1])];
      expect(new Set(back.map((r) => r.value!.toString()))).to.deep.equal(seen);

      // the topic helpers work on the restarted broker
      await broker.createTopics({ name: 'later', partitions: 3 });
      let dup: unknown;
      try { await broker.createTopics('later'); } catch (e) { dup = e; }
      expect((dup as KafkaProtocolError).codeName).to.equal('TOPIC_ALREADY_EXISTS');
      await broker.deleteTopics('plain');
      const admin2 = kafka.admin();
      await admin2.connect();
      expect((await admin2.listTopics()).filter((t) => !t.startsWith('__')).sort()).to.deep.equal(['later', 'orders']);
      await admin2.disconnect();

      await broker.stop();
      await broker.stop(); // twice is fine
      broker = undefined;
      expect(fs.existsSync(dataDir)).to.equal(false);
    });

    it('keeps a given data dir; a new broker on it sees the data', async () => {
      const dir = tempDir('samsa-embedded-given-');
      try {
        broker = await startBroker({ mode, dataDir: dir, topics: ['kept'] });
        const p = new Producer({ bootstrap: broker.bootstrap });
        await Promise.all(['a', 'b', 'c'].map((v) => p.send({ topic: 'kept', value: v })));
        await p.close();
        await broker.stop();
        broker = undefined;
        expect(fs.existsSync(dir)).to.equal(true);
        broker = await startBroker({ mode, dataDir: dir, topics: ['kept'] }); // existing topics are left as they are
        const recs = await readPartition(broker.bootstrap, 'kept', 0, 0, 3);
        expect(recs.map((r) => r.value!.toString()).sort()).to.deep.equal(['a', 'b', 'c']);
      } finally {
        await broker?.stop();
        broker = undefined;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('injects faults; restart clears the rules and handles keep their hits', async () => {
      broker = await startBroker({ mode, topics: ['f'] });
      const nl = await broker.faults.error('Produce', 'NOT_LEADER_OR_FOLLOWER', { count: 2 });
      expect(nl).to.include({ api: 'Produce', kind: 'error' });
      const p = new Producer({ bootstrap: broker.bootstrap, retryBackoffMs: 20 });
      const md = await p.send({ topic: 'f', value: 'x' });
      await p.close();
      expect(md.offset).to.equal(0);
      expect(await nl.hits()).to.equal(2);
      expect(await nl.info()).to.include({ remaining: 0, removed: false });
      const delay = await broker.faults.delay(3, 1);
      expect((await broker.faults.list()).map((i) => i.api)).to.deep.equal(['Produce', 'Metadata']);

      await broker.restart();
      expect(await nl.hits()).to.equal(2);
      expect(await delay.info()).to.include({ removed: true });
      expect(await broker.faults.list()).to.deep.equal([]);
      expect(await endOffset(broker, 'f')).to.equal(1);
    });

    it('rejects bad options and bad fault arguments', async () => {
      let err: unknown;
      try { await startBroker({ mode, overrides: { 'log.dirs': '/tmp/x' } }); } catch (e) { err = e; }
      expect(String(err)).to.match(/dataDir/);
      err = undefined;
      try { await startBroker({ mode, overrides: { 'num.partitions': 'many' } }); } catch (e) { err = e; }
      expect(String(err)).to.match(/num\.partitions/);
      broker = await startBroker({ mode });
      for (const bad of [() => broker!.faults.delay('NoSuchApi', 1), () => broker!.faults.error('Produce', 'NO_SUCH_ERROR'), () => broker!.faults.delay('Produce', -5)]) {
        err = undefined;
        try { await bad(); } catch (e) { err = e; }
        expect(err).to.be.instanceOf(Error);
      }
    });
  });
}
