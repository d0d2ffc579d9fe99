import { expect } from 'chai';
import { GroupConsumer, GroupConsumerOptions } from '../../../src/client/group/group-consumer';
import { CommitFailedError } from '../../../src/client/group/errors';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from '../../../src/client/group/consumer-protocol';
import { apiVersionRange } from '../../../src/protocol/apis';
import { buildBatch } from '../../../src/protocol/record-batch';
import { FakeBroker, Handler } from './fake-broker';

const K = { Fetch: 1, ListOffsets: 2, OffsetCommit: 8, OffsetFetch: 9, FindCoordinator: 10, JoinGroup: 11, Heartbeat: 12, LeaveGroup: 13, SyncGroup: 14 };
const GROUP_KEYS = [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 32, 33, 37, 42, 44, 47];
const LOG_END = 8;

/** A fake broker that serves group APIs from per-request scripts, and a topic `t` of 4 partitions with 8 records each. */
class GroupBroker {
  readonly broker = new FakeBroker();
  readonly committed = new Map<string, number>();

  async start(caps: Record<number, number> = {}): Promise<this> {
    await this.broker.start();
    const b = this.broker;
    b.withTopics({ t: 4 });
    for (const [k, v] of Object.entries(caps)) b.maxVersions.set(Number(k), v);
    b.handlers.set(18, () => ({
      errorCode: 0, throttleTimeMs: 0,
      apiKeys: GROUP_KEYS.map((k) => {
        const r = apiVersionRange(k)!;
        return { apiKey: k, minVersion: r.min, maxVersion: Math.min(r.max, b.maxVersions.get(k) ?? r.max) };
      }),
    }));
    b.handlers.set(K.FindCoordinator, (body) => ({
      throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 1, host: '127.0.0.1', port: b.port,
      coordinators: (body.coordinatorKeys ?? []).map((key: string) => ({ key, nodeId: 1, host: '127.0.0.1', port: b.port, errorCode: 0, errorMessage: null })),
    }));
    b.handlers.set(K.OffsetFetch, (body) => {
      const part = (name: string, p: number) => ({ partitionIndex: p, committedOffset: this.committed.get(`${name}-${p}`) ?? -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 });
      const topics = (list: any[]) => list.map((t: any) => ({ name: t.name, partitions: t.partitionIndexes.map((p: number) => part(t.name, p)) }));
      return {
        throttleTimeMs: 0, errorCode: 0, topics: topics(body.topics ?? []),
        groups: (body.groups ?? []).map((g: any) => ({ groupId: g.groupId, errorCode: 0, topics: topics(g.topics ?? []) })),
      };
    });
    b.handlers.set(K.OffsetCommit, (body) => {
      for (const t of body.topics) for (const p of t.partitions) this.committed.set(`${t.name}-${p.partitionIndex}`, p.committedOffset);
      return ok(body);
    });
    b.handlers.set(K.Heartbeat, () => ({ throttleTimeMs: 0, errorCode: 0 }));
    b.handlers.set(K.LeaveGroup, (body) => ({ throttleTimeMs: 0, errorCode: 0, members: (body.members ?? []).map((m: any) => ({ ...m, errorCode: 0 })) }));
    b.handlers.set(K.ListOffsets, (body) => ({
      throttleTimeMs: 0,
      topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({
        partitionIndex: p.partitionIndex, errorCode: 0, timestamp: -1, offset: p.timestamp === -2 ? 0 : LOG_END, leaderEpoch: 0,
      })) })),
    }));
    const logs = [0, 1, 2, 3].map((p) => buildBatch(Array.from({ length: LOG_END }, (_, i) => ({ key: null, value: Buffer.from(`p${p}-${i}`), headers: [] })), { baseOffset: 0 }));
    b.handlers.set(K.Fetch, (body) => ({
      throttleTimeMs: 0, errorCode: 0, sessionId: 0,
      responses: body.topics.map((t: any) => ({ topic: t.topic, partitions: t.partitions.map((p: any) => ({
        partitionIndex: p.partition, errorCode: 0, highWatermark: LOG_END, lastStableOffset: LOG_END, logStartOffset: 0,
        abortedTransactions: null, preferredReadReplica: -1, records: p.fetchOffset < LOG_END ? logs[p.partition] : null,
      })) })),
    }));
    return this;
  }

  /** Answers requests of apiKey with the steps in turn; the last step repeats. */
  script(apiKey: number, steps: Handler[]): void {
    const q = [...steps];
    this.broker.handlers.set(apiKey, (body, header, b) => (q.length > 1 ? q.shift()! : q[0])(body, header, b));
  }

  requests(apiKey: number): any[] { return this.broker.requestsFor(apiKey); }
  get bootstrap(): string { return this.broker.bootstrap; }
}

