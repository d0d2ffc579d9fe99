// KIP-848 consumer group persistence: Kafka's record formats (types 3–8), replay of the
// change records and of snapshots, and the shard extension (heartbeat → write → answer).
import { expect } from 'chai';
import { ConsumerGroup, decodeConsumerGroupRecord, type GroupRecord } from '../../../../src/actors/group-coordinator/consumer-group';
import { ConsumerGroupExtension, type HostedGroup } from '../../../../src/actors/group-coordinator/consumer/extension';
import {
  currentAssignmentRecord, groupEpochRecord, memberMetadataRecord, partitionMetadataRecord, targetAssignmentEpochRecord,
  targetAssignmentMemberRecord,
} from '../../../../src/actors/group-coordinator/consumer/records';
import { newMember } from '../../../../src/actors/group-coordinator/consumer/member';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { Client, FakeClock, FakeTopics, beat, rig, settle } from './consumer-group-rig.test';

const hex = (b: Buffer | null): string => (b === null ? 'null' : b.toString('hex'));

describe('actors/group-coordinator: consumer group records and replay', () => {
  it("writes Kafka's key and value layouts", () => {
    // ConsumerGroupMetadataKey: int16 3, then groupId as int16-length string
    const g = groupEpochRecord('ab', 7);
    expect(hex(g.key)).to.equal('0003' + '0002' + '6162');
    // value: int16 version 0, int32 epoch, no tagged fields
    expect(hex(g.value)).to.equal('0000' + '00000007' + '00');
    const tid = Buffer.alloc(16, 1).toString('base64url');
    const m = {
      ...newMember('m'), instanceId: 'i', clientId: 'c', clientHost: 'h', subscribedTopicNames: ['t'], rebalanceTimeoutMs: 5,
      memberEpoch: 3, previousMemberEpoch: 2, state: 1, assigned: new Map([[tid, [0, 2]]]), pendingRevocation: new Map([[tid, [1]]]),
    };
    const md = memberMetadataRecord('ab', m);
    expect(hex(md.key)).to.equal('0005' + '0002' + '6162' + '0001' + '6d');
    // instanceId 'i' (compact: len+1), rackId null (0), clientId, clientHost, [t], regex null,
    // rebalance timeout 5, assignor null, no tags
    expect(hex(md.value)).to.equal('0000' + '0269' + '00' + '0263' + '0268' + '02' + '0274' + '00' + '00000005' + '00' + '00');
    const cur = currentAssignmentRecord('ab', m);
    expect(cur.key.readInt16BE(0)).to.equal(8);
    expect(hex(cur.value)).to.equal('0000' + '00000003' + '00000002' + '01'
      + '02' + '01'.repeat(16) + '03' + '00000000' + '00000002' + '00' // assigned: [{id, [0, 2]}], struct tags
      + '02' + '01'.repeat(16) + '02' + '00000001' + '00' // pending revocation: [{id, [1]}]
      + '00'); // no tagged fields
    for (const rec of [g, md, cur, partitionMetadataRecord('ab', [{ topicId: tid, topicName: 't', numPartitions: 3 }]),
      targetAssignmentEpochRecord('ab', 4), targetAssignmentMemberRecord('ab', 'm', new Map([[tid, [5]]]))]) {
      const back = decodeConsumerGroupRecord(rec)!;
      expect(back.groupId).to.equal('ab');
    }
    expect(decodeConsumerGroupRecord(cur)).to.deep.include({ type: 8, memberId: 'm' });
    expect((decodeConsumerGroupRecord(cur)!.value as any).pendingRevocation).to.deep.equal(new Map([[tid, [1]]]));
    // offsets (key 1) and classic groups (key 2) are not consumer group records
    expect(decodeConsumerGroupRecord({ key: Buffer.from('00020001' + '61', 'hex'), value: null })).to.equal(null);
  });

  it('replaying the change records rebuilds the same group, and so does a snapshot', () => {
    const r = rig();
    r.topics.set('x', 5);
    r.topics.set('y', 2);
    const log: GroupRecord[] = [];
    const a = new Client(r, ['x', 'y'], { instanceId: 'static-a', rackId: 'r1' });
    const b = new Client(r, ['x']);
    const c = new Client(r, ['y'], { serverAssignor: 'uniform' });
    a.join();
    b.join();
    settle([a, b]);
    c.join();
    a.beat(); // mid-reconciliation: a revoking
    beat(r, b.memberId, -1, null);
    log.push(...r.group.takeRecords());
    const want = r.group.consumerGroupDescribe();
    for (const records of [log, r.group.records()]) {
      const g = ConsumerGroup.replay({ groupId: 'g', topics: r.topics, clock: r.clock }, records)!;
      expect(g).to.not.equal(null);
      expect(g.consumerGroupDescribe()).to.deep.equal(want);
      expect(g.members().map((m) => [m.memberId, m.memberEpoch, m.previousMemberEpoch, m.state, [...m.pendingRevocation]]))
        .to.deep.equal(r.group.members().map((m) => [m.memberId, m.memberEpoch, m.previousMemberEpoch, m.state, [...m.pendingRevocation]]));
      g.close();
    }
    // the replayed group carries on: a finishes revoking, c gets its partitions
    const g = ConsumerGroup.replay({ groupId: 'g', topics: r.topics, clock: r.clock }, log)!;
    const next = g.heartbeat({ groupId: 'g', memberId: a.memberId, memberEpoch: a.epoch, instanceId: 'static-a', topicPartitions: [] });
    expect(next.errorCode).to.equal(0);
    expect(g.heartbeat({ groupId: 'g', memberId: c.memberId, memberEpoch: c.epoch, topicPartitions: [] }).errorCode).to.equal(0);
    g.close();
  });

  it('replay restarts session timers; tombstones delete the group; other groups are skipped', () => {
    const r = rig({ sessionTimeoutMs: 10000 });
    r.topics.set('t', 1);
    new Client(r, ['t']).join();
    const log = r.group.takeRecords();
    const clock = new FakeClock();
    let changed = 0;
    const g = ConsumerGroup.replay({ groupId: 'g', topics: r.topics, clock, config: { sessionTimeoutMs: 10000 }, onTimerChange: () => changed++ }, log)!;
    expect(g.size).to.equal(1);
    clock.advance(10001);
    expect(g.size).to.equal(0);
    expect(changed).to.equal(1);
    expect(ConsumerGroup.replay({ groupId: 'other', topics: r.topics, clock }, log)).to.equal(null);
    const gone = ConsumerGroup.replay({ groupId: 'g', topics: r.topics, clock }, [...log, ...r.group.deletionRecords()]);
    expect(gone).to.equal(null);
  });
});

