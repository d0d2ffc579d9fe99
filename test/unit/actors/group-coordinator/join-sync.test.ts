import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { decodeGroupValue, decodeKey } from '../../../../src/actors/group-coordinator/records';
import { ApiKey, call, join, joinWithId, makeRig, subscription, sync, stableGroup } from './rig';

const state = (rig: ReturnType<typeof makeRig>, g = 'g') => rig.shard.listGroups([], []).find((x) => x.groupId === g)?.groupState;

describe('group coordinator: JoinGroup', () => {
  it('v4+: a join without member id gets MEMBER_ID_REQUIRED and an id derived from the client id', async () => {
    const rig = makeRig();
    const r = await join(rig.shard, {}, 4, 'my-client').settled();
    expect(r.errorCode).to.equal(ErrorCode.MEMBER_ID_REQUIRED);
    expect(r.memberId).to.match(/^my-client-[0-9a-f-]{36}$/);
    expect(r.generationId).to.equal(-1);
    rig.shard.close();
  });

  it('a join with a member id the coordinator never issued is refused', async () => {
    const rig = makeRig();
    const r = await join(rig.shard, { memberId: 'made-up' }).settled();
    expect(r.errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    rig.shard.close();
  });

  it('session timeouts outside group.min/max.session.timeout.ms are refused', async () => {
    const rig = makeRig({ minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 60000 });
    expect((await join(rig.shard, { sessionTimeoutMs: 5999 }).settled()).errorCode).to.equal(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await join(rig.shard, { sessionTimeoutMs: 60001 }).settled()).errorCode).to.equal(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await join(rig.shard, { groupId: '' }).settled()).errorCode).to.equal(ErrorCode.INVALID_GROUP_ID);
    rig.shard.close();
  });

  it('a new group waits group.initial.rebalance.delay.ms, longer while members keep arriving', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 3000 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    await a.pending.parked();
    expect(state(rig)).to.equal('PreparingRebalance');
    await rig.clock.advance(2000);
    const b = await joinWithId(rig.shard, {}, 9, 'b');
    await rig.clock.advance(1000); // first delay over, but a member arrived: wait again
    await a.pending.parked();
    await b.pending.parked();
    await rig.clock.advance(3000);
    const ra = await a.pending.settled();
    const rb = await b.pending.settled();
    expect(ra.errorCode).to.equal(0);
    expect(ra.generationId).to.equal(1);
    expect(rb.generationId).to.equal(1);
    expect(ra.leader).to.equal(a.memberId); // the first member is the leader
    expect(rb.leader).to.equal(a.memberId);
    expect(ra.members.map((m: any) => m.memberId).sort()).to.deep.equal([a.memberId, b.memberId].sort());
    expect(rb.members).to.deep.equal([]);
    expect(ra.protocolName).to.equal('range');
    expect(ra.protocolType).to.equal('consumer');
    expect(state(rig)).to.equal('CompletingRebalance');
    rig.shard.close();
  });

  it('the protocol is the one every member supports with the most votes', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 100 });
    const md = subscription(['t']);
    const p = (...names: string[]) => names.map((name) => ({ name, metadata: md }));
    const a = await joinWithId(rig.shard, { protocols: p('roundrobin', 'range', 'sticky') }, 9, 'a');
    const b = await joinWithId(rig.shard, { protocols: p('range', 'roundrobin') }, 9, 'b');
    const c = await joinWithId(rig.shard, { protocols: p('range', 'roundrobin', 'cooperative-sticky') }, 9, 'c');
    await rig.clock.advance(100);
    await a.pending.parked(); // members arrived during the delay: one more delay
    await rig.clock.advance(100);
    for (const x of [a, b, c]) expect((await x.pending.settled()).protocolName).to.equal('range');
    rig.shard.close();
  });

  it('INCONSISTENT_GROUP_PROTOCOL for a member with no common protocol or another protocol type', async () => {
    const rig = makeRig();
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    const other = await join(rig.shard, { protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] }).settled();
    expect(other.errorCode).to.equal(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const connect = await join(rig.shard, { protocolType: 'connect' }).settled();
    expect(connect.errorCode).to.equal(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const none = await join(rig.shard, { groupId: 'fresh', protocols: [] }).settled();
    expect(none.errorCode).to.equal(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect(rig.shard.groups.has('fresh')).to.equal(false); // a refused first join leaves no group behind
    await a.pending.parked();
    rig.shard.close();
  });

  it('versions: v0-v3 park the first join directly; v6 has no protocol type; v7+ has both', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const v3 = join(rig.shard, { groupId: 'old' }, 3);
    await v3.parked();
    await rig.clock.advance(10);
    const r3 = await v3.settled();
    expect(r3.errorCode).to.equal(0);
    expect(r3.memberId).to.match(/^client-/);
    expect(r3.protocolName).to.equal('range');

    const rig0 = makeRig({ initialRebalanceDelayMs: 10 });
    const v0 = join(rig0.shard, { groupId: 'v0' }, 0);
    await rig0.clock.advance(10);
    expect((await v0.settled()).generationId).to.equal(1);

    const id6 = (await join(rig.shard, { groupId: 'six' }, 6).settled()).memberId;
    const v6 = join(rig.shard, { groupId: 'six', memberId: id6 }, 6);
    await rig.clock.advance(10);
    const r6 = await v6.settled();
    expect(r6.protocolType).to.equal(null); // absent before v7
    expect(r6.protocolName).to.equal('range');
    rig.shard.close();
    rig0.shard.close();
  });

  it('GROUP_MAX_SIZE_REACHED once group.max.size members are in', async () => {
    const rig = makeRig({ maxSize: 2, initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    const b = await joinWithId(rig.shard, {}, 9, 'b');
    const rc = await join(rig.shard, {}, 9, 'c').settled();
    expect(rc.errorCode).to.equal(ErrorCode.GROUP_MAX_SIZE_REACHED);
    expect(rc.memberId).to.equal('');
    await rig.clock.advance(20);
    expect((await a.pending.settled()).members).to.have.length(2);
    await b.pending.settled();
    rig.shard.close();
  });

  it('in Stable, a follower rejoining with the same metadata gets the current generation; the leader causes a rebalance', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower, generation } = await stableGroup(rig);
    const f = await join(rig.shard, { memberId: follower }).settled();
    expect(f.errorCode).to.equal(0);
    expect(f.generationId).to.equal(generation);
    expect(state(rig)).to.equal('Stable');
    const l = join(rig.shard, { memberId: leader });
    await l.parked();
    expect(state(rig)).to.equal('PreparingRebalance');
    const f2 = join(rig.shard, { memberId: follower });
    const [rl, rf] = [await l.settled(), await f2.settled()]; // completes as soon as both rejoined
    expect(rl.generationId).to.equal(generation + 1);
    expect(rf.generationId).to.equal(generation + 1);
    rig.shard.close();
  });
});