function ok(body: any) {
  return { throttleTimeMs: 0, topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: 0 })) })) };
}
function joinOk(opts: { generationId: number; memberId: string; leader: string; members?: { memberId: string; metadata: Buffer }[]; protocol?: string }) {
  return {
    throttleTimeMs: 0, errorCode: 0, generationId: opts.generationId, protocolType: 'consumer', protocolName: opts.protocol ?? 'range',
    leader: opts.leader, skipAssignment: false, memberId: opts.memberId,
    members: (opts.members ?? []).map((m) => ({ memberId: m.memberId, groupInstanceId: null, metadata: m.metadata })),
  };
}
const joinError = (errorCode: number, memberId = '') => ({ throttleTimeMs: 0, errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId, members: [] });
const syncOk = (partitions: { topic: string; partition: number }[]) => ({ throttleTimeMs: 0, errorCode: 0, protocolType: 'consumer', protocolName: 'range', assignment: encodeAssignment({ partitions }) });
const syncError = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
const hb = (errorCode: number) => () => ({ throttleTimeMs: 0, errorCode });
/** A follower's join: generation g, leader someone else. */
const follower = (g: number, memberId = 'm-1') => () => joinOk({ generationId: g, memberId, leader: 'other' });

async function until(cond: () => boolean, gc: GroupConsumer | null, what: string, ms = 3000): Promise<any[]> {
  const got: any[] = [];
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (gc) got.push(...await gc.poll()); else await new Promise((r) => setTimeout(r, 10));
  }
  return got;
}

const VERSION_SETS: [string, Record<number, number>][] = [
  ['newest versions', {}],
  ['older versions (no MEMBER_ID_REQUIRED, single-key FindCoordinator, OffsetFetch v7, LeaveGroup v2)', { 10: 3, 11: 3, 9: 7, 8: 7, 12: 2, 13: 2, 14: 2 }],
];