describe('actors/group-coordinator: consumer group shard extension', () => {
  function host() {
    const clock = new FakeClock();
    const written: GroupRecord[][] = [];
    let fail = 0;
    const h = {
      clock,
      groups: new Map<string, HostedGroup>(),
      write: async (records: GroupRecord[]) => { written.push(records); return fail; },
      failWith(code: number) { fail = code; },
    };
    const topics = new FakeTopics();
    topics.set('t', 2);
    const ext = new ConsumerGroupExtension(h, { topics, config: { sessionTimeoutMs: 10000 } });
    return { h, ext, written, topics, clock };
  }
  const joinReq = (groupId: string) => ({
    groupId, memberId: '', memberEpoch: 0, instanceId: null, rackId: null, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['t'],
    subscribedTopicRegex: null, serverAssignor: null, topicPartitions: [],
  });

  it('creates the group on a join, writes its records before answering, describes it', async () => {
    const { h, ext, written } = host();
    const resp = await ext.handle(68, 0, joinReq('g1'), { clientId: 'cli', clientHost: '/10.0.0.1' });
    expect(resp.errorCode).to.equal(0);
    expect(resp.assignment.topicPartitions[0].partitions).to.deep.equal([0, 1]);
    expect(h.groups.get('g1')).to.be.instanceOf(ConsumerGroup);
    expect(written).to.have.length(1);
    expect(written[0].map((rec) => rec.key.readInt16BE(0))).to.deep.equal([5, 4, 3, 7, 6, 8]);
    const d = await ext.handle(69, 0, { groupIds: ['g1', 'nope'], includeAuthorizedOperations: false }, { clientId: '', clientHost: '' });
    expect(d.groups[0]).to.include({ groupId: 'g1', groupState: 'Stable', errorCode: 0 });
    expect(d.groups[0].members[0]).to.include({ clientId: 'cli', clientHost: '/10.0.0.1' });
    expect(d.groups[1]).to.include({ groupId: 'nope', errorCode: ErrorCode.GROUP_ID_NOT_FOUND, groupState: 'Dead' });
  });

  it('refuses heartbeats for unknown groups and for groups of another type; a failed write fails the heartbeat', async () => {
    const { h, ext } = host();
    const hb = await ext.handle(68, 0, { ...joinReq('g2'), memberId: 'm', memberEpoch: 3 }, { clientId: '', clientHost: '' });
    expect(hb.errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(h.groups.size).to.equal(0);
    const classic: HostedGroup = { groupId: 'c', type: 'classic', isEmpty: () => false, deletionRecords: () => [], markDead: () => {} };
    h.groups.set('c', classic);
    expect((await ext.handle(68, 0, joinReq('c'), { clientId: '', clientHost: '' })).errorCode).to.equal(ErrorCode.GROUP_ID_NOT_FOUND);
    const bad = await ext.handle(68, 0, { ...joinReq('g3'), rebalanceTimeoutMs: -1 }, { clientId: '', clientHost: '' });
    expect(bad.errorCode).to.equal(ErrorCode.INVALID_REQUEST);
    expect(h.groups.has('g3')).to.equal(false);
    h.failWith(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect((await ext.handle(68, 0, joinReq('g4'), { clientId: '', clientHost: '' })).errorCode).to.equal(ErrorCode.NOT_COORDINATOR);
  });

  it('an empty classic group gives way to a consumer group', async () => {
    const { h, ext, written } = host();
    let dead = false;
    const tomb = { key: Buffer.from('0002000163', 'hex'), value: null };
    h.groups.set('c', { groupId: 'c', type: 'classic', isEmpty: () => true, deletionRecords: () => [tomb], markDead: () => { dead = true; } });
    expect((await ext.handle(68, 0, joinReq('c'), { clientId: '', clientHost: '' })).errorCode).to.equal(0);
    expect(dead).to.equal(true);
    expect(h.groups.get('c')).to.be.instanceOf(ConsumerGroup);
    expect(written[0][0]).to.equal(tomb);
  });

  it('replays records routed by key version, then writes what timers change', async () => {
    const a = host();
    await a.ext.handle(68, 0, joinReq('g'), { clientId: '', clientHost: '' });
    const b = host();
    for (const rec of a.written.flat()) b.ext.replay(rec.key.readInt16BE(0), rec.key, rec.value);
    b.ext.afterReplay();
    const g = b.ext.group('g')!;
    expect(g.size).to.equal(1);
    expect(g.consumerGroupDescribe()).to.deep.equal((a.h.groups.get('g') as unknown as ConsumerGroup).consumerGroupDescribe());
    b.clock.advance(10001);
    expect(g.size).to.equal(0);
    expect(b.written).to.have.length(1);
    expect(b.written[0].map((rec) => rec.key.readInt16BE(0))).to.deep.equal([8, 7, 5, 4, 3]);
    a.ext.close();
    b.ext.close();
  });
});
