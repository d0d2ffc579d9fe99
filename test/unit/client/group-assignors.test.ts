import { expect } from 'chai';
import { rangeAssignor, roundRobinAssignor, resolveAssignors, compareMembers, MemberSubscription, GroupAssignment } from '../../../src/client/group/assignors';

const m = (memberId: string, topics: string[], groupInstanceId: string | null = null): MemberSubscription => ({ memberId, groupInstanceId, topics });
const counts = (o: Record<string, number>) => new Map(Object.entries(o));
/** "t0p1"-style names per member, sorted by topic then partition. */
function names(a: GroupAssignment): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, tps] of a) {
    out[id] = [...tps].sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition)).map((tp) => `${tp.topic}p${tp.partition}`);
  }
  return out;
}

describe('client/group assignors', () => {
  describe('range', () => {
    it("Kafka's example: two consumers, two topics of three partitions", () => {
      const a = rangeAssignor.assign([m('C1', ['t0', 't1']), m('C0', ['t0', 't1'])], counts({ t0: 3, t1: 3 }));
      expect(names(a)).to.deep.equal({ C0: ['t0p0', 't0p1', 't1p0', 't1p1'], C1: ['t0p2', 't1p2'] });
    });

    it('gives the first partitions % members members one partition more, in member order', () => {
      const a = rangeAssignor.assign([m('c', ['t']), m('a', ['t']), m('b', ['t'])], counts({ t: 7 }));
      expect(names(a)).to.deep.equal({ a: ['tp0', 'tp1', 'tp2'], b: ['tp3', 'tp4'], c: ['tp5', 'tp6'] });
    });

    it('assigns each topic among its own subscribers only', () => {
      const a = rangeAssignor.assign([m('C0', ['t0']), m('C1', ['t0', 't1'])], counts({ t0: 2, t1: 3 }));
      expect(names(a)).to.deep.equal({ C0: ['t0p0'], C1: ['t0p1', 't1p0', 't1p1', 't1p2'] });
    });

    it('more members than partitions: the last members get nothing', () => {
      const a = rangeAssignor.assign([m('a', ['t']), m('b', ['t']), m('c', ['t'])], counts({ t: 2 }));
      expect(names(a)).to.deep.equal({ a: ['tp0'], b: ['tp1'], c: [] });
    });

    it('skips topics without metadata; every member has an entry', () => {
      const a = rangeAssignor.assign([m('a', ['gone']), m('b', ['t', 'gone'])], counts({ t: 1 }));
      expect(names(a)).to.deep.equal({ a: [], b: ['tp0'] });
    });

    it('orders static members by group instance id, before dynamic members', () => {
      const members = [m('m1', ['t'], 'zeta'), m('m0', ['t']), m('m2', ['t'], 'alpha')];
      expect([...members].sort(compareMembers).map((x) => x.memberId)).to.deep.equal(['m2', 'm1', 'm0']);
      const a = rangeAssignor.assign(members, counts({ t: 3 }));
      expect(names(a)).to.deep.equal({ m2: ['tp0'], m1: ['tp1'], m0: ['tp2'] });
    });
  });

  describe('roundrobin', () => {
    it("Kafka's example: two consumers, two topics of three partitions", () => {
      const a = roundRobinAssignor.assign([m('C0', ['t0', 't1']), m('C1', ['t0', 't1'])], counts({ t0: 3, t1: 3 }));
      expect(names(a)).to.deep.equal({ C0: ['t0p0', 't0p2', 't1p1'], C1: ['t0p1', 't1p0', 't1p2'] });
    });

    it("Kafka's example with different subscriptions: 1, 2 and 3 partitions", () => {
      const a = roundRobinAssignor.assign(
        [m('C2', ['t0', 't1', 't2']), m('C0', ['t0']), m('C1', ['t0', 't1'])], counts({ t0: 1, t1: 2, t2: 3 }));
      expect(names(a)).to.deep.equal({ C0: ['t0p0'], C1: ['t1p0'], C2: ['t1p1', 't2p0', 't2p1', 't2p2'] });
    });

    it('sorts topics by name and continues the rotation across topics', () => {
      const a = roundRobinAssignor.assign([m('a', ['z', 'b']), m('b', ['z', 'b']), m('c', ['z', 'b'])], counts({ z: 2, b: 2 }));
      expect(names(a)).to.deep.equal({ a: ['bp0', 'zp1'], b: ['bp1'], c: ['zp0'] });
    });

    it('no members, no topics', () => {
      expect(roundRobinAssignor.assign([], counts({ t: 3 })).size).to.equal(0);
      expect(names(roundRobinAssignor.assign([m('a', ['x'])], counts({})))).to.deep.equal({ a: [] });
    });
  });

  it('resolves names and Kafka class names; refuses unknown assignors', () => {
    expect(resolveAssignors(['range', 'RoundRobin']).map((a) => a.name)).to.deep.equal(['range', 'roundrobin']);
    expect(resolveAssignors(['org.apache.kafka.clients.consumer.RoundRobinAssignor'])[0].name).to.equal('roundrobin');
    expect(() => resolveAssignors(['cooperative-sticky'])).to.throw(/unknown partition assignor 'cooperative-sticky'/);
    expect(() => resolveAssignors([])).to.throw(/at least one/);
  });
});
