import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { decodeGroupValue, decodeKey } from '../../../../src/actors/group-coordinator/records';
import { ApiKey, call, heartbeat, join, joinWithId, makeRig, sync, stableGroup, type Rig } from './rig';

const state = (rig: Rig, g = 'g') => rig.shard.listGroups([], []).find((x) => x.groupId === g)?.groupState;

/** Two static members (v5+ joins need no MEMBER_ID_REQUIRED round), synced and Stable. */
async function staticGroup(rig: Rig, protocols?: { name: string; metadata: Buffer }[]): Promise<{ leader: string; follower: string; leaderInstance: string; followerInstance: string }> {
  const a = join(rig.shard, { instanceId: 'ia', protocols }, 9, 'ca');
  const b = join(rig.shard, { instanceId: 'ib', protocols }, 9, 'cb');
  await rig.clock.advance(2 * rig.config.initialRebalanceDelayMs);
  const ra = await a.settled();
  const rb = await b.settled();
  expect(ra.errorCode).to.equal(0);
  expect(ra.memberId).to.match(/^ia-/); // static member ids start with the instance id
  const leader = ra.leader;
  const follower = leader === ra.memberId ? rb.memberId : ra.memberId;
  const fs = sync(rig.shard, follower, 1);
  await sync(rig.shard, leader, 1, { [leader]: 'L', [follower]: 'F' }).settled();
  await fs.settled();
  return { leader, follower, leaderInstance: leader === ra.memberId ? 'ia' : 'ib', followerInstance: leader === ra.memberId ? 'ib' : 'ia' };
}

describe('group coordinator: Heartbeat', () => {
  it('NONE when stable; ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID and REBALANCE_IN_PROGRESS otherwise', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig);
    expect((await heartbeat(rig.shard, follower, generation)).errorCode).to.equal(0);
    expect((await heartbeat(rig.shard, follower, generation + 1)).errorCode).to.equal(ErrorCode.ILLEGAL_GENERATION);
    expect((await heartbeat(rig.shard, 'stranger', generation)).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await heartbeat(rig.shard, follower, generation, 'other-group')).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    const l = join(rig.shard, { memberId: leader });
    await l.parked();
    expect((await heartbeat(rig.shard, follower, generation)).errorCode).to.equal(ErrorCode.REBALANCE_IN_PROGRESS);
    rig.shard.close();
  });
});

describe('group coordinator: sessions and rebalance timeouts', () => {
  it('a member whose session expires is removed; the rest rebalance into a new generation', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig); // sessions of 10 s
    for (let i = 0; i < 4; i++) {
      await rig.clock.advance(3000);
      if (state(rig) === 'Stable') expect((await heartbeat(rig.shard, leader, generation)).errorCode).to.equal(0);
    }
    expect(state(rig)).to.equal('PreparingRebalance');
    expect((await heartbeat(rig.shard, leader, generation)).errorCode).to.equal(ErrorCode.REBALANCE_IN_PROGRESS);
    expect((await heartbeat(rig.shard, follower, generation)).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    const r = await join(rig.shard, { memberId: leader }).settled(); // every remaining member rejoined
    expect(r.generationId).to.equal(generation + 1);
    expect(r.members.map((m: any) => m.memberId)).to.deep.equal([leader]);
    rig.shard.close();
  });

  it('members that do not rejoin within the rebalance timeout are dropped', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig); // rebalance timeout 30 s
    const l = join(rig.shard, { memberId: leader });
    for (let t = 0; t < 27000; t += 3000) {
      await rig.clock.advance(3000);
      expect((await heartbeat(rig.shard, follower, generation)).errorCode).to.equal(ErrorCode.REBALANCE_IN_PROGRESS);
    }
    await l.parked();
    await rig.clock.advance(3000);
    const r = await l.settled();
    expect(r.generationId).to.equal(generation + 1);
    expect(r.members.map((m: any) => m.memberId)).to.deep.equal([leader]);
    expect((await heartbeat(rig.shard, follower, generation)).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    rig.shard.close();
  });

  it('a member that never sends SyncGroup is removed after the rebalance timeout', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, { sessionTimeoutMs: 60000 }, 9, 'a');
    const b = await joinWithId(rig.shard, { sessionTimeoutMs: 60000 }, 9, 'b');
    await rig.clock.advance(20);
    const leader = (await a.pending.settled()).leader;
    await b.pending.settled();
    const follower = leader === a.memberId ? b.memberId : a.memberId;
    await sync(rig.shard, leader, 1, { [leader]: 'x', [follower]: 'y' }).settled();
    await rig.clock.advance(30000);
    expect(state(rig)).to.equal('PreparingRebalance');
    expect((await heartbeat(rig.shard, follower, 1)).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    rig.shard.close();
  });

  it('a pending member (MEMBER_ID_REQUIRED) that never rejoins stops blocking the rebalance after its session', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig);
    const pending = await join(rig.shard, { sessionTimeoutMs: 8000 }, 9, 'late').settled();
    expect(pending.errorCode).to.equal(ErrorCode.MEMBER_ID_REQUIRED);
    expect(state(rig)).to.equal('Stable');
    const l = join(rig.shard, { memberId: leader });
    const f = join(rig.shard, { memberId: follower });
    await l.parked(); // every member rejoined, but the pending one may still come
    await rig.clock.advance(7999);
    await f.parked();
    await rig.clock.advance(1);
    expect((await l.settled()).generationId).to.equal(generation + 1);
    expect((await f.settled()).generationId).to.equal(generation + 1);
    rig.shard.close();
  });
});

