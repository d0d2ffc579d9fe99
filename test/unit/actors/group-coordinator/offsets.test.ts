import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { decodeKey, decodeOffsetValue } from '../../../../src/actors/group-coordinator/records';
import { ApiKey, call, join, joinWithId, makeRig, Pending, stableGroup, sync, type Rig } from './rig';

function commitBody(over: any = {}, parts: [string, number, number, string?][] = [['t', 0, 42, 'meta']]): any {
  const topics = new Map<string, any[]>();
  for (const [t, p, o, m] of parts) {
    if (!topics.has(t)) topics.set(t, []);
    topics.get(t)!.push({ partitionIndex: p, committedOffset: o, committedLeaderEpoch: 3, commitTimestamp: -1, committedMetadata: m ?? null });
  }
  return {
    groupId: 'g', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
    topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    ...over,
  };
}

const commit = (rig: Rig, over: any = {}, parts?: [string, number, number, string?][], version = 9) =>
  call(rig.shard, ApiKey.OffsetCommit, version, commitBody(over, parts));
const errors = (r: any) => r.topics.flatMap((t: any) => t.partitions.map((p: any) => p.errorCode));

async function fetch8(rig: Rig, groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null): Promise<any> {
  const r = await call(rig.shard, ApiKey.OffsetFetch, 8, { groups: [{ groupId, topics }], requireStable: true });
  return r.groups[0];
}

