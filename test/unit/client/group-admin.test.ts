import { expect } from 'chai';
import { Admin } from '../../../src/client/admin';
import { KafkaProtocolError } from '../../../src/client/errors';
import { encodeAssignment, encodeSubscription } from '../../../src/client/group/consumer-protocol';
import { apiVersionRange } from '../../../src/protocol/apis';
import { FakeBroker } from './fake-broker';

const GROUP_KEYS = [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 32, 33, 37, 42, 44, 47];

/** A fake broker announcing the group APIs and answering FindCoordinator with itself. */
async function groupAdminBroker(caps: Record<number, number> = {}): Promise<FakeBroker> {
  const b = new FakeBroker();
  await b.start();
  b.withTopics({ t: 2, u: 1 });
  for (const [k, v] of Object.entries(caps)) b.maxVersions.set(Number(k), v);
  b.handlers.set(18, () => ({
    errorCode: 0, throttleTimeMs: 0,
    apiKeys: GROUP_KEYS.map((k) => ({ apiKey: k, minVersion: apiVersionRange(k)!.min, maxVersion: Math.min(apiVersionRange(k)!.max, b.maxVersions.get(k) ?? 99) })),
  }));
  b.handlers.set(10, (body) => ({
    throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 1, host: '127.0.0.1', port: b.port,
    coordinators: (body.coordinatorKeys ?? []).map((key: string) => ({ key, nodeId: 1, host: '127.0.0.1', port: b.port, errorCode: 0, errorMessage: null })),
  }));
  return b;
}

const member = (memberId: string, partitions: number[]) => ({
  memberId, groupInstanceId: null, clientId: `client-${memberId}`, clientHost: `/10.0.0.${memberId.length}`,
  memberMetadata: encodeSubscription({ topics: ['t'] }), memberAssignment: encodeAssignment({ partitions: partitions.map((partition) => ({ topic: 't', partition })) }),
});

