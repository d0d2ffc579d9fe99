// Broker behaviour end to end with samsa's own client on raw requests: long poll, limits,
// offsets by timestamp, DeleteRecords, bad input, restart, handler supervision.
import { expect } from 'chai';
import * as net from 'net';
import { Connection } from '../../src/client/connection';
import { Admin } from '../../src/client/admin';
import { Producer } from '../../src/client/producer';
import { ApiKey } from '../../src/protocol/apis';
import { ErrorCode } from '../../src/protocol/error-codes';
import { buildBatch, decodeBatches } from '../../src/protocol/record-batch';
import { encodeRequestFrame } from '../../src/protocol/header';
import { readPartition, startTestBroker, type TestBroker } from '../helpers/broker';

function conn(b: TestBroker): Connection {
  return new Connection({ host: '127.0.0.1', port: b.port, clientId: 'e2e' });
}

async function produceRaw(c: Connection, topic: string, partition: number, records: Buffer) {
  const res = await c.request(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] });
  return res.responses[0].partitionResponses[0];
}

function fetchBody(topic: string, topicId: string, offset: number, opts: { maxWaitMs?: number; minBytes?: number; partitionMaxBytes?: number; maxBytes?: number } = {}) {
  return {
    replicaId: -1, maxWaitMs: opts.maxWaitMs ?? 0, minBytes: opts.minBytes ?? 1, maxBytes: opts.maxBytes ?? 50 << 20, isolationLevel: 0,
    sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
    topics: [{ topic, topicId, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: opts.partitionMaxBytes ?? 1 << 20 }] }],
  };
}

async function listOffset(c: Connection, topic: string, timestamp: number) {
  const res = await c.request(ApiKey.ListOffsets, { replicaId: -1, isolationLevel: 0, topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp }] }] });
  return res.topics[0].partitions[0];
}