describe('group coordinator: OffsetCommit / OffsetFetch', () => {
  it('a standalone consumer (generation -1, no member) commits to a group with no members', async () => {
    const rig = makeRig();
    const r = await commit(rig, {}, [['t', 0, 42, 'meta'], ['t', 1, 7], ['u', 0, 1]]);
    expect(errors(r)).to.deep.equal([0, 0, 0]);
    const g = await fetch8(rig, 'g', [{ name: 't', partitionIndexes: [0, 1, 2] }]);
    expect(g.errorCode).to.equal(0);
    expect(g.topics[0].partitions).to.deep.equal([
      { partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: 3, metadata: 'meta', errorCode: 0 },
      { partitionIndex: 1, committedOffset: 7, committedLeaderEpoch: 3, metadata: '', errorCode: 0 },
      { partitionIndex: 2, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 },
    ]);
    // The group exists, with no protocol type, in Empty.
    expect(rig.shard.listGroups([], [])).to.deep.equal([{ groupId: 'g', protocolType: '', groupState: 'Empty', groupType: 'classic' }]);
    // The records are Kafka's: OffsetCommitKey v1, OffsetCommitValue v3.
    expect(decodeKey(rig.log.records[0].key)).to.deep.equal({ kind: 'offset', version: 1, group: 'g', topic: 't', partition: 0 });
    expect(rig.log.records[0].value!.readInt16BE(0)).to.equal(3);
    expect(decodeOffsetValue(rig.log.records[0].value!)).to.deep.equal({ offset: 42, leaderEpoch: 3, metadata: 'meta', commitTimestamp: rig.clock.now(), expireTimestamp: -1 });
    rig.shard.close();
  });

  it('OffsetFetch: every version shape, all partitions when topics is null, unknown groups', async () => {
    const rig = makeRig();
    await commit(rig, {}, [['t', 0, 42, 'meta'], ['u', 3, 9]]);
    const v1 = await call(rig.shard, ApiKey.OffsetFetch, 1, { groupId: 'g', topics: [{ name: 't', partitionIndexes: [0] }] });
    expect(v1.topics[0].partitions[0]).to.include({ partitionIndex: 0, committedOffset: 42, metadata: 'meta', errorCode: 0 });
    const v7 = await call(rig.shard, ApiKey.OffsetFetch, 7, { groupId: 'g', topics: null, requireStable: true });
    expect(v7.errorCode).to.equal(0);
    expect(v7.topics.map((t: any) => [t.name, t.partitions.map((p: any) => [p.partitionIndex, p.committedOffset, p.committedLeaderEpoch])])).to.deep.equal([
      ['t', [[0, 42, 3]]], ['u', [[3, 9, 3]]],
    ]);
    const v8 = await call(rig.shard, ApiKey.OffsetFetch, 8, {
      groups: [{ groupId: 'g', topics: [{ name: 'u', partitionIndexes: [3] }] }, { groupId: 'unknown', topics: null }, { groupId: 'unknown', topics: [{ name: 't', partitionIndexes: [0] }] }],
      requireStable: false,
    });
    expect(v8.groups.map((g: any) => g.groupId)).to.deep.equal(['g', 'unknown', 'unknown']);
    expect(v8.groups[0].topics[0].partitions[0].committedOffset).to.equal(9);
    expect(v8.groups[1].topics).to.deep.equal([]);
    expect(v8.groups[2].topics[0].partitions[0].committedOffset).to.equal(-1);
    rig.shard.close();
  });

  it('a commit is answered only after its records are appended; fetch sees it only then', async () => {
    const rig = makeRig();
    rig.log.hold();
    const p = new Pending(commit(rig));
    await p.parked();
    expect((await fetch8(rig, 'g', [{ name: 't', partitionIndexes: [0] }])).topics[0].partitions[0].committedOffset).to.equal(-1);
    rig.log.release();
    expect(errors(await p.settled())).to.deep.equal([0]);
    expect((await fetch8(rig, 'g', [{ name: 't', partitionIndexes: [0] }])).topics[0].partitions[0].committedOffset).to.equal(42);
    rig.shard.close();
  });

  it('a failed append fails the commit with the coordinator error Kafka uses, and stores nothing', async () => {
    const rig = makeRig();
    rig.log.fail = Object.assign(new Error('moved'), { kafkaError: ErrorCode.NOT_LEADER_OR_FOLLOWER });
    expect(errors(await commit(rig))).to.deep.equal([ErrorCode.NOT_COORDINATOR]);
    rig.log.fail = Object.assign(new Error('big'), { kafkaError: ErrorCode.RECORD_LIST_TOO_LARGE });
    expect(errors(await commit(rig))).to.deep.equal([ErrorCode.INVALID_COMMIT_OFFSET_SIZE]);
    rig.log.fail = null;
    expect((await fetch8(rig, 'g', null)).topics).to.deep.equal([]);
    rig.shard.close();
  });

  it('metadata longer than offset.metadata.max.bytes: OFFSET_METADATA_TOO_LARGE for that partition only', async () => {
    const rig = makeRig({ offsetMetadataMaxBytes: 10 });
    const r = await commit(rig, {}, [['t', 0, 1, 'x'.repeat(11)], ['t', 1, 2, 'x'.repeat(10)]]);
    expect(errors(r)).to.deep.equal([ErrorCode.OFFSET_METADATA_TOO_LARGE, 0]);
    const g = await fetch8(rig, 'g', [{ name: 't', partitionIndexes: [0, 1] }]);
    expect(g.topics[0].partitions.map((p: any) => p.committedOffset)).to.deep.equal([-1, 2]);
    rig.shard.close();
  });

  it('members commit with their generation; stale generations, strangers and mid-rebalance commits are refused', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig);
    expect(errors(await commit(rig, { generationIdOrMemberEpoch: generation, memberId: follower }))).to.deep.equal([0]);
    expect(errors(await commit(rig, { generationIdOrMemberEpoch: generation - 1, memberId: follower }))).to.deep.equal([ErrorCode.ILLEGAL_GENERATION]);
    expect(errors(await commit(rig, { generationIdOrMemberEpoch: generation, memberId: 'stranger' }))).to.deep.equal([ErrorCode.UNKNOWN_MEMBER_ID]);
    expect(errors(await commit(rig, {}))).to.deep.equal([ErrorCode.UNKNOWN_MEMBER_ID]); // generation -1 on a group with members
    expect(errors(await commit(rig, { groupId: 'no-such', generationIdOrMemberEpoch: 3, memberId: 'm' }))).to.deep.equal([ErrorCode.ILLEGAL_GENERATION]);
    // Rebalance: the leader rejoins; after the join phase the group is CompletingRebalance.
    const l = join(rig.shard, { memberId: leader });
    const f = join(rig.shard, { memberId: follower });
    const rl = await l.settled();
    await f.settled();
    expect(errors(await commit(rig, { generationIdOrMemberEpoch: rl.generationId, memberId: follower }))).to.deep.equal([ErrorCode.REBALANCE_IN_PROGRESS]);
    // v1 carries a generation too; v0 has none (and is refused while the group has members).
    expect(errors(await commit(rig, { generationIdOrMemberEpoch: generation, memberId: follower }, undefined, 1))).to.deep.equal([ErrorCode.ILLEGAL_GENERATION]);
    expect(errors(await commit(rig, {}, undefined, 0))).to.deep.equal([ErrorCode.UNKNOWN_MEMBER_ID]);
    rig.shard.close();
  });

  it('retentionTimeMs (v2-4) writes an expire timestamp (OffsetCommitValue v1); v1 may set the commit timestamp', async () => {
    const rig = makeRig();
    await commit(rig, { retentionTimeMs: 60000 }, [['t', 0, 5]], 2);
    const v = decodeOffsetValue(rig.log.records[0].value!);
    expect(rig.log.records[0].value!.readInt16BE(0)).to.equal(1);
    expect(v.expireTimestamp).to.equal(rig.clock.now() + 60000);
    const body = commitBody({ groupId: 'v1' }, [['t', 0, 6]]);
    body.topics[0].partitions[0].commitTimestamp = 12345;
    await call(rig.shard, ApiKey.OffsetCommit, 1, body);
    expect(decodeOffsetValue(rig.log.records[1].value!).commitTimestamp).to.equal(12345);
    rig.shard.close();
  });
});

