import { expect } from 'chai';
import { Producer } from '../../../src/client/producer';
import { KafkaProtocolError } from '../../../src/client/errors';
import { partitionForKey } from '../../../src/client/partitioner';
import { decodeBatches } from '../../../src/protocol/record-batch';
import { FakeBroker } from './fake-broker';

const PRODUCE = 0;

/** Produce handler that assigns offsets per partition and records what arrived. */
function acceptAll(broker: FakeBroker, opts: { errorFor?: (topic: string, p: number, attempt: number) => number } = {}) {
  const next = new Map<string, number>();
  const attempts = new Map<string, number>();
  broker.handlers.set(PRODUCE, (body) => {
    if (body.acks === 0) return undefined;
    return {
      responses: body.topicData.map((t: any) => ({
        name: t.name,
        partitionResponses: t.partitionData.map((p: any) => {
          const k = `${t.name}-${p.index}`;
          const attempt = (attempts.get(k) ?? 0) + 1;
          attempts.set(k, attempt);
          const err = opts.errorFor?.(t.name, p.index, attempt) ?? 0;
          if (err) return { index: p.index, errorCode: err, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage: null };
          const count = decodeBatches(p.records).reduce((s, b) => s + b.records.length, 0);
          const base = next.get(k) ?? 0;
          next.set(k, base + count);
          return { index: p.index, errorCode: 0, baseOffset: base, logAppendTimeMs: -1, logStartOffset: 0, recordErrors: [], errorMessage: null };
        }),
      })),
      throttleTimeMs: 0,
    };
  });
}

function producedRecords(broker: FakeBroker) {
  const out: { topic: string; partition: number; key: string | null; value: string | null; compression: number }[] = [];
  for (const body of broker.requestsFor(PRODUCE)) {
    for (const t of body.topicData) for (const p of t.partitionData) {
      for (const b of decodeBatches(p.records)) for (const r of b.records) {
        out.push({ topic: t.name, partition: p.index, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, compression: b.header.attributes & 7 });
      }
    }
  }
  return out;
}