for (const layout of ['workers', 'single'] as const) {
  describe(`e2e: broker behaviour (${layout} layout)`, function () {
    this.timeout(30000);
    let broker: TestBroker;
    let c: Connection;
    let admin: Admin;
    const ids = new Map<string, string>();

    before(async () => {
      broker = await startTestBroker({ 'samsa.threading': layout, 'num.io.threads': 2, 'socket.request.max.bytes': 1 << 20, 'log.retention.check.interval.ms': 100 });
      c = conn(broker);
      admin = new Admin({ bootstrap: broker.bootstrap });
      await admin.createTopics([{ name: 'lp', partitions: 1 }, { name: 'lim', partitions: 1 }, { name: 'ts', partitions: 1 }, { name: 'del', partitions: 1 }]);
      for (const t of await admin.listTopics()) ids.set(t.name, t.topicId);
    });
    after(async () => {
      await c?.close();
      await admin?.close();
      await broker?.cleanup();
    });

    it('long poll: a fetch at the log end is answered by a later produce, not before', async () => {
      const events: string[] = [];
      const pending = c.request(ApiKey.Fetch, fetchBody('lp', ids.get('lp')!, 0, { maxWaitMs: 10000 })).then((r) => { events.push('fetch'); return r; });
      await new Promise((r) => setTimeout(r, 200));
      events.push('produce');
      const other = conn(broker);
      const pr = await produceRaw(other, 'lp', 0, buildBatch([{ key: Buffer.from('k'), value: Buffer.from('late') }]));
      await other.close();
      expect(pr.errorCode).to.equal(0);
      const res = await pending;
      expect(events).to.deep.equal(['produce', 'fetch']);
      const p = res.responses[0].partitions[0];
      expect(p.errorCode).to.equal(0);
      expect(p.highWatermark).to.equal(1);
      expect(decodeBatches(p.records)[0].records[0].value!.toString()).to.equal('late');
    });

    it('a fetch with nothing to return waits and then answers empty', async () => {
      const res = await c.request(ApiKey.Fetch, fetchBody('lp', ids.get('lp')!, 1, { maxWaitMs: 150 }));
      const p = res.responses[0].partitions[0];
      expect(p.errorCode).to.equal(0);
      expect(p.records.length).to.equal(0);
    });

    it('honours partition max bytes but always returns at least one batch', async () => {
      for (let i = 0; i < 10; i++) {
        expect((await produceRaw(c, 'lim', 0, buildBatch([{ key: null, value: Buffer.alloc(1000, i) }]))).baseOffset).to.equal(i);
      }
      const small = await c.request(ApiKey.Fetch, fetchBody('lim', ids.get('lim')!, 0, { partitionMaxBytes: 10 }));
      expect(decodeBatches(small.responses[0].partitions[0].records)).to.have.length(1);
      const some = await c.request(ApiKey.Fetch, fetchBody('lim', ids.get('lim')!, 0, { partitionMaxBytes: 3500 }));
      const n = decodeBatches(some.responses[0].partitions[0].records).length;
      expect(n).to.be.within(2, 4);
      const mid = await c.request(ApiKey.Fetch, fetchBody('lim', ids.get('lim')!, 7));
      expect(decodeBatches(mid.responses[0].partitions[0].records).map((b) => b.header.baseOffset)).to.deep.equal([7, 8, 9]);
      const beyond = await c.request(ApiKey.Fetch, fetchBody('lim', ids.get('lim')!, 11));
      expect(beyond.responses[0].partitions[0].errorCode).to.equal(ErrorCode.OFFSET_OUT_OF_RANGE);
    });

    it('lists offsets: earliest, latest, max timestamp and by timestamp', async () => {
      const t0 = 1_700_000_000_000;
      for (let i = 0; i < 5; i++) await produceRaw(c, 'ts', 0, buildBatch([{ key: null, value: Buffer.from(`r${i}`), timestamp: t0 + i * 1000 }]));
      expect((await listOffset(c, 'ts', -2)).offset).to.equal(0);
      expect((await listOffset(c, 'ts', -1)).offset).to.equal(5);
      const byTs = await listOffset(c, 'ts', t0 + 2500);
      expect(byTs.offset).to.equal(3);
      expect(byTs.timestamp).to.equal(t0 + 3000);
      expect((await listOffset(c, 'ts', t0 + 99_000)).offset).to.equal(-1);
      const max = await listOffset(c, 'ts', -3);
      expect(max.offset).to.equal(4);
    });

    it('deletes records: the log start moves and older offsets are out of range', async () => {
      for (let i = 0; i < 6; i++) await produceRaw(c, 'del', 0, buildBatch([{ key: null, value: Buffer.from(`d${i}`) }]));
      const res = await c.request(ApiKey.DeleteRecords, { topics: [{ name: 'del', partitions: [{ partitionIndex: 0, offset: 4 }] }], timeoutMs: 5000 });
      expect(res.topics[0].partitions[0].errorCode).to.equal(0);
      expect(res.topics[0].partitions[0].lowWatermark).to.equal(4);
      expect((await listOffset(c, 'del', -2)).offset).to.equal(4);
      const f = await c.request(ApiKey.Fetch, fetchBody('del', ids.get('del')!, 0));
      expect(f.responses[0].partitions[0].errorCode).to.equal(ErrorCode.OFFSET_OUT_OF_RANGE);
      expect(f.responses[0].partitions[0].logStartOffset).to.equal(4);
      const bad = await c.request(ApiKey.DeleteRecords, { topics: [{ name: 'del', partitions: [{ partitionIndex: 0, offset: 99 }] }], timeoutMs: 5000 });
      expect(bad.topics[0].partitions[0].errorCode).to.equal(ErrorCode.OFFSET_OUT_OF_RANGE);
    });

    it('rejects a batch with a bad CRC with CORRUPT_MESSAGE and writes nothing of it', async () => {
      const before = (await listOffset(c, 'lp', -1)).offset;
      const batch = buildBatch([{ key: null, value: Buffer.from('flip me') }]);
      batch[batch.length - 2] ^= 0x40;
      const r = await produceRaw(c, 'lp', 0, batch);
      expect(r.errorCode).to.equal(ErrorCode.CORRUPT_MESSAGE);
      expect((await listOffset(c, 'lp', -1)).offset).to.equal(before);
    });

    it('answers an unknown ApiVersions version with the v0 fallback listing its APIs', async () => {
      const sock = net.connect(broker.port, '127.0.0.1');
      const frame = Buffer.concat(encodeRequestFrame(ApiKey.ApiVersions, 3, 7, 'x', { clientSoftwareName: 'x', clientSoftwareVersion: '1' }));
      frame.writeInt16BE(99, 6); // request api version → 99
      const reply = await new Promise<Buffer>((resolve, reject) => {
        let buf = Buffer.alloc(0);
        sock.on('data', (d) => { buf = Buffer.concat([buf, d]); if (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) resolve(buf); });
        sock.on('error', reject);
        sock.write(frame);
      });
      sock.destroy();
      expect(reply.readInt32BE(4)).to.equal(7);                // correlation id, header v0
      expect(reply.readInt16BE(8)).to.equal(ErrorCode.UNSUPPORTED_VERSION);
      expect(reply.readInt32BE(10)).to.be.greaterThan(10);       // api count (v0 array)
    });

    it('closes a connection whose frame exceeds socket.request.max.bytes, and one with an unknown api key', async () => {
      for (const payload of [(() => { const b = Buffer.alloc(8); b.writeInt32BE((1 << 20) + 1, 0); return b; })(),
        Buffer.concat(encodeRequestFrame(ApiKey.ApiVersions, 0, 1, 'x', {})).fill(0x7f, 4, 6)]) {
        const sock = net.connect(broker.port, '127.0.0.1');
        const closed = new Promise<void>((resolve) => sock.on('close', () => resolve()));
        sock.on('error', () => undefined);
        sock.write(payload);
        await closed;
      }
    });

    it('describes the cluster and its log dirs', async () => {
      const dc = await c.request(ApiKey.DescribeCluster, { includeClusterAuthorizedOperations: false, endpointType: 1 });
      expect(dc.errorCode).to.equal(0);
      expect(dc.brokers[0].port).to.equal(broker.port);
      expect(dc.clusterId).to.equal(broker.clusterId);
      const dl = await c.request(ApiKey.DescribeLogDirs, { topics: null });
      const parts = dl.results[0].topics.find((t: any) => t.name === 'lim').partitions;
      expect(parts[0].partitionSize).to.be.greaterThan(10_000);
      const ep = await c.request(ApiKey.OffsetForLeaderEpoch, { replicaId: -1, topics: [{ topic: 'lim', partitions: [{ partition: 0, currentLeaderEpoch: 0, leaderEpoch: 0 }] }] });
      expect(ep.topics[0].partitions[0].endOffset).to.equal(10);
    });

    it('applies retention.bytes per topic, deleting old segments', async () => {
      await admin.createTopics([{ name: 'ret', partitions: 1, configs: { 'segment.bytes': '2048', 'retention.bytes': '4096' } }]);
      const producer = new Producer({ bootstrap: broker.bootstrap, acks: -1, lingerMs: 0 });
      for (let i = 0; i < 40; i++) await producer.send({ topic: 'ret', partition: 0, value: Buffer.alloc(500, i) });
      await producer.close();
      let earliest = 0;
      for (let i = 0; i < 50 && earliest === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        earliest = (await listOffset(c, 'ret', -2)).offset;
      }
      expect(earliest).to.be.greaterThan(0);
      expect((await listOffset(c, 'ret', -1)).offset).to.equal(40);
    });
  });
}

