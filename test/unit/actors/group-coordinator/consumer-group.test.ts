// KIP-848 consumer group: joining, epochs, reconciliation (revoke before reassign),
// fencing, leaving, assignor selection, metadata changes, validation and describe.
import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { Client, beat, byName, join, rig, settle } from './consumer-group-rig.test';

describe('actors/group-coordinator: consumer group (KIP-848) lifecycle', () => {
  it('one member joins and gets every partition', () => {
    const r = rig();
    r.topics.set('t', 3);
    const resp = join(r, ['t']);
    expect(resp.memberId).to.equal('member-1');
    expect(resp.memberEpoch).to.equal(1);
    expect(resp.heartbeatIntervalMs).to.equal(5000);
    expect(byName(r, resp.assignment?.topicPartitions)).to.deep.equal({ t: [0, 1, 2] });
    expect(r.group.groupEpoch).to.equal(1);
    expect(r.group.assignmentEpoch).to.equal(1);
    expect(r.group.stateName()).to.equal('Stable');
    // a steady heartbeat: same epoch, no assignment in the answer (nothing changed)
    const again = beat(r, 'member-1', 1, { t: [0, 1, 2] });
    expect(again.errorCode).to.equal(0);
    expect(again.memberEpoch).to.equal(1);
    expect(again.assignment).to.equal(null);
  });

  it('a member that sends its own id at epoch 0 keeps it', () => {
    const r = rig();
    r.topics.set('t', 1);
    expect(join(r, ['t'], { memberId: 'my-own-id' }).memberId).to.equal('my-own-id');
  });

  it('a second member: group epoch bump, the first revokes before the second gets the partitions', () => {
    const r = rig();
    r.topics.set('t', 4);
    const a = new Client(r, ['t']);
    a.join();
    expect(a.owned).to.deep.equal({ t: [0, 1, 2, 3] });
    const b = new Client(r, ['t']);
    const bj = b.join();
    expect(r.group.groupEpoch).to.equal(2);
    expect(r.group.assignmentEpoch).to.equal(2);
    // b moves to epoch 2 but its target partitions are still a's: unreleased, nothing yet
    expect(bj.memberEpoch).to.equal(2);
    expect(b.owned).to.deep.equal({});
    expect(r.group.member(b.memberId)!.state).to.equal(2); // UNRELEASED_PARTITIONS
    expect(r.group.stateName()).to.equal('Reconciling');
    const bTarget = [...r.group.targetAssignment(b.memberId).values()].flat();
    expect(bTarget).to.have.length(2);
    // a is told to keep only its target; it stays at epoch 1 until it has revoked
    const ar = a.beat();
    expect(ar.memberEpoch).to.equal(1);
    expect(a.owned.t).to.have.length(2);
    expect(r.group.member(a.memberId)!.state).to.equal(1); // UNREVOKED_PARTITIONS
    expect(r.group.member(a.memberId)!.pendingRevocation.get(r.topics.byName('t')!.topicId)).to.deep.equal(bTarget);
    // b asks again: a has not confirmed the revocation, b still gets nothing
    const b2 = b.beat();
    expect(b2.assignment).to.equal(null);
    expect(b.owned).to.deep.equal({});
    // a confirms (its heartbeat no longer lists the revoked partitions): epoch 2
    const a3 = a.beat();
    expect(a3.memberEpoch).to.equal(2);
    expect(r.group.member(a.memberId)!.state).to.equal(0);
    // now b gets them
    const b3 = b.beat();
    expect(byName(r, b3.assignment?.topicPartitions)).to.deep.equal({ t: bTarget });
    expect(b.epoch).to.equal(2);
    expect(r.group.stateName()).to.equal('Stable');
    expect(a.count() + b.count()).to.equal(4);
  });

  it('at no point do two members own the same partition (random joins and leaves)', () => {
    const r = rig();
    r.topics.set('x', 7);
    r.topics.set('y', 5);
    const clients: Client[] = [];
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let step = 0; step < 60; step++) {
      if (clients.length < 2 || rand() < 0.35) {
        const c = new Client(r, ['x', 'y']);
        c.join();
        clients.push(c);
      } else if (rand() < 0.2) {
        const c = clients.splice(Math.floor(rand() * clients.length), 1)[0];
        expect(beat(r, c.memberId, -1, null).memberEpoch).to.equal(-1);
      }
      for (const c of clients) if (rand() < 0.7) c.beat();
      const seen = new Set<string>();
      for (const c of clients) {
        for (const [t, parts] of Object.entries(c.owned)) {
          for (const p of parts) {
            expect(seen.has(`${t}-${p}`), `${t}-${p} owned twice at step ${step}`).to.equal(false);
            seen.add(`${t}-${p}`);
          }
        }
      }
    }
    settle(clients);
    expect(clients.reduce((s, c) => s + c.count(), 0)).to.equal(12);
    const counts = clients.map((c) => c.count());
    expect(Math.max(...counts) - Math.min(...counts)).to.be.at.most(1);
    expect(r.group.stateName()).to.equal('Stable');
  });

  it('member epochs: a greater epoch is fenced; the previous epoch is accepted only with a subset of the assignment', () => {
    const r = rig();
    r.topics.set('t', 2);
    const a = new Client(r, ['t']);
    a.join();
    const b = new Client(r, ['t']);
    b.join();
    settle([a, b]);
    const m = r.group.member(a.memberId)!;
    expect(m.memberEpoch).to.equal(2);
    expect(m.previousMemberEpoch).to.equal(1);
    const fenced = beat(r, a.memberId, 3, a.owned);
    expect(fenced.errorCode).to.equal(ErrorCode.FENCED_MEMBER_EPOCH);
    expect(fenced.errorMessage).to.match(/greater member epoch/);
    // the response that moved a to epoch 2 was lost: epoch 1 with a subset is fine
    const retry = beat(r, a.memberId, 1, a.owned);
    expect(retry.errorCode).to.equal(0);
    expect(retry.memberEpoch).to.equal(2);
    // epoch 1 claiming more than the assignment, or not saying what it owns: fenced
    expect(beat(r, a.memberId, 1, { t: [0, 1] }).errorCode).to.equal(ErrorCode.FENCED_MEMBER_EPOCH);
    expect(beat(r, a.memberId, 1, null).errorCode).to.equal(ErrorCode.FENCED_MEMBER_EPOCH);
    // a fenced member rejoins with epoch 0 and its id: it is still a member, and gets its
    // partitions back at the current epoch
    const rejoin = r.group.heartbeat({
      groupId: 'g', memberId: a.memberId, memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['t'], topicPartitions: [],
    });
    expect(rejoin.errorCode).to.equal(0);
    expect(rejoin.memberEpoch).to.equal(2);
    expect(byName(r, rejoin.assignment?.topicPartitions)).to.deep.equal(a.owned);
    expect(r.group.groupEpoch).to.equal(2);
    expect(beat(r, 'nobody', 1, {}).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('a member leaves with epoch -1: group epoch bump, its partitions go to the others', () => {
    const r = rig();
    r.topics.set('t', 4);
    const a = new Client(r, ['t']);
    const b = new Client(r, ['t']);
    a.join();
    b.join();
    settle([a, b]);
    const epoch = r.group.groupEpoch;
    const left = beat(r, b.memberId, -1, null);
    expect(left).to.include({ errorCode: 0, memberId: b.memberId, memberEpoch: -1 });
    expect(r.group.groupEpoch).to.equal(epoch + 1);
    expect(r.group.member(b.memberId)).to.equal(undefined);
    expect(r.group.stateName()).to.equal('Assigning');
    a.beat();
    expect(a.owned).to.deep.equal({ t: [0, 1, 2, 3] });
    expect(a.epoch).to.equal(epoch + 1);
    expect(beat(r, b.memberId, -1, null).errorCode).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    beat(r, a.memberId, -1, null);
    expect(r.group.isEmpty()).to.equal(true);
    expect(r.group.stateName()).to.equal('Empty');
  });

  it('subscription change bumps the epoch and revokes the dropped topic', () => {
    const r = rig();
    r.topics.set('x', 1);
    r.topics.set('y', 1);
    const a = new Client(r, ['x', 'y']);
    a.join();
    expect(a.owned).to.deep.equal({ x: [0], y: [0] });
    const resp = beat(r, a.memberId, a.epoch, a.owned, { subscribedTopicNames: ['x'] });
    expect(r.group.groupEpoch).to.equal(2);
    expect(byName(r, resp.assignment?.topicPartitions)).to.deep.equal({ x: [0] });
    expect(resp.memberEpoch).to.equal(1);
    const done = beat(r, a.memberId, 1, { x: [0] });
    expect(done.memberEpoch).to.equal(2);
  });

  it('assignor selection: the member-requested assignor, the configured default, UNSUPPORTED_ASSIGNOR', () => {
    const r = rig();
    r.topics.set('t', 3);
    expect(r.group.assignorName).to.equal('uniform');
    const bad = r.group.heartbeat({
      groupId: 'g', memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['t'], topicPartitions: [], serverAssignor: 'sticky',
    });
    expect(bad.errorCode).to.equal(ErrorCode.UNSUPPORTED_ASSIGNOR);
    expect(bad.errorMessage).to.match(/sticky.*uniform, range/);
    expect(r.group.isEmpty()).to.equal(true);
    const a = new Client(r, ['t'], { serverAssignor: 'range' });
    const b = new Client(r, ['t'], { serverAssignor: 'range' });
    a.join();
    b.join();
    settle([a, b]);
    expect(r.group.assignorName).to.equal('range');
    expect(r.group.consumerGroupDescribe().assignorName).to.equal('range');
    // range: member-1 (sorted first) gets the longer run
    expect(a.owned).to.deep.equal({ t: [0, 1] });
    expect(b.owned).to.deep.equal({ t: [2] });

    const only = rig({ assignors: ['range'] });
    only.topics.set('t', 1);
    expect(only.group.assignorName).to.equal('range');
    expect(only.group.heartbeat({
      groupId: 'g', memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['t'], topicPartitions: [], serverAssignor: 'uniform',
    }).errorCode).to.equal(ErrorCode.UNSUPPORTED_ASSIGNOR);
  });

  it('new partitions and new topics are picked up on the next heartbeat', () => {
    const r = rig();
    r.topics.set('t', 2);
    const a = new Client(r, ['t', 'later']);
    a.join();
    expect(a.owned).to.deep.equal({ t: [0, 1] });
    r.topics.set('t', 4);
    a.beat();
    expect(r.group.groupEpoch).to.equal(2);
    expect(a.owned).to.deep.equal({ t: [0, 1, 2, 3] });
    r.topics.set('later', 1);
    a.beat();
    expect(r.group.groupEpoch).to.equal(3);
    expect(a.owned).to.deep.equal({ later: [0], t: [0, 1, 2, 3] });
    r.topics.delete('t');
    a.beat();
    expect(r.group.groupEpoch).to.equal(4);
    a.beat();
    expect(a.owned).to.deep.equal({ later: [0] });
    expect(r.group.isSubscribedToTopic('later')).to.equal(true);
    expect(r.group.isSubscribedToTopic('t')).to.equal(false);
  });

  it('regex subscriptions (v1) match existing topics, not internal ones; a bad regex is INVALID_REGULAR_EXPRESSION', () => {
    const r = rig();
    r.topics.set('orders-eu', 1);
    r.topics.set('orders-us', 1);
    r.topics.set('payments', 1);
    r.topics.set('__consumer_offsets', 1);
    const a = new Client(r, [], { subscribedTopicRegex: 'orders-.*|__.*' });
    a.join();
    expect(a.owned).to.deep.equal({ 'orders-eu': [0], 'orders-us': [0] });
    r.topics.set('orders-jp', 1);
    a.beat();
    expect(Object.keys(a.owned).sort()).to.deep.equal(['orders-eu', 'orders-jp', 'orders-us']);
    const bad = r.group.heartbeat({
      groupId: 'g', memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: null, subscribedTopicRegex: '(', topicPartitions: [],
    });
    expect(bad.errorCode).to.equal(ErrorCode.INVALID_REGULAR_EXPRESSION);
  });

  it('refuses malformed requests with INVALID_REQUEST and a full group with GROUP_MAX_SIZE_REACHED', () => {
    const r = rig({ maxSize: 1 });
    r.topics.set('t', 1);
    const base = { groupId: 'g', memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 1000, subscribedTopicNames: ['t'], topicPartitions: [] };
    const cases: [object, RegExp][] = [
      [{ rebalanceTimeoutMs: -1 }, /RebalanceTimeoutMs/],
      [{ topicPartitions: null }, /TopicPartitions must be empty/],
      [{ topicPartitions: [{ topicId: 'x', partitions: [0] }] }, /TopicPartitions must be empty/],
      [{ subscribedTopicNames: null }, /SubscribedTopicNames or SubscribedTopicRegex/],
      [{ instanceId: '' }, /InstanceId can't be empty/],
      [{ rackId: '' }, /RackId/],
      [{ memberEpoch: 3 }, /MemberId can't be empty/],
      [{ memberEpoch: -3, memberId: 'x' }, /MemberEpoch/],
      [{ memberEpoch: -2, memberId: 'x' }, /InstanceId can't be null/],
    ];
    for (const [over, msg] of cases) {
      const resp = r.group.heartbeat({ ...base, ...over });
      expect(resp.errorCode, JSON.stringify(over)).to.equal(ErrorCode.INVALID_REQUEST);
      expect(resp.errorMessage).to.match(msg);
    }
    expect(r.group.heartbeat({ ...base, groupId: '' }).errorCode).to.equal(ErrorCode.INVALID_REQUEST);
    expect(r.group.isEmpty()).to.equal(true);
    join(r, ['t']);
    const full = r.group.heartbeat(base);
    expect(full.errorCode).to.equal(ErrorCode.GROUP_MAX_SIZE_REACHED);
    expect(r.group.size).to.equal(1);
  });

  it('describe: group, members, current and target assignments with topic names', () => {
    const r = rig();
    r.topics.set('t', 2);
    const a = new Client(r, ['t'], { rackId: 'rack-1' });
    a.join();
    const b = new Client(r, ['t']);
    b.join();
    a.beat(); // a is told to revoke one partition
    const d = r.group.consumerGroupDescribe();
    expect(d).to.include({ errorCode: 0, errorMessage: null, groupId: 'g', groupState: 'Reconciling', groupEpoch: 2, assignmentEpoch: 2, assignorName: 'uniform' });
    expect(d.authorizedOperations).to.equal(-2147483648);
    expect(r.group.consumerGroupDescribe(true).authorizedOperations).to.equal((1 << 3) | (1 << 6) | (1 << 8));
    const tid = r.topics.byName('t')!.topicId;
    expect(d.members.map((m) => m.memberId)).to.deep.equal([a.memberId, b.memberId]);
    const [ma, mb] = d.members;
    expect(ma).to.deep.include({
      instanceId: null, rackId: 'rack-1', memberEpoch: 1, clientId: 'client-a', clientHost: '/127.0.0.1',
      subscribedTopicNames: ['t'], subscribedTopicRegex: null,
    });
    expect(ma.assignment).to.deep.equal({ topicPartitions: [{ topicId: tid, topicName: 't', partitions: a.owned.t }] });
    expect(ma.targetAssignment.topicPartitions[0].partitions).to.deep.equal(a.owned.t);
    expect(mb.memberEpoch).to.equal(2);
    expect(mb.assignment).to.deep.equal({ topicPartitions: [] });
    expect(mb.targetAssignment.topicPartitions).to.have.length(1);
    // the classic DescribeGroups does not show consumer groups, as Kafka
    expect(r.group.describe(false)).to.include({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND, groupState: 'Dead' });
  });

  it('offset commit and fetch validation by member epoch', () => {
    const r = rig();
    r.topics.set('t', 1);
    expect(r.group.validateOffsetCommit('', null, -1, 9)).to.equal(0); // admin commit on an empty group
    const a = new Client(r, ['t']);
    a.join();
    expect(r.group.validateOffsetCommit(a.memberId, null, a.epoch, 9)).to.equal(0);
    expect(r.group.validateOffsetCommit(a.memberId, null, a.epoch - 1, 9)).to.equal(ErrorCode.STALE_MEMBER_EPOCH);
    expect(r.group.validateOffsetCommit('x', null, 1, 9)).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(r.group.validateOffsetCommit('', null, -1, 9)).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(r.group.validateOffsetCommit(a.memberId, null, a.epoch, 8)).to.equal(ErrorCode.UNSUPPORTED_VERSION);
    expect(r.group.validateOffsetFetch(null, -1)).to.equal(0);
    expect(r.group.validateOffsetFetch(a.memberId, a.epoch)).to.equal(0);
    expect(r.group.validateOffsetFetch(a.memberId, a.epoch + 1)).to.equal(ErrorCode.STALE_MEMBER_EPOCH);
    expect(r.group.validateOffsetFetch('x', 0)).to.equal(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(r.group.validateDeleteGroup()).to.equal(ErrorCode.NON_EMPTY_GROUP);
    beat(r, a.memberId, -1, null);
    expect(r.group.validateDeleteGroup()).to.equal(0);
  });
});
