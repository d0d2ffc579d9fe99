// An example to copy: a mocha suite testing an application's Kafka code against an embedded
// samsa broker. In your project, import from the package instead:
//   import { startBroker, type EmbeddedBroker } from 'samsa';
// (see docs/embedding.md). It runs with samsa's own tests, so it stays correct.
import { expect } from 'chai';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type EmbeddedBroker } from '../../../src/index';

// The application code under test: publishes an order event and reports the offset.
async function publishOrder(kafka: Kafka, orderId: string): Promise<string> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    const [meta] = await producer.send({ topic: 'orders', messages: [{ key: orderId, value: JSON.stringify({ orderId }) }] });
    return meta.baseOffset!;
  } finally {
    await producer.disconnect();
  }
}

describe('example: an application tested against an embedded samsa broker', function () {
  this.timeout(30_000);
  let broker: EmbeddedBroker;
  let kafka: Kafka;

  before(async () => {
    // a fresh broker on a free port with a temporary data dir; ready in a few ms in-process
    broker = await startBroker({ topics: [{ name: 'orders', partitions: 1 }] });
    kafka = new Kafka({ clientId: 'my-app-test', brokers: broker.brokers, logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 50 } });
  });

  afterEach(() => broker.faults.clear());
  after(() => broker.stop()); // also removes the temporary data dir

  it('publishes an order', async () => {
    const offset = await publishOrder(kafka, 'o-1');
    expect(Number(offset)).to.be.at.least(0);
  });

  it('survives a leader change while producing', async () => {
    // the broker answers the next two Produce requests with NOT_LEADER_OR_FOLLOWER
    const fault = await broker.faults.error('Produce', 'NOT_LEADER_OR_FOLLOWER', { count: 2 });
    await publishOrder(kafka, 'o-2');
    expect(await fault.hits()).to.equal(2);
  });

  it('survives a dropped connection', async () => {
    const fault = await broker.faults.dropConnection('Produce', { count: 1 });
    await publishOrder(kafka, 'o-3');
    expect(await fault.hits()).to.equal(1);
  });

  it('keeps its data across a broker restart', async () => {
    await publishOrder(kafka, 'o-4');
    await broker.restart(); // same port and data dir
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [p0] = await admin.fetchTopicOffsets('orders');
      expect(Number(p0.high)).to.be.at.least(1);
    } finally {
      await admin.disconnect();
    }
  });
});
