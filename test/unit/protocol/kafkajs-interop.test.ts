// Cross-checks against an independent implementation: kafkajs's own request encoders and
// response decoders (non-flexible versions only; kafkajs has no flexible support).
import { expect } from 'chai';
import { ApiKey } from '../../../src/protocol/apis';
import { getCodec } from '../../../src/protocol/codec';

/* eslint-disable @typescript-eslint/no-require-imports */
const kjs = (p: string): any => require(`kafkajs/src/protocol/${p}`);

async function kafkajsRequest(mod: string, args: unknown): Promise<Buffer> {
  const req = kjs(`requests/${mod}/request`)(args);
  return (await req.encode()).buffer as Buffer;
}

function reencodes(key: number, version: number, bytes: Buffer): any {
  const c = getCodec(key, version, 'request');
  const decoded = c.decode(bytes);
  expect(c.encode(decoded).toString('hex')).to.equal(bytes.toString('hex'));
  return decoded;
}

describe('protocol codecs vs kafkajs', () => {
  it('decodes a kafkajs Produce v3 request (with a real record batch) and re-encodes it identically', async () => {
    const bytes = await kafkajsRequest('produce/v3', {
      acks: -1, timeout: 30000, transactionalId: 'tx',
      topicData: [{ topic: 'orders', partitions: [{ partition: 2, messages: [{ key: 'k', value: 'v', timestamp: 1700000000000 }] }] }],
    });
    const d = reencodes(ApiKey.Produce, 3, bytes);
    expect(d.transactionalId).to.equal('tx');
    expect(d.acks).to.equal(-1);
    expect(d.topicData[0].name).to.equal('orders');
    const p = d.topicData[0].partitionData[0];
    expect(p.index).to.equal(2);
    expect(p.records.readInt8(16)).to.equal(2); // record batch magic
    expect(p.records.readInt32BE(8)).to.equal(p.records.length - 12); // batchLength
  });

  it('decodes a kafkajs Fetch v11 request', async () => {
    const bytes = await kafkajsRequest('fetch/v11', {
      replicaId: -1, maxWaitTime: 500, minBytes: 1, maxBytes: 1048576, rackId: 'r1', isolationLevel: 1,
      topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: '1099511627776', maxBytes: 65536 }] }],
    });
    const d = reencodes(ApiKey.Fetch, 11, bytes);
    expect(d).to.include({ replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 1048576, isolationLevel: 1, rackId: 'r1' });
    expect(d.topics[0].partitions[0]).to.deep.equal({
      partition: 0, currentLeaderEpoch: -1, fetchOffset: 2 ** 40, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 65536,
      replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA',
    });
  });

  it('decodes a kafkajs CreateTopics v3 request', async () => {
    const bytes = await kafkajsRequest('createTopics/v3', {
      timeout: 5000, validateOnly: true,
      topics: [{ topic: 'a', numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    });
    const d = reencodes(ApiKey.CreateTopics, 3, bytes);
    expect(d.topics[0]).to.deep.include({ name: 'a', numPartitions: 3, replicationFactor: 1, assignments: [] });
    expect(d.topics[0].configs).to.deep.equal([{ name: 'cleanup.policy', value: 'compact' }]);
    expect(d).to.include({ timeoutMs: 5000, validateOnly: true });
  });

  it('produces Metadata v5 and ApiVersions v2 responses kafkajs can read', async () => {
    const meta = getCodec(ApiKey.Metadata, 5, 'response').encode({
      throttleTimeMs: 0, clusterId: 'c1', controllerId: 1,
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
      topics: [{ errorCode: 0, name: 't', isInternal: false, partitions: [
        { errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] },
      ] }],
    });
    const m = await kjs('requests/metadata/v5/response').decode(meta);
    expect(m.brokers).to.deep.equal([{ nodeId: 1, host: 'localhost', port: 9092, rack: null }]);
    expect(m.clusterId).to.equal('c1');
    expect(m.topicMetadata[0].partitionMetadata[0]).to.deep.equal({
      partitionErrorCode: 0, partitionId: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [],
    });
    const av = getCodec(ApiKey.ApiVersions, 2, 'response').encode({ errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 3, maxVersion: 9 }], throttleTimeMs: 5 });
    const a = await kjs('requests/apiVersions/v2/response').decode(av);
    expect(a.apiVersions).to.deep.equal([{ apiKey: 0, minVersion: 3, maxVersion: 9 }]);
    expect(a.clientSideThrottleTime).to.equal(5);
  });

  it('passes kafkajs record batches through a Fetch v4 response', async () => {
    const { RecordBatch } = kjs('recordBatch/v0');
    const Record = kjs('recordBatch/record/v0');
    const batch = await RecordBatch({
      firstOffset: kjs('../utils/long').fromInt(10), firstTimestamp: 1700000000000, maxTimestamp: 1700000000000,
      records: [Record({ offsetDelta: 0, key: Buffer.from('k'), value: Buffer.from('hello') })],
    });
    const records: Buffer = batch.buffer;
    const resp = getCodec(ApiKey.Fetch, 4, 'response').encode({
      throttleTimeMs: 0,
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, highWatermark: 11, lastStableOffset: 11, abortedTransactions: [], records }] }],
    });
    const f = await kjs('requests/fetch/v4/response').decode(resp);
    const p = f.responses[0].partitions[0];
    expect(p.highWatermark).to.equal('11');
    expect(p.messages.map((x: any) => [x.offset, x.value.toString()])).to.deep.equal([['10', 'hello']]);
  });
});
