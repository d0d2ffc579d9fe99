import { expect } from 'chai';
import { Consumer } from '../../../src/client/consumer';
import { KafkaProtocolError } from '../../../src/client/errors';
import { buildBatch } from '../../../src/protocol/record-batch';
import { FakeBroker } from './fake-broker';

const FETCH = 1;
const LIST_OFFSETS = 2;

/** A partition log of 10 records (offsets 0..9) in batches of 4, 4, 2; log start 0. */
function serveLog(broker: FakeBroker, opts: { logStart?: number } = {}) {
  const logStart = opts.logStart ?? 0;
  const batches: { base: number; buf: Buffer }[] = [];
  for (const [base, n] of [[0, 4], [4, 4], [8, 2]]) {
    batches.push({ base, buf: buildBatch(Array.from({ length: n }, (_, i) => ({ key: Buffer.from(`k${base + i}`), value: Buffer.from(`v${base + i}`), headers: [{ key: 'h', value: Buffer.from('x') }] })), { baseOffset: base, compression: base === 4 ? 1 : 0 }) });
  }
  const end = 10;
  broker.handlers.set(LIST_OFFSETS, (body) => ({
    throttleTimeMs: 0,
    topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({
      partitionIndex: p.partitionIndex, errorCode: 0, timestamp: -1, offset: p.timestamp === -2 ? logStart : end, leaderEpoch: 0,
    })) })),
  }));
  broker.handlers.set(FETCH, (body) => ({
    throttleTimeMs: 0, errorCode: 0, sessionId: 0,
    responses: body.topics.map((t: any) => ({ topic: t.topic, partitions: t.partitions.map((p: any) => {
      if (p.fetchOffset < logStart || p.fetchOffset > end) {
        return { partitionIndex: p.partition, errorCode: 1, highWatermark: end, lastStableOffset: end, logStartOffset: logStart, abortedTransactions: null, preferredReadReplica: -1, records: null };
      }
      const from = batches.filter((b) => b.base + 4 > p.fetchOffset && b.base >= Math.floor(p.fetchOffset / 4) * 4);
      return {
        partitionIndex: p.partition, errorCode: 0, highWatermark: end, lastStableOffset: end, logStartOffset: logStart,
        abortedTransactions: null, preferredReadReplica: -1, records: from.length ? Buffer.concat(from.map((b) => b.buf)) : null,
      };
    }) })),
  }));
}

describe('client/consumer', () => {
  let broker: FakeBroker;
  beforeEach(async () => { broker = new FakeBroker(); await broker.start(); broker.withTopics({ t: 1 }); });
  afterEach(async () => { await broker.stop(); });

  it('reads from the earliest offset, decoding plain and compressed batches', async () => {
    serveLog(broker);
    const c = new Consumer({ bootstrap: broker.bootstrap, maxWaitMs: 10 });
    await c.assign([{ topic: 't', partition: 0, offset: 'earliest' }]);
    const got = [];
    for (let i = 0; i < 5 && got.length < 10; i++) got.push(...await c.poll());
    expect(got.map((r) => r.offset)).to.deep.equal([...Array(10).keys()]);
    expect(got[5].key!.toString()).to.equal('k5');
    expect(got[5].value!.toString()).to.equal('v5');
    expect(got[5].headers).to.deep.equal([{ key: 'h', value: Buffer.from('x') }]);
    expect(c.position('t', 0)).to.equal(10);
    expect(broker.requestsFor(LIST_OFFSETS)[0].topics[0].partitions[0].timestamp).to.equal(-2);
    await c.close();
  });

  it('starts mid-batch at an explicit offset, skipping earlier records of the batch', async () => {
    serveLog(broker);
    const c = new Consumer({ bootstrap: broker.bootstrap, maxWaitMs: 10 });
    await c.assign([{ topic: 't', partition: 0, offset: 6 }]);
    const got = [...await c.poll(), ...await c.poll()];
    expect(got.map((r) => r.offset)).to.deep.equal([6, 7, 8, 9]);
    await c.close();
  });

  it('latest starts at the end', async () => {
    serveLog(broker);
    const c = new Consumer({ bootstrap: broker.bootstrap, maxWaitMs: 10 });
    await c.assignTopic('t', 'latest');
    expect(c.position('t', 0)).to.equal(10);
    expect(await c.poll()).to.deep.equal([]);
    await c.close();
  });

  it('OFFSET_OUT_OF_RANGE resets by autoOffsetReset', async () => {
    serveLog(broker, { logStart: 4 });
    const c = new Consumer({ bootstrap: broker.bootstrap, maxWaitMs: 10, autoOffsetReset: 'earliest' });
    await c.assign([{ topic: 't', partition: 0, offset: 1 }]);
    expect(await c.poll()).to.deep.equal([]);
    expect(c.position('t', 0)).to.equal(4);
    const got = [...await c.poll(), ...await c.poll()];
    expect(got[0].offset).to.equal(4);

    const strict = new Consumer({ bootstrap: broker.bootstrap, maxWaitMs: 10, autoOffsetReset: 'none' });
    await strict.assign([{ topic: 't', partition: 0, offset: 50 }]);
    let err: unknown;
    try { await strict.poll(); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(KafkaProtocolError);
    expect((err as KafkaProtocolError).codeName).to.equal('OFFSET_OUT_OF_RANGE');
    await c.close();
    await strict.close();
  });

  it('rejects a negative explicit offset', async () => {
    const c = new Consumer({ bootstrap: broker.bootstrap });
    let err: unknown;
    try { await c.assign([{ topic: 't', partition: 0, offset: -3 }]); } catch (e) { err = e; }
    expect((err as Error).message).to.match(/invalid offset/);
    await c.close();
  });
});