describe('group coordinator: static membership', () => {
  it('a restarted static follower gets a new member id and its old assignment, without a rebalance', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { follower, followerInstance } = await staticGroup(rig);
    const records = rig.log.records.length;
    const r = await join(rig.shard, { instanceId: followerInstance }, 9, 'cb').settled();
    expect(r.errorCode).to.equal(0);
    expect(r.memberId).to.not.equal(follower);
    expect(r.generationId).to.equal(1);
    expect(r.skipAssignment).to.equal(false);
    expect(state(rig)).to.equal('Stable');
    // The replacement was persisted before the answer.
    expect(rig.log.records.length).to.equal(records + 1);
    expect(decodeGroupValue(rig.log.records[records].value!).members.map((m) => m.memberId)).to.include(r.memberId);
    const s = await sync(rig.shard, r.memberId, 1, {}, 'g', 5, followerInstance).settled();
    expect(s.assignment.toString()).to.equal('F');
    // The old incarnation is fenced.
    expect((await heartbeat(rig.shard, follower, 1, 'g', followerInstance)).errorCode).to.equal(ErrorCode.FENCED_INSTANCE_ID);
    expect((await join(rig.shard, { memberId: follower, instanceId: followerInstance }).settled()).errorCode).to.equal(ErrorCode.FENCED_INSTANCE_ID);
    expect((await sync(rig.shard, follower, 1, {}, 'g', 5, followerInstance).settled()).errorCode).to.equal(ErrorCode.FENCED_INSTANCE_ID);
    rig.shard.close();
  });

  it('a restarted static leader: v9 gets the members and skipAssignment, older versions the old leader id', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, leaderInstance, followerInstance } = await staticGroup(rig);
    const r = await join(rig.shard, { instanceId: leaderInstance }, 9, 'ca').settled();
    expect(r.errorCode).to.equal(0);
    expect(r.skipAssignment).to.equal(true);
    expect(r.leader).to.equal(r.memberId);
    expect(r.members.map((m: any) => m.groupInstanceId).sort()).to.deep.equal([leaderInstance, followerInstance].sort());
    expect(state(rig)).to.equal('Stable');

    const r8 = await join(rig.shard, { instanceId: leaderInstance }, 8, 'ca').settled();
    expect(r8.errorCode).to.equal(0);
    expect(r8.skipAssignment).to.equal(false); // not in v8
    expect(r8.leader).to.equal(r.memberId); // the id the leader had before this rejoin
    expect(r8.members).to.deep.equal([]);
    expect((await sync(rig.shard, r8.memberId, 1, {}, 'g', 5, leaderInstance).settled()).assignment.toString()).to.equal('L');
    void leader;
    rig.shard.close();
  });

  it('a restarted static member that changes the group\'s protocol causes a rebalance', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const md = Buffer.from([0, 0, 0, 0, 0, 0, 255, 255, 255, 255]);
    const { followerInstance } = await staticGroup(rig, [{ name: 'range', metadata: md }, { name: 'roundrobin', metadata: md }]);
    const r = join(rig.shard, { instanceId: followerInstance, protocols: [{ name: 'roundrobin', metadata: md }] }, 9, 'cb');
    await r.parked();
    expect(state(rig)).to.equal('PreparingRebalance');
    // The static leader neither rejoins nor heartbeats: its session (10 s) ends, and the
    // rebalance completes with the rejoined member as leader.
    await rig.clock.advance(9999);
    await r.parked();
    await rig.clock.advance(1);
    const settled = await r.settled();
    expect(settled.generationId).to.equal(2);
    expect(settled.protocolName).to.equal('roundrobin');
    expect(settled.leader).to.equal(settled.memberId);
    expect(settled.members.map((m: any) => m.groupInstanceId)).to.deep.equal([followerInstance]);
    rig.shard.close();
  });

  it('a restarted static member with protocols the group cannot use is refused', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { followerInstance } = await staticGroup(rig);
    const r = await join(rig.shard, { instanceId: followerInstance, protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] }, 9, 'cb').settled();
    expect(r.errorCode).to.equal(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect(state(rig)).to.equal('Stable');
    rig.shard.close();
  });

  it('a failed persist of a static replacement reverts it', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { follower, followerInstance } = await staticGroup(rig);
    rig.log.fail = Object.assign(new Error('too large'), { kafkaError: ErrorCode.MESSAGE_TOO_LARGE });
    const r = await join(rig.shard, { instanceId: followerInstance }, 9, 'cb').settled();
    expect(r.errorCode).to.equal(ErrorCode.UNKNOWN_SERVER_ERROR);
    rig.log.fail = null;
    expect((await heartbeat(rig.shard, follower, 1, 'g', followerInstance)).errorCode).to.equal(0);
    rig.shard.close();
  });
});

