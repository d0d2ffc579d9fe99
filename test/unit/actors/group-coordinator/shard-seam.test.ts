// The seam for other group types: a stand-in group type shares the shard's group ids,
// offsets and write path, serves its own API keys and replays its own record versions.
import { expect } from 'chai';
import { ErrorCode } from '../../../../src/protocol/error-codes';
import { decodeKey } from '../../../../src/actors/group-coordinator/records';
import type { GroupTypeExtension, ShardGroup } from '../../../../src/actors/group-coordinator/types';
import { ApiKey, call, join, makeRig, type Rig } from './rig';

class FakeGroup implements ShardGroup {
  readonly type = 'consumer';
  dead = false;
  constructor(readonly groupId: string, public members: number, readonly epoch = 5) {}
  stateName() { return this.members > 0 ? 'Stable' : 'Empty'; }
  protocolTypeName() { return 'consumer'; }
  isEmpty() { return this.members === 0; }
  isSubscribedToTopic(t: string) { return t === 'sub'; }
  validateOffsetCommit(_m: string, _i: string | null, epoch: number) { return epoch === this.epoch || (epoch < 0 && this.isEmpty()) ? 0 : ErrorCode.STALE_MEMBER_EPOCH; }
  validateOffsetFetch() { return 0; }
  validateOffsetDelete() { return 0; }
  validateDeleteGroup() { return this.isEmpty() ? 0 : ErrorCode.NON_EMPTY_GROUP; }
  offsetExpiration() { return this.isEmpty() ? { base: 'state' as const, skipSubscribed: false } : null; }
  stateTimestamp() { return -1; }
  deletionRecords() { return [{ key: Buffer.from(`0003${Buffer.from(this.groupId).toString('hex')}`, 'hex'), value: null }]; }
  markDead() { this.dead = true; }
}

function install(rig: Rig): { replayed: [number, string | null][] } {
  const replayed: [number, string | null][] = [];
  const ext: GroupTypeExtension = {
    apiKeys: [68],
    recordKeyVersions: [3],
    handle: async (apiKey, version, body) => {
      const g = new FakeGroup(body.groupId, 1);
      rig.shard.groups.set(g.groupId, g);
      await rig.shard.context.write([{ key: Buffer.from('0003', 'hex'), value: Buffer.from(body.groupId) }]);
      return { errorCode: 0, apiKey, version };
    },
    replay: (v, _k, value) => { replayed.push([v, value && value.toString()]); },
  };
  rig.shard.registerExtension(ext);
  return { replayed };
}

describe('group coordinator: other group types in the shard', () => {
  it('an extension serves its API keys and replays its record versions', async () => {
    const rig = makeRig();
    const { replayed } = install(rig);
    const r = await rig.shard.handle(68, 0, { groupId: 'cg' }, { clientId: 'c', clientHost: 'h' });
    expect(r).to.deep.equal({ errorCode: 0, apiKey: 68, version: 0 });
    expect(rig.shard.listGroups([], ['consumer'])).to.deep.equal([{ groupId: 'cg', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer' }]);
    rig.shard.replay([{ key: Buffer.from('0003', 'hex'), value: Buffer.from('x') }]);
    expect(replayed).to.deep.equal([[3, 'x']]);
    rig.shard.close();
  });

  it('offsets of a group of another type go through its own checks', async () => {
    const rig = makeRig();
    const g = new FakeGroup('cg', 2);
    rig.shard.groups.set('cg', g);
    const commit = (epoch: number, topic = 't') => call(rig.shard, ApiKey.OffsetCommit, 9, {
      groupId: 'cg', generationIdOrMemberEpoch: epoch, memberId: 'm', topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: 3 }] }],
    }).then((r) => r.topics[0].partitions[0].errorCode);
    expect(await commit(4)).to.equal(ErrorCode.STALE_MEMBER_EPOCH);
    expect(await commit(5)).to.equal(0);
    expect(await commit(5, 'sub')).to.equal(0);
    const del = await call(rig.shard, ApiKey.OffsetDelete, 0, { groupId: 'cg', topics: [{ name: 'sub', partitions: [{ partitionIndex: 0 }] }, { name: 't', partitions: [{ partitionIndex: 0 }] }] });
    expect(del.topics.map((t: any) => t.partitions[0].errorCode)).to.deep.equal([ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, 0]);
    expect((await call(rig.shard, ApiKey.DeleteGroups, 2, { groupsNames: ['cg'] })).results[0].errorCode).to.equal(ErrorCode.NON_EMPTY_GROUP);
    g.members = 0;
    const n = rig.log.records.length;
    expect((await call(rig.shard, ApiKey.DeleteGroups, 2, { groupsNames: ['cg'] })).results[0].errorCode).to.equal(0);
    expect(g.dead).to.equal(true);
    expect(rig.log.records.slice(n).map((x) => decodeKey(x.key))).to.deep.equal([
      { kind: 'offset', version: 1, group: 'cg', topic: 'sub', partition: 0 },
      { kind: 'other', version: 3 },
    ]);
    rig.shard.close();
  });

  it('a classic JoinGroup takes over the id of an empty group of another type, not of one with members', async () => {
    const rig = makeRig({ initialRebalanceDelayMs: 10 });
    const busy = new FakeGroup('busy', 1);
    const idle = new FakeGroup('idle', 0);
    rig.shard.groups.set('busy', busy);
    rig.shard.groups.set('idle', idle);
    expect((await join(rig.shard, { groupId: 'busy' }, 3).settled()).errorCode).to.equal(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const j = join(rig.shard, { groupId: 'idle' }, 3);
    await rig.clock.advance(10);
    expect((await j.settled()).errorCode).to.equal(0);
    expect(idle.dead).to.equal(true);
    expect(rig.shard.groups.get('idle')?.type).to.equal('classic');
    expect(decodeKey(rig.log.records[0].key)).to.deep.equal({ kind: 'other', version: 3 }); // the old group's tombstone
    rig.shard.close();
  });
});