describe('client/group consumer', function () {
  this.timeout(10000);
  let g: GroupBroker;
  const consumers: GroupConsumer[] = [];
  const open = (o: Partial<GroupConsumerOptions> = {}) => {
    const c = new GroupConsumer({ bootstrap: g.bootstrap, groupId: 'g1', maxWaitMs: 10, heartbeatIntervalMs: 30, sessionTimeoutMs: 1000, autoOffsetReset: 'earliest', ...o });
    consumers.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.close().catch(() => undefined);
    await g.broker.stop();
  });

  for (const [label, caps] of VERSION_SETS) {
    it(`joins, leads the assignment, syncs and fetches from committed offsets (${label})`, async () => {
      g = await new GroupBroker().start(caps);
      const modern = caps[11] === undefined;
      const other = encodeSubscription({ topics: ['t'] }, 1);
      const leaderJoin: Handler = (body) => joinOk({
        generationId: 1, memberId: 'm-1', leader: 'm-1',
        members: [{ memberId: 'm-1', metadata: body.protocols[0].metadata }, { memberId: 'm-2', metadata: other }],
      });
      g.script(K.JoinGroup, modern ? [() => joinError(79, 'm-1'), leaderJoin] : [leaderJoin]);
      g.script(K.SyncGroup, [(body) => syncOk(decodeAssignment(body.assignments.find((a: any) => a.memberId === 'm-1').assignment).partitions)]);
      g.committed.set('t-0', 5);
      const assigned: any[] = [];
      const c = open({ onPartitionsAssigned: (p) => { assigned.push(p); } });
      c.subscribe(['t']);
      const recs = await until(() => recsDone(), c, 'records');
      function recsDone() { return c.position('t', 0) === LOG_END && c.position('t', 1) === LOG_END; }

      const joins = g.requests(K.JoinGroup);
      expect(joins[0]).to.include({ groupId: 'g1', memberId: '', protocolType: 'consumer', sessionTimeoutMs: 1000 });
      expect(joins[0].protocols.map((p: any) => p.name)).to.deep.equal(['range', 'roundrobin']);
      expect(decodeSubscription(joins[0].protocols[0].metadata).topics).to.deep.equal(['t']);
      if (modern) expect(joins[1].memberId).to.equal('m-1');
      const sync = g.requests(K.SyncGroup)[0];
      expect(sync).to.include({ groupId: 'g1', generationId: 1, memberId: 'm-1' });
      const byMember = Object.fromEntries(sync.assignments.map((a: any) => [a.memberId, decodeAssignment(a.assignment).partitions.map((tp: any) => tp.partition)]));
      expect(byMember).to.deep.equal({ 'm-1': [0, 1], 'm-2': [2, 3] });
      expect(c.assignment()).to.deep.equal([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]);
      expect(assigned).to.deep.equal([[{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]]);
      expect(c.memberId).to.equal('m-1');
      expect(c.generationId).to.equal(1);
      // p0 from its committed offset 5, p1 (nothing committed) from the earliest offset
      const values = recs.map((r) => r.value.toString());
      expect(values.filter((v) => v.startsWith('p0-'))).to.deep.equal(['p0-5', 'p0-6', 'p0-7']);
      expect(values.filter((v) => v.startsWith('p1-'))).to.have.length(LOG_END);
      expect(g.requests(K.ListOffsets).flatMap((r) => r.topics[0].partitions.map((p: any) => [p.partitionIndex, p.timestamp]))).to.deep.equal([[1, -2]]);
      await until(() => g.requests(K.Heartbeat).length >= 2, null, 'heartbeats');
      expect(g.requests(K.Heartbeat)[0]).to.include({ groupId: 'g1', generationId: 1, memberId: 'm-1' });

      await c.commit();
      const commit = g.requests(K.OffsetCommit).at(-1);
      expect(commit).to.include({ groupId: 'g1', generationIdOrMemberEpoch: 1, memberId: 'm-1' });
      expect(g.committed.get('t-0')).to.equal(LOG_END);
      expect(g.committed.get('t-1')).to.equal(LOG_END);
      await c.close();
      const leave = g.requests(K.LeaveGroup);
      expect(leave).to.have.length(1);
      if (modern) expect(leave[0].members.map((m: any) => m.memberId)).to.deep.equal(['m-1']);
      else expect(leave[0].memberId).to.equal('m-1');
    });
  }

  it('REBALANCE_IN_PROGRESS from a heartbeat: commits positions, revokes, rejoins with its member id', async () => {
    g = await new GroupBroker().start();
    g.script(K.JoinGroup, [follower(1), follower(2)]);
    g.script(K.SyncGroup, [() => syncOk([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]), () => syncOk([{ topic: 't', partition: 3 }])]);
    let rebalance = false;
    g.script(K.Heartbeat, [() => hb(rebalance && c.generationId === 1 ? 27 : 0)()]);
    const events: string[] = [];
    const c = open({
      onPartitionsRevoked: (p) => { events.push(`revoked ${p.map((x) => x.partition)} committed ${g.committed.get('t-0')}`); },
      onPartitionsAssigned: (p) => { events.push(`assigned ${p.map((x) => x.partition)}`); },
    });
    c.subscribe(['t']);
    await until(() => c.position('t', 0) === LOG_END && c.position('t', 1) === LOG_END, c, 'all records');
    rebalance = true;
    await until(() => c.generationId === 2 && c.assignment().length === 1, c, 'the second generation');
    expect(events).to.deep.equal(['assigned 0,1', `revoked 0,1 committed ${LOG_END}`, 'assigned 3']);
    const joins = g.requests(K.JoinGroup);
    expect(joins.map((j) => j.memberId)).to.deep.equal(['', 'm-1']);
    expect(g.requests(K.SyncGroup)[0].assignments).to.deep.equal([]);
    const commit = g.requests(K.OffsetCommit)[0];
    expect(commit.generationIdOrMemberEpoch).to.equal(1);
    expect(g.committed.get('t-1')).to.equal(LOG_END);
    // the new generation heartbeats with its own id
    await until(() => g.requests(K.Heartbeat).some((h) => h.generationId === 2), null, 'generation 2 heartbeat');
  });

  it('UNKNOWN_MEMBER_ID from a heartbeat: rejoins with an empty member id, without committing', async () => {
    g = await new GroupBroker().start();
    g.script(K.JoinGroup, [follower(1), follower(1, 'm-9')]);
    g.script(K.SyncGroup, [() => syncOk([{ topic: 't', partition: 0 }])]);
    g.script(K.Heartbeat, [hb(25), hb(0)]);
    const c = open();
    c.subscribe(['t']);
    await until(() => c.memberId === 'm-9', c, 'the new member id');
    expect(g.requests(K.JoinGroup).map((j) => j.memberId)).to.deep.equal(['', '']);
    expect(g.requests(K.OffsetCommit)).to.have.length(0);
  });

  it('ILLEGAL_GENERATION from a heartbeat: rejoins keeping the member id', async () => {
    g = await new GroupBroker().start();
    g.script(K.JoinGroup, [follower(1), follower(4)]);
    g.script(K.SyncGroup, [() => syncOk([{ topic: 't', partition: 0 }])]);
    g.script(K.Heartbeat, [hb(22), hb(0)]);
    const c = open();
    c.subscribe(['t']);
    await until(() => c.generationId === 4, c, 'generation 4');
    expect(g.requests(K.JoinGroup).map((j) => j.memberId)).to.deep.equal(['', 'm-1']);
    expect(g.requests(K.OffsetCommit)).to.have.length(0);
  });

  it('NOT_COORDINATOR from a heartbeat: looks the coordinator up again and rejoins', async () => {
    g = await new GroupBroker().start();
    g.script(K.JoinGroup, [follower(1), follower(2)]);
    g.script(K.SyncGroup, [() => syncOk([{ topic: 't', partition: 0 }])]);
    g.script(K.Heartbeat, [hb(16), hb(0)]);
    const c = open();
    c.subscribe(['t']);
    await until(() => c.generationId === 2, c, 'generation 2');
    expect(g.requests(K.FindCoordinator)).to.have.length(2);
  });

  it('COORDINATOR_NOT_AVAILABLE from FindCoordinator and SyncGroup REBALANCE_IN_PROGRESS are retried', async () => {
    g = await new GroupBroker().start();
    const found = g.broker.handlers.get(K.FindCoordinator)!;
    g.script(K.FindCoordinator, [() => ({ throttleTimeMs: 0, errorCode: 15, errorMessage: null, nodeId: -1, host: '', port: -1, coordinators: [{ key: 'g1', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: null }] }), found]);
    g.script(K.JoinGroup, [follower(1), follower(2)]);
    g.script(K.SyncGroup, [() => syncError(27), () => syncOk([{ topic: 't', partition: 2 }])]);
    const c = open();
    c.subscribe(['t']);
    await until(() => c.assignment().length === 1, c, 'an assignment');
    expect(c.generationId).to.equal(2);
    expect(c.assignment()).to.deep.equal([{ topic: 't', partition: 2 }]);
    expect(g.requests(K.FindCoordinator)).to.have.length(2);
  });

  it('commit with a lost generation throws CommitFailedError and triggers a rejoin', async () => {
    g = await new GroupBroker().start();
    g.script(K.JoinGroup, [follower(1), follower(2)]);
    g.script(K.SyncGroup, [() => syncOk([{ topic: 't', partition: 0 }])]);
    g.script(K.OffsetCommit, [(body) => ({ throttleTimeMs: 0, topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: 22 })) })) }), ok]);
    const c = open({ autoCommit: false });
    c.subscribe(['t']);
    await until(() => c.assignment().length === 1, c, 'an assignment');
    let err: unknown;
    try { await c.commit(); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(CommitFailedError);
    expect((err as CommitFailedError).code).to.equal(22);
    await until(() => c.generationId === 2, c, 'generation 2');
    expect(g.requests(K.JoinGroup).map((j) => j.memberId)).to.deep.equal(['', 'm-1']);
  });

  it('a static member sends its instance id and does not leave on close', async () => {
    g = await new GroupBroker().start();
    g.script(K.JoinGroup, [follower(1)]);
    g.script(K.SyncGroup, [() => syncOk([])]);
    const c = open({ groupInstanceId: 'instance-a' });
    c.subscribe(['t']);
    await until(() => g.requests(K.SyncGroup).length === 1, c, 'sync');
    expect(g.requests(K.JoinGroup)[0].groupInstanceId).to.equal('instance-a');
    await c.close();
    expect(g.requests(K.LeaveGroup)).to.have.length(0);
  });

  it('auto-commits on close and records() rewinds records it did not hand out', async () => {
    g = await new GroupBroker().start();
    g.script(K.JoinGroup, [follower(1)]);
    g.script(K.SyncGroup, [() => syncOk([{ topic: 't', partition: 1 }])]);
    const c = open();
    c.subscribe(['t']);
    const seen: number[] = [];
    for await (const r of c.records()) {
      seen.push(r.offset);
      if (seen.length === 3) break;
    }
    await c.close();
    expect(seen).to.deep.equal([0, 1, 2]);
    expect(g.committed.get('t-1')).to.equal(3);
    expect(g.requests(K.LeaveGroup)).to.have.length(1);
  });

  it('fails poll when the broker does not serve consumer groups', async () => {
    g = new GroupBroker();
    await g.broker.start();
    g.broker.withTopics({ t: 1 });
    const c = open();
    c.subscribe(['t']);
    let err: unknown;
    try { await c.poll(); } catch (e) { err = e; }
    expect((err as Error).message).to.match(/does not support API key 10/);
  });

  it('validates options', () => {
    g = new GroupBroker();
    expect(() => new GroupConsumer({ bootstrap: '127.0.0.1:1', groupId: '' })).to.throw(/groupId/);
    expect(() => new GroupConsumer({ bootstrap: '127.0.0.1:1', groupId: 'x', heartbeatIntervalMs: 5000, sessionTimeoutMs: 5000 })).to.throw(/heartbeatIntervalMs/);
    expect(() => new GroupConsumer({ bootstrap: '127.0.0.1:1', groupId: 'x', assignors: ['sticky'] })).to.throw(/unknown partition assignor/);
  });
});