describe('group coordinator: LeaveGroup', () => {
  it('v3+ removes several members in one request, with a result per member', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    const b = await joinWithId(rig.shard, {}, 9, 'b');
    const c = join(rig.shard, { instanceId: 'static-c' }, 9, 'c');
    await rig.clock.advance(20);
    for (const p of [a.pending, b.pending, c]) expect((await p.settled()).errorCode).to.equal(0);
    const r = await call(rig.shard, ApiKey.LeaveGroup, 5, {
      groupId: 'g',
      members: [
        { memberId: b.memberId, groupInstanceId: null, reason: 'bye' },
        { memberId: '', groupInstanceId: 'static-c', reason: null }, // by instance id only
        { memberId: 'ghost', groupInstanceId: null, reason: null },
      ],
    });
    expect(r.errorCode).to.equal(0);
    expect(r.members.map((m: any) => m.errorCode)).to.deep.equal([0, 0, ErrorCode.UNKNOWN_MEMBER_ID]);
    expect(state(rig)).to.equal('PreparingRebalance');
    const ra = await join(rig.shard, { memberId: a.memberId }).settled();
    expect(ra.generationId).to.equal(2);
    expect(ra.members.map((m: any) => m.memberId)).to.deep.equal([a.memberId]);
    rig.shard.close();
  });

  it('v0-2 carry one member and put its error at the top; the last leave empties the group', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower } = await stableGroup(rig);
    expect((await call(rig.shard, ApiKey.LeaveGroup, 1, { groupId: 'g', memberId: 'ghost' })).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await call(rig.shard, ApiKey.LeaveGroup, 2, { groupId: 'g', memberId: follower })).errorCode).to.equal(0);
    expect((await call(rig.shard, ApiKey.LeaveGroup, 0, { groupId: 'g', memberId: leader })).errorCode).to.equal(0);
    expect(state(rig)).to.equal('Empty');
    await rig.clock.advance(0);
    const last = rig.log.records[rig.log.records.length - 1];
    expect(decodeKey(last.key).kind).to.equal('group');
    const v = decodeGroupValue(last.value!);
    expect(v.members).to.deep.equal([]);
    expect(v.generation).to.equal(2);
    expect(v.protocolType).to.equal('consumer');
    const unknown = await call(rig.shard, ApiKey.LeaveGroup, 4, { groupId: 'nope', members: [{ memberId: 'm', groupInstanceId: null }] });
    expect(unknown.errorCode).to.equal(0);
    expect(unknown.members).to.deep.equal([{ memberId: 'm', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID }]);
    expect((await call(rig.shard, ApiKey.LeaveGroup, 2, { groupId: 'nope', memberId: 'm' })).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    rig.shard.close();
  });
});
