// Controller.createTopics: defaults, validation, what owners are told, validateOnly.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG_FILE } from '../../../../src/actors/controller/controller';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { Rigs, topic } from './setup';

describe('actors/controller: createTopics', () => {
  const rigs = new Rigs();
  afterEach(() => rigs.cleanup());

  it('fills partitions and replication factor from the broker config and tells each owner its partitions', async () => {
    const { controller, owners, config, dirs, changes } = rigs.make({ 'num.partitions': '7' });
    const [res] = await controller.createTopics([topic('orders', -1, { configs: [{ name: 'retention.ms', value: '12345' }] })], false);
    expect(res).to.deep.include({ name: 'orders', errorCode: ErrorCode.NONE, errorMessage: null, numPartitions: 7, replicationFactor: 1 });
    expect(res.configs).to.deep.equal({ 'retention.ms': '12345' });
    expect(res.topicId).to.match(/^[A-Za-z0-9_-]{22}$/);

    const expected = Array.from({ length: 7 }, (_, p) => [controller.placement.ownerOf('orders', p), 'orders', p]);
    expect(owners.told('assign')).to.deep.equal(expected);
    // one call per owner, and every spec in it belongs to that owner
    const handlers = owners.calls.map((c) => c.handler);
    expect(new Set(handlers).size).to.equal(handlers.length);
    expect(new Set(handlers).size).to.equal(Math.min(7, config.numIoThreads));
    for (const c of owners.calls) {
      if (c.op !== 'assign') throw new Error('only assigns expected');
      for (const s of c.specs) {
        expect(controller.placement.ownerOf(s.topic, s.partition)).to.equal(c.handler);
        expect(s.topicId).to.equal(res.topicId);
        expect(s.dir).to.equal(path.join(dirs[0], `orders-${s.partition}`));
        expect(s.logConfig.retentionMs).to.equal(12345);
        expect(s.logConfig.segmentBytes).to.equal(config.logSegmentBytes);
      }
    }
    const entry = controller.catalog.get('orders')!;
    expect(entry.partitions.map((p) => p.partition)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    expect(entry.internal).to.equal(false);
    expect(changes).to.have.length(1);
    expect(changes[0].topics.map((t) => t.name)).to.deep.equal(['orders']);
  });

  it('explicit counts win over defaults; an internal name is marked internal', async () => {
    const { controller } = rigs.make();
    const res = await controller.createTopics([topic('two', 2), topic('__internal', 1)], false);
    expect(res.map((r) => [r.errorCode, r.numPartitions])).to.deep.equal([[0, 2], [0, 1]]);
    expect(controller.catalog.get('__internal')!.internal).to.equal(true);
  });

  it('validateOnly checks everything but writes nothing and tells nobody', async () => {
    const { controller, owners, dirs, changes } = rigs.make();
    const res = await controller.createTopics([topic('dry', 4), topic('bad name', 1)], true);
    expect(res.map((r) => r.errorCode)).to.deep.equal([ErrorCode.NONE, ErrorCode.INVALID_TOPIC_EXCEPTION]);
    expect(res[0].numPartitions).to.equal(4);
    expect(controller.catalog.has('dry')).to.equal(false);
    expect(fs.existsSync(path.join(dirs[0], CATALOG_FILE))).to.equal(false);
    expect(owners.calls).to.deep.equal([]);
    expect(changes).to.deep.equal([]);
  });

  it('refuses a name that exists, and a name given twice in one request', async () => {
    const { controller, owners } = rigs.make();
    await controller.createTopics([topic('dup', 1)], false);
    const id = controller.catalog.get('dup')!.topicId;
    owners.clear();
    const [again] = await controller.createTopics([topic('dup', 5)], false);
    expect(again.errorCode).to.equal(ErrorCode.TOPIC_ALREADY_EXISTS);
    expect(again.errorMessage).to.contain('dup');
    expect(controller.catalog.get('dup')!.topicId).to.equal(id);
    expect(controller.catalog.get('dup')!.partitions).to.have.length(1);
    expect(owners.calls).to.deep.equal([]);

    const twice = await controller.createTopics([topic('twice', 1), topic('twice', 2)], false);
    expect(twice[1].errorCode).to.equal(ErrorCode.INVALID_REQUEST);
    expect(controller.catalog.get('twice')?.partitions.length ?? 1).to.equal(1);
  });

  it('refuses illegal names with INVALID_TOPIC_EXCEPTION; 249 legal characters are fine', async () => {
    const { controller } = rigs.make();
    const bad = ['', '.', '..', 'has space', 'slash/name', 'colon:name', 'ümlaut', 'star*', 'a'.repeat(250)];
    const res = await controller.createTopics(bad.map((n) => topic(n, 1)), false);
    expect(res.map((r) => r.errorCode)).to.deep.equal(bad.map(() => ErrorCode.INVALID_TOPIC_EXCEPTION));
    expect(res.every((r) => typeof r.errorMessage === 'string' && r.errorMessage.length > 0)).to.equal(true);
    expect(controller.catalog.size).to.equal(0);
    const ok = await controller.createTopics([topic('a'.repeat(249), 1), topic('Dots.And_Under-Score9', 1)], false);
    expect(ok.map((r) => r.errorCode)).to.deep.equal([0, 0]);
  });

  it("refuses a name that collides with an existing one once '.' and '_' are equated", async () => {
    const { controller } = rigs.make();
    await controller.createTopics([topic('metrics.cpu', 1)], false);
    const [r] = await controller.createTopics([topic('metrics_cpu', 1)], false);
    expect(r.errorCode).to.equal(ErrorCode.INVALID_TOPIC_EXCEPTION);
    expect(r.errorMessage).to.contain('metrics.cpu');
    // within one request too: the first wins, the second collides with it
    const both = await controller.createTopics([topic('x_y', 1), topic('x.y', 1)], false);
    expect(both.map((b) => b.errorCode)).to.deep.equal([0, ErrorCode.INVALID_TOPIC_EXCEPTION]);
    expect(controller.catalog.has('x.y')).to.equal(false);
  });

  it('refuses a replication factor above 1 (one broker) or below 1, and bad partition counts', async () => {
    const { controller } = rigs.make();
    const res = await controller.createTopics([
      topic('rf3', 1, { replicationFactor: 3 }), topic('rf0', 1, { replicationFactor: 0 }),
      topic('p0', 0), topic('pneg', -5), topic('ok', 1, { replicationFactor: 1 }),
    ], false);
    expect(res.map((r) => [r.name, r.errorCode])).to.deep.equal([
      ['rf3', ErrorCode.INVALID_REPLICATION_FACTOR], ['rf0', ErrorCode.INVALID_REPLICATION_FACTOR],
      ['p0', ErrorCode.INVALID_PARTITIONS], ['pneg', ErrorCode.INVALID_PARTITIONS], ['ok', 0],
    ]);
    expect(res[0].errorMessage).to.contain('3');
    expect([...controller.catalog.topics()].map((t) => t.name)).to.deep.equal(['ok']);
  });

  it('takes manual assignments on this broker and refuses inconsistent ones', async () => {
    const { controller, config, owners } = rigs.make();
    const me = config.nodeId;
    const res = await controller.createTopics([
      topic('manual', -1, { assignments: [{ partitionIndex: 1, brokerIds: [me] }, { partitionIndex: 0, brokerIds: [me] }] }),
      topic('both', 2, { assignments: [{ partitionIndex: 0, brokerIds: [me] }] }),
      topic('gap', -1, { assignments: [{ partitionIndex: 0, brokerIds: [me] }, { partitionIndex: 2, brokerIds: [me] }] }),
      topic('stranger', -1, { assignments: [{ partitionIndex: 0, brokerIds: [me + 1] }] }),
      topic('uneven', -1, { assignments: [{ partitionIndex: 0, brokerIds: [me] }, { partitionIndex: 1, brokerIds: [] }] }),
      topic('tworeplicas', -1, { assignments: [{ partitionIndex: 0, brokerIds: [me, me] }] }),
    ], false);
    expect(res.map((r) => [r.name, r.errorCode])).to.deep.equal([
      ['manual', 0], ['both', ErrorCode.INVALID_REQUEST], ['gap', ErrorCode.INVALID_REPLICA_ASSIGNMENT],
      ['stranger', ErrorCode.INVALID_REPLICA_ASSIGNMENT], ['uneven', ErrorCode.INVALID_REPLICA_ASSIGNMENT],
      ['tworeplicas', ErrorCode.INVALID_REPLICATION_FACTOR],
    ]);
    expect(res[0]).to.deep.include({ numPartitions: 2, replicationFactor: 1 });
    expect(owners.told('assign').map(([, t, p]) => `${t}-${p}`)).to.deep.equal(['manual-0', 'manual-1']);
  });

  it('refuses unknown configs, bad values and null values with INVALID_CONFIG', async () => {
    const { controller, owners } = rigs.make();
    const res = await controller.createTopics([
      topic('unknown', 1, { configs: [{ name: 'no.such.config', value: '1' }] }),
      topic('badvalue', 1, { configs: [{ name: 'retention.ms', value: 'soon' }] }),
      topic('badenum', 1, { configs: [{ name: 'cleanup.policy', value: 'shred' }] }),
      topic('nullvalue', 1, { configs: [{ name: 'retention.ms', value: null }] }),
      topic('toosmall', 1, { configs: [{ name: 'segment.bytes', value: '1' }] }),
      topic('fine', 1, { configs: [{ name: 'cleanup.policy', value: 'compact,delete' }, { name: 'segment.bytes', value: '1048576' }] }),
    ], false);
    expect(res.map((r) => r.errorCode)).to.deep.equal([
      ErrorCode.INVALID_CONFIG, ErrorCode.INVALID_CONFIG, ErrorCode.INVALID_CONFIG, ErrorCode.INVALID_CONFIG, ErrorCode.INVALID_CONFIG, 0,
    ]);
    expect(res[0].errorMessage).to.contain('no.such.config');
    expect([...controller.catalog.topics()].map((t) => t.name)).to.deep.equal(['fine']);
    expect(controller.catalog.get('fine')!.configs).to.deep.equal({ 'cleanup.policy': 'compact,delete', 'segment.bytes': '1048576' });
    expect(owners.told('assign')).to.have.length(1);
  });

  it('spreads new partitions over log dirs, fewest partitions first', async () => {
    const { controller, owners, dirs } = rigs.make({}, 2);
    await controller.createTopics([topic('spread', 4)], false);
    const byDir = new Map<string, number>();
    for (const p of controller.catalog.get('spread')!.partitions) byDir.set(p.logDir, (byDir.get(p.logDir) ?? 0) + 1);
    expect(byDir).to.deep.equal(new Map([[dirs[0], 2], [dirs[1], 2]]));
    await controller.createTopics([topic('one', 1)], false);
    const dirsOfSpecs = owners.calls.flatMap((c) => (c.op === 'assign' ? c.specs.map((s) => path.dirname(s.dir)) : []));
    expect(dirsOfSpecs.filter((d) => d === dirs[0]).length).to.equal(3);
    expect(dirsOfSpecs.filter((d) => d === dirs[1]).length).to.equal(2);
    // the catalog lives in the first log dir
    expect(fs.existsSync(path.join(dirs[0], CATALOG_FILE))).to.equal(true);
    expect(fs.existsSync(path.join(dirs[1], CATALOG_FILE))).to.equal(false);
  });
});
