// Controller: persistence and reload, adopting partition dirs, delete, createPartitions,
// alterTopicConfigs, and one-at-a-time operation.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG_FILE } from '../../../../src/actors/controller/controller';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { deferred } from '../helpers';
import { Rigs, topic } from './setup';

describe('actors/controller: catalog persistence', () => {
  const rigs = new Rigs();
  afterEach(() => rigs.cleanup());

  it('persists every change and reloads the same catalog after a restart', async () => {
    const rig = rigs.make();
    await rig.controller.createTopics([topic('a', 2, { configs: [{ name: 'retention.ms', value: '1000' }] }), topic('b', 1)], false);
    await rig.controller.createPartitions([{ name: 'b', count: 3, assignments: null }], false);
    expect(rig.changes.map((c) => c.version)).to.deep.equal([1, 2]);
    const file = JSON.parse(fs.readFileSync(path.join(rig.dirs[0], CATALOG_FILE), 'utf8'));
    expect(file.version).to.equal(2);

    const again = rig.reopen();
    expect(again.catalog.version).to.equal(2);
    expect(again.catalog.snapshot().topics).to.deep.equal(rig.controller.catalog.snapshot().topics);
    const specs = [...again.allSpecs().values()].flat().sort((x, y) => x.topic.localeCompare(y.topic) || x.partition - y.partition);
    expect(specs.map((s) => `${s.topic}-${s.partition}`)).to.deep.equal(['a-0', 'a-1', 'b-0', 'b-1', 'b-2']);
    expect(specs[0].logConfig.retentionMs).to.equal(1000);
    expect(specs[2].logConfig.retentionMs).to.equal(rig.config.logRetentionMs);
    for (const [owner, list] of again.allSpecs()) for (const s of list) expect(again.placement.ownerOf(s.topic, s.partition)).to.equal(owner);
  });

  it('load() tells no owner anything', () => {
    const rig = rigs.make();
    fs.mkdirSync(path.join(rig.dirs[0], 'quiet-0'));
    const again = rigs.over(rig.dirs);
    expect(again.owners.calls).to.deep.equal([]);
    expect(again.controller.catalog.has('quiet')).to.equal(true);
  });

  it('adopts partition directories that no catalog mentions, across log dirs', () => {
    const rig = rigs.make({}, 2);
    const [d0, d1] = rig.dirs;
    for (const d of ['orphan-0', 'orphan-2', 'my-topic-0']) fs.mkdirSync(path.join(d0, d));
    fs.mkdirSync(path.join(d1, 'orphan-1'));
    fs.mkdirSync(path.join(d0, 'not_a_partition'));
    fs.writeFileSync(path.join(d0, 'loose-7'), 'a file, not a directory');
    const rig2 = rigs.over(rig.dirs);
    const cat = rig2.controller.catalog;
    expect([...cat.topics()].map((t) => t.name).sort()).to.deep.equal(['my-topic', 'orphan']);
    expect(cat.get('orphan')!.partitions).to.deep.equal([{ partition: 0, logDir: d0 }, { partition: 1, logDir: d1 }, { partition: 2, logDir: d0 }]);
    expect(cat.get('orphan')!.topicId).to.match(/^[A-Za-z0-9_-]{22}$/);
    // adoption is persisted: a third start finds the same ids without adopting again
    expect(fs.existsSync(path.join(d0, CATALOG_FILE))).to.equal(true);
    const third = rig2.reopen();
    expect(third.catalog.get('orphan')!.topicId).to.equal(cat.get('orphan')!.topicId);
  });

  it('adds partition directories missing from an existing catalog entry', async () => {
    const rig = rigs.make();
    await rig.controller.createTopics([topic('grown', 1)], false);
    const id = rig.controller.catalog.get('grown')!.topicId;
    fs.mkdirSync(path.join(rig.dirs[0], 'grown-1'));
    const again = rig.reopen();
    expect(again.catalog.get('grown')!.topicId).to.equal(id);
    expect(again.catalog.get('grown')!.partitions.map((p) => p.partition)).to.deep.equal([0, 1]);
  });
});