describe('e2e: restart and supervision', function () {
  this.timeout(30000);

  it('keeps topics, ids and records across a clean restart', async () => {
    let b = await startTestBroker({ 'num.io.threads': 2 });
    const dir = b.dataDir;
    const admin = new Admin({ bootstrap: b.bootstrap });
    await admin.createTopics([{ name: 'keep', partitions: 3 }]);
    const id = (await admin.listTopics()).find((t) => t.name === 'keep')!.topicId;
    await admin.close();
    const producer = new Producer({ bootstrap: b.bootstrap, acks: -1 });
    await Promise.all(Array.from({ length: 300 }, (_, i) => producer.send({ topic: 'keep', partition: i % 3, key: `k${i}`, value: `v${i}` })));
    await producer.close();
    await b.stop();
    b = await startTestBroker({ 'num.io.threads': 2 }, dir);
    try {
      const admin2 = new Admin({ bootstrap: b.bootstrap });
      expect((await admin2.listTopics()).find((t) => t.name === 'keep')!.topicId).to.equal(id);
      await admin2.close();
      for (const p of [0, 1, 2]) {
        const recs = await readPartition(b.bootstrap, 'keep', p, 0, 100);
        expect(recs.map((r) => r.value!.toString())).to.deep.equal(Array.from({ length: 100 }, (_, i) => `v${i * 3 + p}`));
      }
    } finally {
      await b.cleanup();
    }
  });

  for (const layout of ['workers', 'single'] as const) {
    it(`a clean stop answers a parked long poll instead of waiting it out (${layout})`, async () => {
      const b = await startTestBroker({ 'samsa.threading': layout });
      const admin = new Admin({ bootstrap: b.bootstrap });
      await admin.createTopics([{ name: 'parked', partitions: 1 }]);
      const id = (await admin.listTopics()).find((t) => t.name === 'parked')!.topicId;
      await admin.close();
      const c = conn(b);
      try {
        const pending = c.request(ApiKey.Fetch, fetchBody('parked', id, 0, { maxWaitMs: 60000 }), { timeoutMs: 120000 });
        await new Promise((r) => setTimeout(r, 200));
        await b.cleanup();
        const res = await pending;
        expect(res.responses[0].partitions[0].errorCode).to.equal(0);
        expect(res.responses[0].partitions[0].records.length).to.equal(0);
      } finally {
        await c.close();
      }
    });
  }

  it('restarts a crashed handler worker: acknowledged data survives and produce resumes', async () => {
    const b = await startTestBroker({ 'num.io.threads': 2, 'num.network.threads': 1 });
    try {
      const producer = new Producer({ bootstrap: b.bootstrap, acks: -1, retryBackoffMs: 50 });
      for (let i = 0; i < 50; i++) await producer.send({ topic: 'sup', partition: 0, value: `a${i}` });
      await b.crashHandler(0);
      await b.crashHandler(1);
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 50; i++) await producer.send({ topic: 'sup', partition: 0, value: `b${i}` });
      await producer.close();
      const recs = await readPartition(b.bootstrap, 'sup', 0, 0, 100);
      expect(recs.map((r) => r.value!.toString())).to.deep.equal([...Array.from({ length: 50 }, (_, i) => `a${i}`), ...Array.from({ length: 50 }, (_, i) => `b${i}`)]);
    } finally {
      await b.cleanup();
    }
  });
});