describe('group coordinator: SyncGroup', () => {
  it('followers are parked until the leader syncs; the leader until its assignment is persisted', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    const b = await joinWithId(rig.shard, {}, 9, 'b');
    await rig.clock.advance(20);
    const ra = await a.pending.settled();
    const leader = ra.leader;
    const follower = leader === a.memberId ? b.memberId : a.memberId;
    await b.pending.settled();
    const fs = sync(rig.shard, follower, 1);
    await fs.parked();
    rig.log.hold();
    const ls = sync(rig.shard, leader, 1, { [leader]: 'for-leader', [follower]: 'for-follower' });
    await ls.parked();
    await fs.parked();
    expect(state(rig)).to.equal('CompletingRebalance');
    rig.log.release();
    const rl = await ls.settled();
    const rf = await fs.settled();
    expect(rl.errorCode).to.equal(0);
    expect(rl.assignment.toString()).to.equal('for-leader');
    expect(rf.assignment.toString()).to.equal('for-follower');
    expect(rf.protocolType).to.equal('consumer');
    expect(rf.protocolName).to.equal('range');
    expect(state(rig)).to.equal('Stable');
    // The group metadata record carries both members and their assignments.
    const rec = rig.log.records[rig.log.records.length - 1];
    expect(decodeKey(rec.key)).to.deep.include({ kind: 'group', version: 2, group: 'g' });
    const v = decodeGroupValue(rec.value!);
    expect(v.generation).to.equal(1);
    expect(v.protocol).to.equal('range');
    expect(v.leader).to.equal(leader);
    expect(v.members.map((m) => [m.memberId, m.assignment.toString()]).sort()).to.deep.equal(
      [[leader, 'for-leader'], [follower, 'for-follower']].sort());
    // A late sync in Stable gets the stored assignment at once.
    expect((await sync(rig.shard, follower, 1).settled()).assignment.toString()).to.equal('for-follower');
    rig.shard.close();
  });

  it('members missing from the leader\'s assignment get an empty one', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    const b = await joinWithId(rig.shard, {}, 9, 'b');
    await rig.clock.advance(20);
    const leader = (await a.pending.settled()).leader;
    await b.pending.settled();
    const follower = leader === a.memberId ? b.memberId : a.memberId;
    const ls = await sync(rig.shard, leader, 1, { [leader]: 'mine', 'not-a-member': 'x' }).settled();
    expect(ls.assignment.toString()).to.equal('mine');
    const fs = await sync(rig.shard, follower, 1).settled();
    expect(fs.errorCode).to.equal(0);
    expect(fs.assignment.length).to.equal(0);
    rig.shard.close();
  });

  it('errors: unknown member, wrong generation, inconsistent protocol, rebalance in progress', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const { leader, follower } = await stableGroup(rig);
    expect((await sync(rig.shard, 'nobody', 1).settled()).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await sync(rig.shard, follower, 7).settled()).errorCode).to.equal(ErrorCode.ILLEGAL_GENERATION);
    expect((await sync(rig.shard, 'x', 1, {}, 'no-such-group').settled()).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    const bad = await call(rig.shard, ApiKey.SyncGroup, 5, {
      groupId: 'g', generationId: 1, memberId: follower, groupInstanceId: null, protocolType: 'consumer', protocolName: 'roundrobin', assignments: [],
    });
    expect(bad.errorCode).to.equal(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const l = join(rig.shard, { memberId: leader });
    await l.parked();
    expect((await sync(rig.shard, follower, 1).settled()).errorCode).to.equal(ErrorCode.REBALANCE_IN_PROGRESS);
    rig.shard.close();
  });

  it('a rebalance during CompletingRebalance answers parked syncs with REBALANCE_IN_PROGRESS', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const a = await joinWithId(rig.shard, {}, 9, 'a');
    const b = await joinWithId(rig.shard, {}, 9, 'b');
    await rig.clock.advance(20);
    const ra = await a.pending.settled();
    await b.pending.settled();
    const follower = ra.leader === a.memberId ? b.memberId : a.memberId;
    const fs = sync(rig.shard, follower, 1);
    await fs.parked();
    const c = await joinWithId(rig.shard, {}, 9, 'c'); // a new member triggers a rebalance
    expect((await fs.settled()).errorCode).to.equal(ErrorCode.REBALANCE_IN_PROGRESS);
    await c.pending.parked();
    rig.shard.close();
  });
});