describe('actors/controller: deleteTopics', () => {
  const rigs = new Rigs();
  afterEach(() => rigs.cleanup());

  it('deletes by name and by id, telling each owner to delete exactly its partitions', async () => {
    const { controller, owners } = rigs.make();
    await controller.createTopics([topic('byname', 4), topic('byid', 2), topic('keep', 1)], false);
    const id = controller.catalog.get('byid')!.topicId;
    owners.clear();
    const res = await controller.deleteTopics([{ name: 'byname' }, { topicId: id }]);
    expect(res).to.deep.equal([
      { name: 'byname', topicId: res[0].topicId, errorCode: 0, errorMessage: null },
      { name: 'byid', topicId: id, errorCode: 0, errorMessage: null },
    ]);
    const expected = [...Array.from({ length: 2 }, (_, p) => [controller.placement.ownerOf('byid', p), 'byid', p]),
      ...Array.from({ length: 4 }, (_, p) => [controller.placement.ownerOf('byname', p), 'byname', p])];
    expect(owners.told('unassign')).to.deep.equal(expected);
    for (const c of owners.calls) if (c.op === 'unassign') for (const p of c.parts) expect(p.deleteFiles).to.equal(true);
    expect([...controller.catalog.topics()].map((t) => t.name)).to.deep.equal(['keep']);
    expect(controller.catalog.getById(id)).to.equal(undefined);
  });

  it('answers unknown names and ids with their own errors and deletes the rest', async () => {
    const rig = rigs.make();
    await rig.controller.createTopics([topic('real', 1)], false);
    const res = await rig.controller.deleteTopics([{ name: 'ghost' }, { topicId: 'AAAAAAAAAAAAAAAAAAAAAB' }, { name: 'real' }]);
    expect(res.map((r) => r.errorCode)).to.deep.equal([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.UNKNOWN_TOPIC_ID, 0]);
    expect(rig.reopen().catalog.size).to.equal(0);
  });

  it('refuses with TOPIC_DELETION_DISABLED when delete.topic.enable=false', async () => {
    const { controller, owners } = rigs.make({ 'delete.topic.enable': 'false' });
    await controller.createTopics([topic('stays', 1)], false);
    owners.clear();
    const [r] = await controller.deleteTopics([{ name: 'stays' }]);
    expect(r.errorCode).to.equal(ErrorCode.TOPIC_DELETION_DISABLED);
    expect(controller.catalog.has('stays')).to.equal(true);
    expect(owners.calls).to.deep.equal([]);
  });

  it('a deleted name can be created again with a new id', async () => {
    const { controller } = rigs.make();
    await controller.createTopics([topic('again', 1)], false);
    const first = controller.catalog.get('again')!.topicId;
    await controller.deleteTopics([{ name: 'again' }]);
    const [r] = await controller.createTopics([topic('again', 2)], false);
    expect(r.errorCode).to.equal(0);
    expect(r.topicId).to.not.equal(first);
  });
});

