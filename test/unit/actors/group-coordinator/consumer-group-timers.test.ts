// KIP-848 consumer group on a fake clock: session expiry, rebalance timeout, static
// members (temporary leave with -2, rejoin under a new member id, instance id in use).
import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { Client, beat, byName, rig, settle } from './consumer-group-rig.test';

describe('actors/group-coordinator: consumer group timers and static members', () => {
  it('a member whose session expires is removed and its partitions reassigned', () => {
    const r = rig({ sessionTimeoutMs: 45000 });
    r.topics.set('t', 4);
    const a = new Client(r, ['t']);
    const b = new Client(r, ['t']);
    a.join();
    b.join();
    settle([a, b]);
    const epoch = r.group.groupEpoch;
    // a keeps heartbeating, b goes silent
    for (let i = 0; i < 8; i++) {
      r.clock.advance(5000);
      a.beat();
    }
    expect(r.group.member(b.memberId)).to.not.equal(undefined);
    r.clock.advance(5001);
    expect(r.group.member(b.memberId)).to.equal(undefined);
    expect(r.timerChanges).to.equal(1);
    expect(r.group.groupEpoch).to.equal(epoch + 1);
    // the expiry queued the tombstones and the epoch bump for the shard to write
    const types = r.group.takeRecords().map((rec) => [rec.key.readInt16BE(0), rec.value === null]);
    expect(types).to.deep.include.members([[8, true], [7, true], [5, true], [3, false]]);
    a.beat();
    expect(a.owned).to.deep.equal({ t: [0, 1, 2, 3] });
    expect(beat(r, b.memberId, b.epoch, b.owned).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('session timers are rearmed by every heartbeat and stop when the member leaves', () => {
    const r = rig({ sessionTimeoutMs: 10000 });
    r.topics.set('t', 1);
    const a = new Client(r, ['t']);
    a.join();
    for (let i = 0; i < 5; i++) {
      r.clock.advance(9000);
      a.beat();
    }
    expect(r.group.size).to.equal(1);
    beat(r, a.memberId, -1, null);
    expect(r.clock.pending).to.equal(0);
    r.clock.advance(60000);
    expect(r.timerChanges).to.equal(0);
  });

  it('a member that does not revoke within its rebalance timeout is fenced out', () => {
    const r = rig({ sessionTimeoutMs: 45000 });
    r.topics.set('t', 2);
    const a = new Client(r, ['t'], { rebalanceTimeoutMs: 20000 });
    a.join();
    const b = new Client(r, ['t']);
    b.join();
    // a is asked to revoke; it keeps heartbeating but keeps reporting both partitions
    const resp = beat(r, a.memberId, a.epoch, { t: [0, 1] });
    expect(resp.assignment?.topicPartitions[0].partitions).to.have.length(1);
    for (let i = 0; i < 3; i++) {
      r.clock.advance(5000);
      expect(beat(r, a.memberId, 1, { t: [0, 1] }).errorCode).to.equal(0);
    }
    r.clock.advance(5001);
    expect(r.group.member(a.memberId)).to.equal(undefined);
    expect(r.timerChanges).to.equal(1);
    expect(beat(r, a.memberId, 1, { t: [0, 1] }).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    b.beat();
    expect(b.owned).to.deep.equal({ t: [0, 1] });
  });

  it('the rebalance timer stops once the member has revoked', () => {
    const r = rig();
    r.topics.set('t', 2);
    const a = new Client(r, ['t'], { rebalanceTimeoutMs: 20000 });
    const b = new Client(r, ['t']);
    a.join();
    b.join();
    a.beat(); // told to revoke
    a.beat(); // revoked
    expect(r.group.member(a.memberId)!.state).to.equal(0);
    r.clock.advance(25000);
    a.beat();
    b.beat();
    expect(r.group.member(a.memberId)).to.not.equal(undefined);
    expect(r.timerChanges).to.equal(0);
  });

  it('static member: -2 keeps its partitions; it rejoins under a new id without an epoch bump', () => {
    const r = rig();
    r.topics.set('t', 4);
    const s = new Client(r, ['t'], { instanceId: 'inst-1' });
    const d = new Client(r, ['t']);
    s.join();
    d.join();
    settle([s, d]);
    const epoch = r.group.groupEpoch;
    const kept = s.owned;
    const oldId = s.memberId;
    const left = beat(r, s.memberId, -2, null, { instanceId: 'inst-1' });
    expect(left).to.include({ errorCode: 0, memberEpoch: -2, memberId: oldId });
    expect(r.group.member(oldId)!.memberEpoch).to.equal(-2);
    expect(r.group.groupEpoch).to.equal(epoch);
    // the dynamic member does not get the static member's partitions meanwhile
    d.beat();
    expect(d.count()).to.equal(2);
    // another process with the same instance id, while the old one is away: takes over
    const back = new Client(r, ['t'], { instanceId: 'inst-1' });
    const resp = back.join();
    expect(resp.memberId).to.not.equal(oldId);
    expect(resp.memberEpoch).to.equal(epoch);
    expect(byName(r, resp.assignment?.topicPartitions)).to.deep.equal(kept);
    expect(r.group.groupEpoch).to.equal(epoch);
    expect(r.group.member(oldId)).to.equal(undefined);
    expect(r.group.members().map((m) => m.memberId).sort()).to.deep.equal([back.memberId, d.memberId].sort());
    // the old member id is now fenced out of its instance id
    expect(beat(r, oldId, epoch, kept, { instanceId: 'inst-1' }).errorCode).to.equal(ErrorCode.FENCED_INSTANCE_ID);
  });

  it('static member: the instance id of an active member is UNRELEASED_INSTANCE_ID', () => {
    const r = rig();
    r.topics.set('t', 1);
    new Client(r, ['t'], { instanceId: 'inst-1' }).join();
    const dup = r.group.heartbeat({
      groupId: 'g', memberId: '', memberEpoch: 0, instanceId: 'inst-1', rebalanceTimeoutMs: 1000, subscribedTopicNames: ['t'], topicPartitions: [],
    });
    expect(dup.errorCode).to.equal(ErrorCode.UNRELEASED_INSTANCE_ID);
    expect(r.group.size).to.equal(1);
  });

  it('static member: away past its session, it is removed and the partitions move', () => {
    const r = rig({ sessionTimeoutMs: 30000 });
    r.topics.set('t', 2);
    const s = new Client(r, ['t'], { instanceId: 'inst-1' });
    const d = new Client(r, ['t']);
    s.join();
    d.join();
    settle([s, d]);
    beat(r, s.memberId, -2, null, { instanceId: 'inst-1' });
    for (let i = 0; i < 7; i++) {
      r.clock.advance(5000);
      d.beat();
    }
    expect(r.group.size).to.equal(1);
    d.beat();
    expect(d.owned).to.deep.equal({ t: [0, 1] });
  });

  it('static member leaving with -1 is gone for good', () => {
    const r = rig();
    r.topics.set('t', 1);
    const s = new Client(r, ['t'], { instanceId: 'inst-1' });
    s.join();
    expect(beat(r, s.memberId, -1, null, { instanceId: 'inst-1' }).memberEpoch).to.equal(-1);
    expect(r.group.isEmpty()).to.equal(true);
    // the instance id is free again
    expect(new Client(r, ['t'], { instanceId: 'inst-1' }).join().errorCode).to.equal(0);
  });

  it('markDead stops the timers and refuses heartbeats', () => {
    const r = rig();
    r.topics.set('t', 1);
    const a = new Client(r, ['t']);
    a.join();
    r.group.markDead();
    expect(r.clock.pending).to.equal(0);
    expect(r.group.stateName()).to.equal('Dead');
    expect(beat(r, a.memberId, a.epoch, a.owned).errorCode).to.equal(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  });
});