describe('group coordinator: OffsetDelete', () => {
  it('deletes offsets of topics the group does not subscribe to; GROUP_SUBSCRIBED_TO_TOPIC otherwise', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { follower, generation } = await stableGroup(rig); // subscribed to 't'
    await commit(rig, { generationIdOrMemberEpoch: generation, memberId: follower }, [['t', 0, 1], ['old', 0, 2], ['old', 1, 3]]);
    const n = rig.log.records.length;
    const r = await call(rig.shard, ApiKey.OffsetDelete, 0, {
      groupId: 'g', topics: [{ name: 't', partitions: [{ partitionIndex: 0 }] }, { name: 'old', partitions: [{ partitionIndex: 0 }, { partitionIndex: 9 }] }],
    });
    expect(r.errorCode).to.equal(0);
    expect(r.topics.map((t: any) => t.partitions.map((p: any) => p.errorCode))).to.deep.equal([[ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC], [0, 0]]);
    expect(rig.log.records.slice(n).map((x) => [decodeKey(x.key), x.value])).to.deep.equal([
      [{ kind: 'offset', version: 1, group: 'g', topic: 'old', partition: 0 }, null],
    ]);
    const g = await fetch8(rig, 'g', null);
    expect(g.topics.map((t: any) => [t.name, t.partitions.map((p: any) => p.partitionIndex)])).to.deep.equal([['t', [0]], ['old', [1]]]);
    rig.shard.close();
  });

  it('GROUP_ID_NOT_FOUND for an unknown group; NON_EMPTY_GROUP for a non-consumer group with members', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    expect((await call(rig.shard, ApiKey.OffsetDelete, 0, { groupId: 'nope', topics: [] })).errorCode).to.equal(ErrorCode.GROUP_ID_NOT_FOUND);
    const c = join(rig.shard, { groupId: 'connect', protocolType: 'connect' }, 3);
    await rig.clock.advance(10);
    const r = await c.settled();
    expect(r.errorCode).to.equal(0);
    const d = await call(rig.shard, ApiKey.OffsetDelete, 0, { groupId: 'connect', topics: [{ name: 't', partitions: [{ partitionIndex: 0 }] }] });
    expect(d.errorCode).to.equal(ErrorCode.NON_EMPTY_GROUP);
    rig.shard.close();
  });
});

