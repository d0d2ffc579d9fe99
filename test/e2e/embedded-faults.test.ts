// Each fault hook of startBroker() observed by real clients (kafkajs, samsa's own), in the
// single-thread layout (the embedded default) and the workers layout with two processors.
import { expect } from 'chai';
import { Kafka, logLevel, type Producer as KafkaProducer } from 'kafkajs';
import { startBroker, Consumer, KafkaProtocolError, type EmbeddedBroker } from '../../src/index';
import { endOffset } from './fixtures/end-offset';

const LAYOUTS = {
  single: {},
  workers: { 'samsa.threading': 'workers', 'num.network.threads': 2, 'num.io.threads': 2 },
} as const;

for (const [layout, overrides] of Object.entries(LAYOUTS)) {
  describe(`e2e: embedded broker fault injection (${layout} layout)`, function () {
    this.timeout(60_000);
    let broker: EmbeddedBroker;
    let kafka: Kafka;
    let topicNo = 0;
    let topic: string;
    const open: { disconnect(): Promise<void> }[] = [];

    before(async () => {
      broker = await startBroker({ overrides });
      kafka = new Kafka({ clientId: 'samsa-faults-e2e', brokers: broker.brokers, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 50, maxRetryTime: 500 } });
    });
    after(async () => { await broker?.stop(); });
    beforeEach(async () => {
      topic = `faults-${++topicNo}`;
      await broker.createTopics(topic);
    });
    afterEach(async () => {
      await broker.faults.clear();
      for (const c of open.splice(0)) await c.disconnect().catch(() => undefined);
    });

    async function producer(): Promise<KafkaProducer> {
      const p = kafka.producer();
      open.push(p);
      await p.connect();
      return p;
    }

    it('delay: a delayed Produce is answered after a later one on another connection; both are written', async () => {
      const slow = await producer();
      const fast = await producer();
      await fast.send({ topic, messages: [{ value: 'warm-up' }] }); // metadata and connection ready
      const rule = await broker.faults.delay('Produce', 1500, { count: 1 });
      const order: string[] = [];
      const slowSend = slow.send({ topic, messages: [{ value: 'slow' }] }).then((r) => { order.push('slow'); return r; });
      await rule.waitForHits(1);
      const fastSend = fast.send({ topic, messages: [{ value: 'fast' }] }).then((r) => { order.push('fast'); return r; });
      const [s, f] = await Promise.all([slowSend, fastSend]);
      expect(order).to.deep.equal(['fast', 'slow']);
      expect(s[0].errorCode).to.equal(0);
      expect(f[0].errorCode).to.equal(0);
      expect(await rule.hits()).to.equal(1);
      expect(await endOffset(broker, topic)).to.equal(3);
    });

    it('dropConnection: Metadata dropped twice, kafkajs reconnects and retries', async () => {
      const rule = await broker.faults.dropConnection('Metadata', { count: 2 });
      const p = await producer();
      const res = await p.send({ topic, messages: [{ value: 'after-drops' }] });
      expect(res[0].errorCode).to.equal(0);
      expect(await rule.hits()).to.equal(2);
      expect(await endOffset(broker, topic)).to.equal(1);
    });

    it('dropConnection: a Produce dropped before handling is written once, after handling twice', async () => {
      const p = await producer();
      await p.send({ topic, messages: [{ value: 'warm-up' }] });
      const before = await broker.faults.dropConnection('Produce', { count: 1 });
      await p.send({ topic, messages: [{ value: 'once' }] });
      expect(await before.hits()).to.equal(1);
      expect(await endOffset(broker, topic)).to.equal(2);
      const after = await broker.faults.dropConnection(0, { count: 1, afterHandling: true });
      await p.send({ topic, messages: [{ value: 'twice' }] });
      expect(await after.hits()).to.equal(1);
      expect(await endOffset(broker, topic)).to.equal(4);
    });

    it('error: NOT_LEADER_OR_FOLLOWER on Produce twice, kafkajs retries and succeeds with one copy', async () => {
      const p = await producer();
      const rule = await broker.faults.error('Produce', 'NOT_LEADER_OR_FOLLOWER', { count: 2 });
      const res = await p.send({ topic, messages: [{ value: 'retried' }] });
      expect(res[0].errorCode).to.equal(0);
      expect(await rule.info()).to.include({ hits: 2, remaining: 0 });
      expect(await endOffset(broker, topic)).to.equal(1);
    });

    it('error: a non-retriable Produce error reaches kafkajs', async () => {
      const p = await producer();
      await broker.faults.error('Produce', 'INVALID_RECORD', { count: 1 });
      let err: any;
      try { await p.send({ topic, messages: [{ value: 'refused' }] }); } catch (e) { err = e; }
      expect(err?.type ?? err?.cause?.type).to.equal('INVALID_RECORD');
      expect(await endOffset(broker, topic)).to.equal(0);
    });

    it('error: UNKNOWN_TOPIC_OR_PARTITION on Fetch surfaces in samsa\'s consumer', async () => {
      const p = await producer();
      await p.send({ topic, messages: [{ value: 'v' }] });
      const rule = await broker.faults.error('Fetch', 3, { count: 1 });
      const c = new Consumer({ bootstrap: broker.bootstrap, maxWaitMs: 100 });
      try {
        await c.assign([{ topic, partition: 0, offset: 0 }]);
        let err: unknown;
        try { await c.poll(); } catch (e) { err = e; }
        expect(err).to.be.instanceOf(KafkaProtocolError);
        expect((err as KafkaProtocolError).codeName).to.equal('UNKNOWN_TOPIC_OR_PARTITION');
        expect(await rule.hits()).to.equal(1);
        const recs = await c.poll(); // the rule is used up: the next fetch is answered
        expect(recs.map((r) => r.value!.toString())).to.deep.equal(['v']);
      } finally {
        await c.close();
      }
    });

    it('duration: a Fetch error rule expires and the kafkajs consumer then reads', async () => {
      const p = await producer();
      await p.send({ topic, messages: [{ value: 'eventually' }] });
      const rule = await broker.faults.error('Fetch', 'UNKNOWN_TOPIC_OR_PARTITION', { durationMs: 800 });
      const consumer = kafka.consumer({ groupId: `dur-${layout}`, maxWaitTimeInMs: 50 });
      open.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const got = await new Promise<string>((resolve, reject) => {
        consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) }).catch(reject);
      });
      expect(got).to.equal('eventually');
      const info = await rule.info();
      expect(info.expired).to.equal(true);
      expect(info.hits).to.be.greaterThan(0);
    });

    it('duration: an expired delay rule is no longer hit; remove() and clear() stop rules', async () => {
      const p = await producer();
      const short = await broker.faults.delay('Produce', 1, { durationMs: 100 });
      await p.send({ topic, messages: [{ value: 'a' }] });
      const hitsWhileActive = await short.hits();
      expect(hitsWhileActive).to.equal(1);
      await new Promise((r) => setTimeout(r, 150));
      await p.send({ topic, messages: [{ value: 'b' }] });
      expect(await short.info()).to.include({ hits: 1, expired: true });

      const removed = await broker.faults.delay('Produce', 1);
      await removed.remove();
      const cleared = await broker.faults.error('Produce', 'NOT_LEADER_OR_FOLLOWER');
      await broker.faults.clear();
      await p.send({ topic, messages: [{ value: 'c' }] });
      expect(await removed.info()).to.include({ hits: 0, removed: true });
      expect(await cleared.info()).to.include({ hits: 0, removed: true });
      expect(await endOffset(broker, topic)).to.equal(3);
    });

    it('a count is shared by all processors: 3 ApiVersions drops over 6 clients', async () => {
      const rule = await broker.faults.dropConnection('ApiVersions', { count: 3 });
      const admins = Array.from({ length: 6 }, () => kafka.admin());
      open.push(...admins);
      await Promise.all(admins.map((a) => a.connect()));
      const lists = await Promise.all(admins.map((a) => a.listTopics()));
      for (const l of lists) expect(l).to.include(topic);
      expect(await rule.hits()).to.equal(3);
    });
  });
}
