import { expect } from 'chai';
import { Admin, ResourceType } from '../../../src/client/admin';
import { KafkaProtocolError } from '../../../src/client/errors';
import { FakeBroker } from './fake-broker';

describe('client/admin', () => {
  let broker: FakeBroker;
  beforeEach(async () => { broker = new FakeBroker(); await broker.start(); broker.withTopics({ a: 2, b: 1 }); });
  afterEach(async () => { await broker.stop(); });

  it('createTopics sends name, partitions, replication factor and configs; errors carry the code name', async () => {
    broker.handlers.set(19, (body) => ({
      throttleTimeMs: 0,
      topics: body.topics.map((t: any) => (t.name === 'dup'
        ? { name: t.name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', errorCode: 36, errorMessage: "Topic 'dup' already exists.", numPartitions: -1, replicationFactor: -1, configs: null }
        : { name: t.name, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', errorCode: 0, errorMessage: null, numPartitions: t.numPartitions, replicationFactor: t.replicationFactor, configs: null })),
    }));
    const admin = new Admin({ bootstrap: broker.bootstrap });
    const res = await admin.createTopics('new', 3, 1, { 'cleanup.policy': 'compact' });
    expect(res).to.deep.equal([{ name: 'new', topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', numPartitions: 3, replicationFactor: 1 }]);
    const sent = broker.requestsFor(19)[0].topics[0];
    expect(sent).to.include({ name: 'new', numPartitions: 3, replicationFactor: 1 });
    expect(sent.configs).to.deep.equal([{ name: 'cleanup.policy', value: 'compact' }]);
    let err: unknown;
    try { await admin.createTopics('dup'); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(KafkaProtocolError);
    expect((err as KafkaProtocolError).codeName).to.equal('TOPIC_ALREADY_EXISTS');
    expect((err as Error).message).to.include("Topic 'dup' already exists.");
    expect(broker.requestsFor(19)[1].topics[0]).to.include({ numPartitions: -1, replicationFactor: -1 });
    await admin.close();
  });

  it('lists and describes topics from metadata', async () => {
    const admin = new Admin({ bootstrap: broker.bootstrap });
    expect((await admin.listTopics()).map((t) => t.name)).to.deep.equal(['a', 'b']);
    const [a] = await admin.describeTopics(['a']);
    expect(a.partitions).to.deep.equal([
      { partition: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [] },
      { partition: 1, leader: 1, replicas: [1], isr: [1], offlineReplicas: [] },
    ]);
    let err: unknown;
    try { await admin.describeTopics(['zzz']); } catch (e) { err = e; }
    expect((err as KafkaProtocolError).codeName).to.equal('UNKNOWN_TOPIC_OR_PARTITION');
    await admin.close();
  });

  it('alterConfigs uses IncrementalAlterConfigs: set and delete', async () => {
    broker.handlers.set(44, (body) => ({
      throttleTimeMs: 0,
      responses: body.resources.map((r: any) => ({ errorCode: 0, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })),
    }));
    const admin = new Admin({ bootstrap: broker.bootstrap });
    await admin.alterConfigs({ type: ResourceType.TOPIC, name: 'a' }, { 'retention.ms': '1000', 'segment.bytes': null });
    const r = broker.requestsFor(44)[0].resources[0];
    expect(r).to.include({ resourceType: 2, resourceName: 'a' });
    expect(r.configs).to.deep.equal([
      { name: 'retention.ms', configOperation: 0, value: '1000' },
      { name: 'segment.bytes', configOperation: 1, value: null },
    ]);
    await admin.close();
  });

  it('describeConfigs maps sources to isDefault', async () => {
    broker.handlers.set(32, (body) => ({
      throttleTimeMs: 0,
      results: [{
        errorCode: 0, errorMessage: null, resourceType: body.resources[0].resourceType, resourceName: body.resources[0].resourceName,
        configs: [
          { name: 'retention.ms', value: '1000', readOnly: false, configSource: 1, isSensitive: false, synonyms: [], configType: 5, documentation: null },
          { name: 'segment.bytes', value: '1073741824', readOnly: false, configSource: 5, isSensitive: false, synonyms: [], configType: 3, documentation: null },
        ],
      }],
    }));
    const admin = new Admin({ bootstrap: broker.bootstrap });
    const entries = await admin.describeConfigs({ type: ResourceType.TOPIC, name: 'a' });
    expect(entries.map((e) => [e.name, e.isDefault, e.source])).to.deep.equal([['retention.ms', false, 1], ['segment.bytes', true, 5]]);
    expect(broker.requestsFor(32)[0].includeSynonyms).to.equal(true);
    await admin.close();
  });
});