describe('group coordinator: offset retention', () => {
  it('offsets of a standalone group expire offsets.retention after their commit, with tombstones; then the group goes', async () => {
    const rig = makeRig({ offsetsRetentionMs: 100000, offsetsRetentionCheckIntervalMs: 10000 });
    await commit(rig, {}, [['t', 0, 1]]);
    await rig.clock.advance(50000);
    await commit(rig, {}, [['t', 1, 2]]);
    const n = rig.log.records.length;
    await rig.clock.advance(50000); // t/0 is 100 s old at the check at 100 s
    expect(rig.log.records.slice(n).map((x) => [decodeKey(x.key), x.value])).to.deep.equal([
      [{ kind: 'offset', version: 1, group: 'g', topic: 't', partition: 0 }, null],
    ]);
    expect((await fetch8(rig, 'g', null)).topics[0].partitions.map((p: any) => p.partitionIndex)).to.deep.equal([1]);
    await rig.clock.advance(50000);
    const tail = rig.log.records.slice(n + 1).map((x) => [decodeKey(x.key), x.value]);
    expect(tail).to.deep.equal([
      [{ kind: 'offset', version: 1, group: 'g', topic: 't', partition: 1 }, null],
      [{ kind: 'group', version: 2, group: 'g' }, null],
    ]);
    expect(rig.shard.listGroups([], [])).to.deep.equal([]);
    rig.shard.close();
  });

  it('a consumer group\'s offsets expire only once it has been Empty for the retention period', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10, offsetsRetentionMs: 100000, offsetsRetentionCheckIntervalMs: 10000 });
    const { leader, follower, generation } = await stableGroup(rig);
    await commit(rig, { generationIdOrMemberEpoch: generation, memberId: leader }, [['t', 0, 1], ['gone', 0, 1]]);
    for (let i = 0; i < 24; i++) { // 120 s of heartbeats: offsets of subscribed 't' stay; 'gone' is not subscribed
      await rig.clock.advance(5000);
      await call(rig.shard, ApiKey.Heartbeat, 4, { groupId: 'g', generationId: generation, memberId: leader, groupInstanceId: null });
      await call(rig.shard, ApiKey.Heartbeat, 4, { groupId: 'g', generationId: generation, memberId: follower, groupInstanceId: null });
    }
    expect((await fetch8(rig, 'g', null)).topics.map((t: any) => t.name)).to.deep.equal(['t']);
    await call(rig.shard, ApiKey.LeaveGroup, 5, { groupId: 'g', members: [{ memberId: leader, groupInstanceId: null }, { memberId: follower, groupInstanceId: null }] });
    await rig.clock.advance(90000);
    expect((await fetch8(rig, 'g', null)).topics.map((t: any) => t.name)).to.deep.equal(['t']);
    await rig.clock.advance(20000);
    expect((await fetch8(rig, 'g', null)).topics).to.deep.equal([]);
    expect(rig.shard.groups.has('g')).to.equal(false);
    rig.shard.close();
  });

  it('an explicit expire timestamp wins over the retention period', async () => {
    const rig = makeRig({ offsetsRetentionMs: 10_000_000, offsetsRetentionCheckIntervalMs: 1000 });
    await commit(rig, { retentionTimeMs: 5000 }, [['t', 0, 5]], 4);
    await rig.clock.advance(4000);
    expect((await fetch8(rig, 'g', null)).topics).to.have.length(1);
    await rig.clock.advance(1000);
    expect((await fetch8(rig, 'g', null)).topics).to.deep.equal([]);
    rig.shard.close();
  });

  it('an empty group without offsets is deleted at the next check', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10, offsetsRetentionCheckIntervalMs: 1000 });
    const a = join(rig.shard, { groupId: 'h' }, 3);
    await rig.clock.advance(10);
    const r = await a.settled();
    await sync(rig.shard, r.memberId, 1, { [r.memberId]: 'x' }, 'h').settled();
    await call(rig.shard, ApiKey.LeaveGroup, 0, { groupId: 'h', memberId: r.memberId });
    expect(rig.shard.groups.get('h')?.stateName()).to.equal('Empty');
    await rig.clock.advance(1000);
    expect(rig.shard.groups.has('h')).to.equal(false);
    const last = rig.log.records[rig.log.records.length - 1];
    expect([decodeKey(last.key), last.value]).to.deep.equal([{ kind: 'group', version: 2, group: 'h' }, null]);
    rig.shard.close();
  });
});

void joinWithId;