describe('client/admin consumer groups', () => {
  let b: FakeBroker;
  let admin: Admin;
  afterEach(async () => { await admin.close(); await b.stop(); });

  it('listGroups asks every broker, passing the state filter', async () => {
    b = await groupAdminBroker();
    b.handlers.set(16, (body) => ({
      throttleTimeMs: 0, errorCode: 0,
      groups: [{ groupId: 'b', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' }, { groupId: 'a', protocolType: '', groupState: 'Empty', groupType: 'classic' }]
        .filter((g) => body.statesFilter.length === 0 || body.statesFilter.includes(g.groupState)),
    }));
    admin = new Admin({ bootstrap: b.bootstrap });
    expect(await admin.listGroups()).to.deep.equal([
      { groupId: 'a', protocolType: '', state: 'Empty', type: 'classic' },
      { groupId: 'b', protocolType: 'consumer', state: 'Stable', type: 'classic' },
    ]);
    expect((await admin.listGroups(['Stable'])).map((g) => g.groupId)).to.deep.equal(['b']);
    expect(b.requestsFor(16)[1].statesFilter).to.deep.equal(['Stable']);
  });

  it('describeGroups decodes member assignments; an unknown group is Dead; NOT_COORDINATOR is retried', async () => {
    b = await groupAdminBroker();
    let first = true;
    b.handlers.set(15, (body) => ({
      throttleTimeMs: 0,
      groups: body.groups.map((groupId: string) => {
        if (first) { first = false; return { errorCode: 16, groupId, groupState: '', protocolType: '', protocolData: '', members: [], authorizedOperations: 0 }; }
        if (groupId === 'nope') return { errorCode: 69, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [], authorizedOperations: 0 };
        return { errorCode: 0, groupId, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range', members: [member('m1', [0]), member('m22', [1])], authorizedOperations: 0 };
      }),
    }));
    admin = new Admin({ bootstrap: b.bootstrap });
    const [g] = await admin.describeGroups(['g']);
    expect(g).to.deep.include({ groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'range' });
    expect(g.coordinator).to.deep.equal({ nodeId: 1, host: '127.0.0.1', port: b.port });
    expect(g.members).to.deep.equal([
      { memberId: 'm1', groupInstanceId: null, clientId: 'client-m1', clientHost: '/10.0.0.2', assignment: [{ topic: 't', partition: 0 }], subscription: ['t'] },
      { memberId: 'm22', groupInstanceId: null, clientId: 'client-m22', clientHost: '/10.0.0.3', assignment: [{ topic: 't', partition: 1 }], subscription: ['t'] },
    ]);
    expect(b.requestsFor(10)).to.have.length(2);
    const [dead] = await admin.describeGroups(['nope']);
    expect(dead).to.deep.include({ state: 'Dead', members: [] });
  });

  for (const [label, caps] of [['OffsetFetch v8+', {}], ['OffsetFetch v7', { 9: 7 }]] as const) {
    it(`fetchOffsets: all committed, or per topic with -1 for none (${label})`, async () => {
      b = await groupAdminBroker(caps);
      const committed: Record<string, number> = { 't-1': 42, 'u-0': 7 };
      b.handlers.set(9, (body, header) => {
        const topicsOf = (req: any[] | null) => (req === null
          ? [{ name: 't', partitionIndexes: [1] }, { name: 'u', partitionIndexes: [0] }] : req).map((t: any) => ({
          name: t.name,
          partitions: t.partitionIndexes.map((p: number) => ({ partitionIndex: p, committedOffset: committed[`${t.name}-${p}`] ?? -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 })),
        }));
        if (header.apiVersion >= 8) return { throttleTimeMs: 0, groups: body.groups.map((g: any) => ({ groupId: g.groupId, topics: topicsOf(g.topics), errorCode: 0 })) };
        return { throttleTimeMs: 0, errorCode: 0, topics: topicsOf(body.topics) };
      });
      admin = new Admin({ bootstrap: b.bootstrap });
      expect((await admin.fetchOffsets('g')).map((o) => [o.topic, o.partition, o.offset])).to.deep.equal([['t', 1, 42], ['u', 0, 7]]);
      expect((await admin.fetchOffsets('g', ['t'])).map((o) => [o.topic, o.partition, o.offset])).to.deep.equal([['t', 0, -1], ['t', 1, 42]]);
      const req = b.requestsFor(9)[1];
      if (label === 'OffsetFetch v7') expect(req.topics).to.deep.equal([{ name: 't', partitionIndexes: [0, 1] }]);
      else expect(req.groups[0].topics).to.deep.equal([{ name: 't', partitionIndexes: [0, 1] }]);
      expect(req.requireStable).to.equal(false);
    });
  }

  it('alterOffsets commits with generation -1 and no member id; errors name the partition', async () => {
    b = await groupAdminBroker();
    b.handlers.set(8, (body) => ({
      throttleTimeMs: 0,
      topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: t.name === 'busy' ? 25 : 0 })) })),
    }));
    admin = new Admin({ bootstrap: b.bootstrap });
    await admin.alterOffsets('g', [{ topic: 't', partition: 0, offset: 3 }, { topic: 't', partition: 1, offset: 0 }]);
    const req = b.requestsFor(8)[0];
    expect(req).to.include({ groupId: 'g', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null });
    expect(req.topics[0].partitions.map((p: any) => [p.partitionIndex, p.committedOffset])).to.deep.equal([[0, 3], [1, 0]]);
    let err: unknown;
    try { await admin.alterOffsets('g', [{ topic: 'busy', partition: 0, offset: 1 }]); } catch (e) { err = e; }
    expect((err as KafkaProtocolError).codeName).to.equal('UNKNOWN_MEMBER_ID');
    expect((err as Error).message).to.include('busy-0').and.include('active members');
  });

  it('deleteGroups returns the error per group; deleteOffsets the partition errors', async () => {
    b = await groupAdminBroker();
    b.handlers.set(42, (body) => ({ throttleTimeMs: 0, results: body.groupsNames.map((groupId: string) => ({ groupId, errorCode: groupId === 'busy' ? 68 : 0 })) }));
    b.handlers.set(47, (body) => ({
      errorCode: 0, throttleTimeMs: 0,
      topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: t.name === 't' ? 86 : 0 })) })),
    }));
    admin = new Admin({ bootstrap: b.bootstrap });
    expect(await admin.deleteGroups(['a', 'busy'])).to.deep.equal([{ groupId: 'a', errorCode: 0 }, { groupId: 'busy', errorCode: 68 }]);
    const r = await admin.deleteOffsets('g', [{ topic: 't', partition: 0 }, { topic: 'u', partition: 0 }]);
    expect(r).to.deep.equal({ errorCode: 0, partitions: [{ topic: 't', partition: 0, errorCode: 86 }, { topic: 'u', partition: 0, errorCode: 0 }] });
  });
});