describe('client/producer', () => {
  let broker: FakeBroker;
  beforeEach(async () => { broker = new FakeBroker(); await broker.start(); broker.withTopics({ t: 4, u: 1 }); });
  afterEach(async () => { await broker.stop(); });

  it('batches records sent within linger.ms into one Produce request', async () => {
    acceptAll(broker);
    const p = new Producer({ bootstrap: broker.bootstrap, lingerMs: 50 });
    await p.cluster.topic('t');
    const sends = [];
    for (let i = 0; i < 20; i++) sends.push(p.send({ topic: 't', partition: i % 2, value: `v${i}` }));
    const meta = await Promise.all(sends);
    expect(broker.requestsFor(PRODUCE)).to.have.length(1);
    const req = broker.requestsFor(PRODUCE)[0];
    expect(req.acks).to.equal(-1);
    expect(req.topicData[0].partitionData.map((x: any) => x.index).sort()).to.deep.equal([0, 1]);
    expect(meta.filter((m) => m.partition === 0).map((m) => m.offset)).to.deep.equal([...Array(10).keys()]);
    await p.close();
  });

  it('splits at batch.size and keeps per-partition order', async () => {
    acceptAll(broker);
    const p = new Producer({ bootstrap: broker.bootstrap, lingerMs: 1000, batchSize: 400 });
    const sends = [];
    for (let i = 0; i < 30; i++) sends.push(p.send({ topic: 'u', value: Buffer.alloc(50, i) }));
    await p.flush();
    const meta = await Promise.all(sends);
    expect(meta.map((m) => m.offset)).to.deep.equal([...Array(30).keys()]);
    const batches = broker.requestsFor(PRODUCE).flatMap((b: any) => b.topicData[0].partitionData.map((x: any) => decodeBatches(x.records)[0].records.length));
    expect(batches.length).to.be.greaterThan(4);
    expect(Math.max(...batches)).to.be.lessThan(6);
    expect(producedRecords(broker).map((r) => r.value!.charCodeAt(0))).to.deep.equal([...Array(30).keys()]);
    await p.close();
  });

  it('puts keyed records on the murmur2 partition and sticks keyless ones', async () => {
    acceptAll(broker);
    const p = new Producer({ bootstrap: broker.bootstrap, lingerMs: 0 });
    const keys = Array.from({ length: 50 }, (_, i) => `key-${i}`);
    const meta = await Promise.all(keys.map((k) => p.send({ topic: 't', key: k, value: 'x' })));
    meta.forEach((m, i) => expect(m.partition, keys[i]).to.equal(partitionForKey(Buffer.from(keys[i]), 4)));
    const p2 = new Producer({ bootstrap: broker.bootstrap, lingerMs: 100 });
    const keyless = await Promise.all([1, 2, 3, 4, 5].map((i) => p2.send({ topic: 't', value: `n${i}` })));
    expect(new Set(keyless.map((m) => m.partition)).size).to.equal(1);
    await p.close();
    await p2.close();
  });

  it('compresses batches with the chosen codec and sends headers', async () => {
    acceptAll(broker);
    for (const [name, id] of [['gzip', 1], ['snappy', 2], ['lz4', 3], ['zstd', 4]] as const) {
      const p = new Producer({ bootstrap: broker.bootstrap, compression: name, lingerMs: 0 });
      await p.send({ topic: 'u', key: 'k', value: `hello ${name}`, headers: { h: 'v' } });
      await p.close();
      const last = producedRecords(broker).pop()!;
      expect(last).to.include({ key: 'k', value: `hello ${name}`, compression: id });
    }
    const body = broker.requestsFor(PRODUCE).pop();
    const rec = decodeBatches(body.topicData[0].partitionData[0].records)[0].records[0];
    expect(rec.headers).to.deep.equal([{ key: 'h', value: Buffer.from('v') }]);
  });

  it('acks=0 resolves without a response', async () => {
    acceptAll(broker);
    const p = new Producer({ bootstrap: broker.bootstrap, acks: 0, lingerMs: 0 });
    const m = await p.send({ topic: 'u', value: 'fire' });
    expect(m.offset).to.equal(-1);
    for (let i = 0; i < 50 && broker.requestsFor(PRODUCE).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(broker.requestsFor(PRODUCE)[0].acks).to.equal(0);
    await p.close();
  });

  it('surfaces a non-retriable error on each record promise', async () => {
    acceptAll(broker, { errorFor: (_t, p) => (p === 0 ? 10 : 0) });
    const p = new Producer({ bootstrap: broker.bootstrap, lingerMs: 0 });
    const bad = p.send({ topic: 't', partition: 0, value: 'x' });
    const good = p.send({ topic: 't', partition: 1, value: 'y' });
    let err: unknown;
    try { await bad; } catch (e) { err = e; }
    expect(err).to.be.instanceOf(KafkaProtocolError);
    expect((err as KafkaProtocolError).codeName).to.equal('MESSAGE_TOO_LARGE');
    expect((await good).offset).to.equal(0);
    await p.close();
  });

  it('retries a retriable error and then succeeds', async () => {
    acceptAll(broker, { errorFor: (_t, _p, attempt) => (attempt < 3 ? 6 : 0) });
    const p = new Producer({ bootstrap: broker.bootstrap, lingerMs: 0, retryBackoffMs: 10 });
    const m = await p.send({ topic: 'u', value: 'again' });
    expect(m.offset).to.equal(0);
    expect(broker.requestsFor(PRODUCE)).to.have.length(3);
    await p.close();
  });

  it('rejects an unknown topic and a partition out of range', async () => {
    acceptAll(broker);
    const p = new Producer({ bootstrap: broker.bootstrap, allowAutoTopicCreation: false });
    let err: unknown;
    try { await p.send({ topic: 'nope', value: 'x' }); } catch (e) { err = e; }
    expect((err as KafkaProtocolError).codeName).to.equal('UNKNOWN_TOPIC_OR_PARTITION');
    err = undefined;
    try { await p.send({ topic: 'u', partition: 3, value: 'x' }); } catch (e) { err = e; }
    expect((err as KafkaProtocolError).codeName).to.equal('UNKNOWN_TOPIC_OR_PARTITION');
    await p.close();
  });

  it('rejects invalid options', () => {
    expect(() => new Producer({ bootstrap: broker.bootstrap, acks: 2 as any })).to.throw(/acks/);
    expect(() => new Producer({ bootstrap: broker.bootstrap, compression: 'brotli' as any })).to.throw(/compression/);
  });
});
