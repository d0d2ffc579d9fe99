import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { offsetRecord } from '../../../../src/actors/group-coordinator/records';
import { ApiKey, call, heartbeat, join, makeRig, restart, stableGroup, sync, type Rig } from './rig';

async function commitAs(rig: Rig, memberId: string, generation: number, groupId = 'g', parts: [string, number, number][] = [['t', 0, 10], ['t', 1, 20]]): Promise<void> {
  const r = await call(rig.shard, ApiKey.OffsetCommit, 9, {
    groupId, generationIdOrMemberEpoch: generation, memberId, groupInstanceId: null,
    topics: [...new Set(parts.map((p) => p[0]))].map((name) => ({
      name, partitions: parts.filter((p) => p[0] === name).map(([, p, o]) => ({ partitionIndex: p, committedOffset: o, committedLeaderEpoch: 1, committedMetadata: `m${o}` })),
    })),
  });
  for (const t of r.topics) for (const p of t.partitions) expect(p.errorCode).to.equal(0);
}

/** The snapshot without wall-clock noise, for comparing two shards. */
const view = (rig: Rig) => JSON.stringify(rig.shard.snapshot().sort((a, b) => a.groupId.localeCompare(b.groupId)));

describe('group coordinator: replay after restart', () => {
  it('a fresh shard replaying the log has the same groups, members, assignments and offsets', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig);
    await commitAs(rig, leader, generation);
    await commitAs(rig, follower, generation, 'g', [['t', 1, 25], ['u', 0, 3]]); // overwrites t/1
    await call(rig.shard, ApiKey.OffsetCommit, 2, { groupId: 'simple', generationIdOrMemberEpoch: -1, memberId: '', retentionTimeMs: 99999,
      topics: [{ name: 'x', partitions: [{ partitionIndex: 0, committedOffset: 5, committedMetadata: null }] }] });
    const before = view(rig);
    const describeBefore = await call(rig.shard, ApiKey.DescribeGroups, 5, { groups: ['g', 'simple'], includeAuthorizedOperations: false });

    const next = restart(rig);
    expect(view(next)).to.equal(before);
    const describeAfter = await call(next.shard, ApiKey.DescribeGroups, 5, { groups: ['g', 'simple'], includeAuthorizedOperations: false });
    expect(describeAfter).to.deep.equal(describeBefore);
    expect(describeAfter.groups[0].groupState).to.equal('Stable');
    const f = await call(next.shard, ApiKey.OffsetFetch, 7, { groupId: 'g', topics: null, requireStable: false });
    expect(f.topics.map((t: any) => [t.name, t.partitions.map((p: any) => [p.partitionIndex, p.committedOffset, p.committedLeaderEpoch, p.metadata])])).to.deep.equal([
      ['t', [[0, 10, 1, 'm10'], [1, 25, 1, 'm25']]], ['u', [[0, 3, 1, 'm3']]],
    ]);
    // Members carry on with their ids and generation: heartbeats, syncs and commits work.
    expect((await heartbeat(next.shard, follower, generation)).errorCode).to.equal(0);
    expect((await sync(next.shard, follower, generation).settled()).assignment.toString()).to.equal('A-follower');
    await commitAs(next, leader, generation, 'g', [['t', 0, 11]]);
    next.shard.close();
  });

  it('after a restart, members that do not come back time out and the group rebalances', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig);
    const next = restart(rig);
    await next.clock.advance(5000);
    expect((await heartbeat(next.shard, leader, generation)).errorCode).to.equal(0);
    await next.clock.advance(5000); // the follower's session (10 s from the load) ends
    expect((await heartbeat(next.shard, leader, generation)).errorCode).to.equal(ErrorCode.REBALANCE_IN_PROGRESS);
    expect((await heartbeat(next.shard, follower, generation)).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    const r = await join(next.shard, { memberId: leader }).settled();
    expect(r.generationId).to.equal(generation + 1);
    next.shard.close();
  });

  it('deleted groups, deleted and expired offsets stay gone', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10, offsetsRetentionMs: 60000, offsetsRetentionCheckIntervalMs: 10000 });
    for (const g of ['a', 'b', 'c']) {
      await call(rig.shard, ApiKey.OffsetCommit, 8, { groupId: g, generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1 }, { partitionIndex: 1, committedOffset: 2 }] }] });
    }
    expect((await call(rig.shard, ApiKey.DeleteGroups, 2, { groupsNames: ['a'] })).results[0].errorCode).to.equal(0);
    expect((await call(rig.shard, ApiKey.OffsetDelete, 0, { groupId: 'b', topics: [{ name: 't', partitions: [{ partitionIndex: 1 }] }] })).errorCode).to.equal(0);
    await rig.clock.advance(30000);
    await call(rig.shard, ApiKey.OffsetCommit, 8, { groupId: 'c', generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 't', partitions: [{ partitionIndex: 1, committedOffset: 3 }] }] });
    await rig.clock.advance(30000); // b/t/0 and c/t/0 expire (b goes with them); c/t/1 was recommitted
    const before = view(rig);
    expect(rig.shard.snapshot().map((s) => [s.groupId, s.offsets.map((o) => `${o.topic}/${o.partition}`)])).to.deep.equal([['c', ['t/1']]]);
    const next = restart(rig);
    expect(view(next)).to.equal(before);
    next.shard.close();
  });

  it('replays a log written by Kafka: v0 keys, older values, groups before and after their offsets', async () => {
    const rig = makeRig();
    const { groupRecord, offsetTombstone, groupTombstone } = await import('../../../../src/actors/group-coordinator/records');
    const key0 = Buffer.from(offsetRecord('k', 't', 0, { offset: 1, leaderEpoch: -1, metadata: '', commitTimestamp: 1, expireTimestamp: -1 }).key);
    key0.writeInt16BE(0, 0);
    rig.shard.replay([
      { key: key0, value: offsetRecord('k', 't', 0, { offset: 5, leaderEpoch: 2, metadata: 'old', commitTimestamp: 1, expireTimestamp: -1 }).value },
      groupRecord('k', { protocolType: 'consumer', generation: 3, protocol: null, leader: null, currentStateTimestamp: 50, members: [] }),
      offsetRecord('k', 't', 1, { offset: 6, leaderEpoch: -1, metadata: '', commitTimestamp: 2, expireTimestamp: -1 }),
      offsetTombstone('k', 't', 1),
      groupRecord('gone', { protocolType: 'consumer', generation: 1, protocol: null, leader: null, currentStateTimestamp: 50, members: [] }),
      groupTombstone('gone'),
      { key: Buffer.from('0003', 'hex'), value: Buffer.from('00') }, // a KIP-848 record nobody handles: skipped
      { key: Buffer.from('00', 'hex'), value: null }, // garbage: skipped
    ]);
    expect(rig.shard.listGroups([], [])).to.deep.equal([{ groupId: 'k', protocolType: 'consumer', groupState: 'Empty', groupType: 'classic' }]);
    const snap = rig.shard.snapshot('k')[0];
    expect(snap.generationId).to.equal(3);
    expect(snap.offsets).to.deep.equal([{ topic: 't', partition: 0, offset: 5, leaderEpoch: 2, metadata: 'old', commitTimestamp: 1 }]);
    rig.shard.close();
  });
});