describe('actors/controller: createPartitions', () => {
  const rigs = new Rigs();
  afterEach(() => rigs.cleanup());

  it('grows a topic and tells owners about the new partitions only', async () => {
    const rig = rigs.make();
    await rig.controller.createTopics([topic('grow', 2)], false);
    rig.owners.clear();
    const res = await rig.controller.createPartitions([{ name: 'grow', count: 5, assignments: null }], false);
    expect(res).to.deep.equal([{ name: 'grow', errorCode: 0, errorMessage: null }]);
    expect(rig.owners.told('assign')).to.deep.equal([2, 3, 4].map((p) => [rig.controller.placement.ownerOf('grow', p), 'grow', p]));
    expect(rig.controller.catalog.get('grow')!.partitions.map((p) => p.partition)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(rig.reopen().catalog.get('grow')!.partitions).to.have.length(5);
  });

  it('refuses to shrink, to keep the same count, unknown topics and wrong assignments', async () => {
    const { controller, owners, config } = rigs.make();
    await controller.createTopics([topic('fixed', 3)], false);
    owners.clear();
    const res = await controller.createPartitions([
      { name: 'fixed', count: 2, assignments: null },
      { name: 'fixed', count: 3, assignments: null },
      { name: 'nope', count: 4, assignments: null },
      { name: 'fixed', count: 5, assignments: [{ brokerIds: [config.nodeId] }] },
      { name: 'fixed', count: 4, assignments: [{ brokerIds: [config.nodeId + 1] }] },
    ], false);
    expect(res.map((r) => r.errorCode)).to.deep.equal([
      ErrorCode.INVALID_PARTITIONS, ErrorCode.INVALID_PARTITIONS, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      ErrorCode.INVALID_REPLICA_ASSIGNMENT, ErrorCode.INVALID_REPLICA_ASSIGNMENT,
    ]);
    expect(res[0].errorMessage).to.contain('3');
    expect(controller.catalog.get('fixed')!.partitions).to.have.length(3);
    expect(owners.calls).to.deep.equal([]);
  });

  it('takes a matching manual assignment; validateOnly changes nothing', async () => {
    const { controller, owners, config, changes } = rigs.make();
    await controller.createTopics([topic('m', 1)], false);
    owners.clear();
    const dry = await controller.createPartitions([{ name: 'm', count: 4, assignments: null }], true);
    expect(dry[0].errorCode).to.equal(0);
    expect(controller.catalog.get('m')!.partitions).to.have.length(1);
    expect(owners.calls).to.deep.equal([]);
    expect(changes).to.have.length(1);
    const [r] = await controller.createPartitions([{ name: 'm', count: 3, assignments: [{ brokerIds: [config.nodeId] }, { brokerIds: [config.nodeId] }] }], false);
    expect(r.errorCode).to.equal(0);
    expect(owners.told('assign').map(([, , p]) => p)).to.deep.equal([1, 2]);
  });
});

describe('actors/controller: alterTopicConfigs', () => {
  const rigs = new Rigs();
  afterEach(() => rigs.cleanup());

  async function withTopic(configs: Record<string, string>) {
    const rig = rigs.make();
    await rig.controller.createTopics([topic('cfg', 2, { configs: Object.entries(configs).map(([name, value]) => ({ name, value })) })], false);
    rig.owners.clear();
    rig.changes.length = 0;
    return rig;
  }

  it('replace drops every override not given, and owners reconfigure every partition', async () => {
    const rig = await withTopic({ 'retention.ms': '1000', 'segment.bytes': '1048576' });
    const r = await rig.controller.alterTopicConfigs('cfg', [{ name: 'retention.ms', value: '2000', op: 'set' }], 'replace', false);
    expect(r).to.deep.equal({ errorCode: 0, errorMessage: null });
    expect(rig.controller.catalog.get('cfg')!.configs).to.deep.equal({ 'retention.ms': '2000' });
    expect(rig.owners.told('reconfigure')).to.deep.equal([0, 1].map((p) => [rig.controller.placement.ownerOf('cfg', p), 'cfg', p]));
    for (const c of rig.owners.calls) {
      if (c.op !== 'reconfigure') throw new Error('only reconfigure expected');
      for (const s of c.specs) expect([s.logConfig.retentionMs, s.logConfig.segmentBytes]).to.deep.equal([2000, rig.config.logSegmentBytes]);
    }
    expect(rig.reopen().catalog.get('cfg')!.configs).to.deep.equal({ 'retention.ms': '2000' });
  });

  it('incremental set and delete keep the other overrides', async () => {
    const rig = await withTopic({ 'retention.ms': '1000', 'segment.bytes': '1048576' });
    await rig.controller.alterTopicConfigs('cfg', [{ name: 'retention.ms', value: '5000', op: 'set' }, { name: 'max.message.bytes', value: '2048', op: 'set' }], 'incremental', false);
    expect(rig.controller.catalog.get('cfg')!.configs).to.deep.equal({ 'retention.ms': '5000', 'segment.bytes': '1048576', 'max.message.bytes': '2048' });
    await rig.controller.alterTopicConfigs('cfg', [{ name: 'segment.bytes', value: null, op: 'delete' }], 'incremental', false);
    expect(rig.controller.catalog.get('cfg')!.configs).to.deep.equal({ 'retention.ms': '5000', 'max.message.bytes': '2048' });
    const last = rig.owners.calls[rig.owners.calls.length - 1];
    expect(last.op === 'reconfigure' && last.specs[0].logConfig.segmentBytes).to.equal(rig.config.logSegmentBytes);
  });

  it('incremental append and subtract edit list values without duplicates', async () => {
    const rig = await withTopic({ 'cleanup.policy': 'delete' });
    const cfg = () => rig.controller.catalog.get('cfg')!.configs['cleanup.policy'];
    await rig.controller.alterTopicConfigs('cfg', [{ name: 'cleanup.policy', value: 'compact', op: 'append' }], 'incremental', false);
    expect(cfg()).to.equal('delete,compact');
    await rig.controller.alterTopicConfigs('cfg', [{ name: 'cleanup.policy', value: 'compact,delete', op: 'append' }], 'incremental', false);
    expect(cfg()).to.equal('delete,compact');
    await rig.controller.alterTopicConfigs('cfg', [{ name: 'cleanup.policy', value: 'delete', op: 'subtract' }], 'incremental', false);
    expect(cfg()).to.equal('compact');
  });

  it('append to an unset list starts from its default; append to a non-list key is refused', async () => {
    const rig = await withTopic({});
    await rig.controller.alterTopicConfigs('cfg', [{ name: 'cleanup.policy', value: 'compact', op: 'append' }], 'incremental', false);
    expect(rig.controller.catalog.get('cfg')!.configs['cleanup.policy']).to.equal('delete,compact');
    const res = await rig.controller.alterTopicConfigs('cfg', [{ name: 'retention.ms', value: '5', op: 'append' }], 'incremental', false);
    expect(res.errorCode).to.equal(ErrorCode.INVALID_REQUEST);
  });

  it('a bad value, an unknown key or a null set changes nothing; validateOnly changes nothing', async () => {
    const rig = await withTopic({ 'retention.ms': '1000' });
    const tries = [
      [{ name: 'retention.ms', value: '2000', op: 'set' }, { name: 'segment.bytes', value: 'big', op: 'set' }],
      [{ name: 'no.such.key', value: '1', op: 'set' }],
      [{ name: 'retention.ms', value: null, op: 'set' }],
    ] as const;
    for (const t of tries) {
      const r = await rig.controller.alterTopicConfigs('cfg', t.map((x) => ({ ...x })), 'incremental', false);
      expect(r.errorCode).to.equal(ErrorCode.INVALID_CONFIG);
      expect(r.errorMessage).to.be.a('string');
    }
    const dry = await rig.controller.alterTopicConfigs('cfg', [{ name: 'retention.ms', value: '9', op: 'set' }], 'replace', true);
    expect(dry.errorCode).to.equal(0);
    expect(rig.controller.catalog.get('cfg')!.configs).to.deep.equal({ 'retention.ms': '1000' });
    expect(rig.owners.calls).to.deep.equal([]);
    expect(rig.changes).to.deep.equal([]);
  });

  it('an unknown topic is UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const { controller } = rigs.make();
    const r = await controller.alterTopicConfigs('ghost', [{ name: 'retention.ms', value: '1', op: 'set' }], 'incremental', false);
    expect(r.errorCode).to.equal(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });
});

describe('actors/controller: one operation at a time', () => {
  const rigs = new Rigs();
  afterEach(() => rigs.cleanup());

  it('two creates of the same name started together: exactly one succeeds', async () => {
    const { controller, owners } = rigs.make();
    const [a, b] = await Promise.all([controller.createTopics([topic('race', 2)], false), controller.createTopics([topic('race', 3)], false)]);
    const codes = [a[0].errorCode, b[0].errorCode].sort((x, y) => x - y);
    expect(codes).to.deep.equal([0, ErrorCode.TOPIC_ALREADY_EXISTS]);
    const winner = a[0].errorCode === 0 ? a[0] : b[0];
    expect(controller.catalog.get('race')!.topicId).to.equal(winner.topicId);
    expect(owners.told('assign')).to.have.length(winner.numPartitions);
  });

  it('the second operation waits while the first is still telling owners', async () => {
    const { controller, owners } = rigs.make();
    const gate = deferred();
    owners.gate = gate.promise;
    const events: string[] = [];
    const first = controller.createTopics([topic('slow', 1)], false).then((r) => { events.push('create done'); return r; });
    const second = controller.createTopics([topic('slow', 1)], false).then((r) => { events.push('second create done'); return r; });
    const del = controller.deleteTopics([{ name: 'slow' }]).then((r) => { events.push('delete done'); return r; });
    await new Promise((r) => setImmediate(r));
    expect(owners.calls.map((c) => c.op)).to.deep.equal(['assign']); // the others have not started
    expect(events).to.deep.equal([]);
    owners.gate = null;
    gate.resolve();
    const [c1, c2, d] = await Promise.all([first, second, del]);
    expect(events).to.deep.equal(['create done', 'second create done', 'delete done']);
    expect(c1[0].errorCode).to.equal(0);
    expect(c2[0].errorCode).to.equal(ErrorCode.TOPIC_ALREADY_EXISTS);
    expect(d[0].errorCode).to.equal(0);
    expect(owners.calls.map((c) => c.op)).to.deep.equal(['assign', 'unassign']);
    expect(controller.catalog.has('slow')).to.equal(false);
  });

  it('an owner failure rejects that operation only; the next one runs', async () => {
    const { controller, owners } = rigs.make();
    owners.fail = new Error('owner gone');
    let err: unknown;
    try { await controller.createTopics([topic('unlucky', 1)], false); } catch (e) { err = e; }
    expect((err as Error)?.message).to.equal('owner gone');
    owners.fail = null;
    const [r] = await controller.createTopics([topic('lucky', 1)], false);
    expect(r.errorCode).to.equal(0);
  });
});
