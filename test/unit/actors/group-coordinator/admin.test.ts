import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { decodeKey } from '../../../../src/actors/group-coordinator/records';
import { ApiKey, call, expectSamsaError, join, joinWithId, makeRig, Pending, stableGroup, subscription } from './rig';

describe('group coordinator: DescribeGroups', () => {
  it('a Stable group shows the protocol, and each member\'s metadata and assignment', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower } = await stableGroup(rig);
    const r = await call(rig.shard, ApiKey.DescribeGroups, 5, { groups: ['g', 'missing'], includeAuthorizedOperations: true });
    const g = r.groups[0];
    expect(g).to.deep.include({ errorCode: 0, groupId: 'g', groupState: 'Stable', protocolType: 'consumer', protocolData: 'range', authorizedOperations: 328 });
    const byId = new Map(g.members.map((m: any) => [m.memberId, m]));
    expect([...byId.keys()].sort()).to.deep.equal([leader, follower].sort());
    const lm: any = byId.get(leader);
    expect(lm.clientId).to.match(/^c[12]$/);
    expect(lm.clientHost).to.equal('/127.0.0.1');
    expect(lm.memberMetadata).to.deep.equal(subscription(['t']));
    expect(lm.memberAssignment.toString()).to.equal('A-leader');
    expect(r.groups[1]).to.deep.include({ errorCode: 0, groupId: 'missing', groupState: 'Dead', protocolType: '', protocolData: '', members: [] });
    rig.shard.close();
  });

  it('outside Stable members are listed without metadata; authorized operations only when asked (v3+)', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    const r = await call(rig.shard, ApiKey.DescribeGroups, 4, { groups: ['g'], includeAuthorizedOperations: false });
    expect(r.groups[0]).to.deep.include({ groupState: 'PreparingRebalance', protocolData: '', authorizedOperations: -2147483648 });
    expect(r.groups[0].members[0].memberMetadata.length).to.equal(0);
    const v0 = await call(rig.shard, ApiKey.DescribeGroups, 0, { groups: ['g'] });
    expect(v0.groups[0].members[0].memberId).to.equal(a.memberId);
    rig.shard.close();
  });
});

describe('group coordinator: ListGroups', () => {
  it('lists this shard\'s groups with state and type; filters are case-insensitive', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    await stableGroup(rig, 'stable');
    await joinWithId(rig.shard, { groupId: 'joining' }, 9, 'x');
    await call(rig.shard, ApiKey.OffsetCommit, 8, { groupId: 'offsets-only', generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1 }] }] });
    const all = await call(rig.shard, ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: [] });
    expect(all.errorCode).to.equal(0);
    expect(all.groups.map((g: any) => [g.groupId, g.protocolType, g.groupState, g.groupType]).sort()).to.deep.equal([
      ['joining', 'consumer', 'PreparingRebalance', 'classic'],
      ['offsets-only', '', 'Empty', 'classic'],
      ['stable', 'consumer', 'Stable', 'classic'],
    ]);
    const stableOrEmpty = await call(rig.shard, ApiKey.ListGroups, 4, { statesFilter: ['stable', 'EMPTY'] });
    expect(stableOrEmpty.groups.map((g: any) => g.groupId).sort()).to.deep.equal(['offsets-only', 'stable']);
    expect(rig.shard.listGroups([], ['Consumer'])).to.deep.equal([]);
    expect(rig.shard.listGroups([], ['CLASSIC'])).to.have.length(3);
    const v0 = await call(rig.shard, ApiKey.ListGroups, 0, {});
    expect(v0.groups).to.have.length(3);
    rig.shard.close();
  });
});

describe('group coordinator: DeleteGroups', () => {
  it('deletes empty groups with their offsets (tombstones); refuses groups with members and unknown ones', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    await stableGroup(rig, 'busy');
    for (const groupId of ['idle', '']) {
      await call(rig.shard, ApiKey.OffsetCommit, 8, { groupId, generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1 }, { partitionIndex: 1, committedOffset: 2 }] }] });
    }
    const n = rig.log.records.length;
    const r = await call(rig.shard, ApiKey.DeleteGroups, 2, { groupsNames: ['idle', 'busy', 'never', ''] });
    expect(r.results).to.deep.equal([
      { groupId: 'idle', errorCode: 0 },
      { groupId: 'busy', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'never', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
      { groupId: '', errorCode: 0 }, // the empty group id is a valid group for offsets
    ]);
    const written = rig.log.records.slice(n).map((x) => [decodeKey(x.key), x.value]);
    expect(written).to.deep.equal([
      [{ kind: 'offset', version: 1, group: 'idle', topic: 't', partition: 0 }, null],
      [{ kind: 'offset', version: 1, group: 'idle', topic: 't', partition: 1 }, null],
      [{ kind: 'group', version: 2, group: 'idle' }, null],
      [{ kind: 'offset', version: 1, group: '', topic: 't', partition: 0 }, null],
      [{ kind: 'offset', version: 1, group: '', topic: 't', partition: 1 }, null],
      [{ kind: 'group', version: 2, group: '' }, null],
    ]);
    const f = await call(rig.shard, ApiKey.OffsetFetch, 8, { groups: [{ groupId: 'idle', topics: null }] });
    expect(f.groups[0].topics).to.deep.equal([]);
    expect(rig.shard.listGroups([], []).map((g) => g.groupId)).to.deep.equal(['busy']);
    rig.shard.close();
  });
});

describe('group coordinator: close', () => {
  it('answers parked joins and unacknowledged commits with COORDINATOR_NOT_AVAILABLE, later requests with NOT_COORDINATOR', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    rig.log.hold();
    const c = new Pending(call(rig.shard, ApiKey.OffsetCommit, 8, { groupId: 'x', generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1 }] }] }));
    await c.parked();
    await a.pending.parked();
    rig.shard.close();
    expect((await a.pending.settled()).errorCode).to.equal(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect((await c.settled()).topics[0].partitions[0].errorCode).to.equal(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(rig.clock.pending).to.equal(0); // no timers left behind
    expect((await join(rig.shard, {}).settled()).errorCode).to.equal(ErrorCode.NOT_COORDINATOR);
    rig.log.release();
  });

  it('refuses API keys that are not group APIs', async () => {
    const rig = makeRig();
    let err: unknown;
    try { await rig.shard.handle(ApiKey.Produce, 9, {}, { clientId: 'c', clientHost: 'h' }); } catch (e) { err = e; }
    expectSamsaError(err);
    rig.shard.close();
  });
});
