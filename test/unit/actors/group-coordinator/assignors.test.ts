// Server-side assignors (uniform, range): fixed layouts, and properties over seeded random
// groups: completeness, balance, stickiness, determinism.
import { expect } from 'chai';
import {
  type AssignorMember, type AssignorTopic, type TargetAssignment, rangeAssign, resolveAssignors, uniformAssign,
} from '../../../../src/actors/group-coordinator/assignors';

type AssignFn = (m: readonly AssignorMember[], t: readonly AssignorTopic[]) => TargetAssignment;

/** mulberry32: a small seeded PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const topic = (name: string, partitions: number): AssignorTopic => ({ topicId: `id-${name}`, name, partitions });
const member = (memberId: string, subscribedTopics: string[], current: Record<string, number[]> = {}): AssignorMember =>
  ({ memberId, subscribedTopics, current: new Map(Object.entries(current)) });

function plain(a: TargetAssignment): Record<string, Record<string, number[]>> {
  const out: Record<string, Record<string, number[]>> = {};
  for (const [m, byTopic] of a) out[m] = Object.fromEntries(byTopic);
  return out;
}

function count(a: TargetAssignment, memberId: string): number {
  let n = 0;
  for (const parts of a.get(memberId)?.values() ?? []) n += parts.length;
  return n;
}

/** owner of every assigned partition; fails on a partition assigned twice */
function owners(a: TargetAssignment): Map<string, string> {
  const o = new Map<string, string>();
  for (const [m, byTopic] of a) {
    for (const [t, parts] of byTopic) {
      for (const p of parts) {
        const k = `${t}:${p}`;
        expect(o.has(k), `${k} assigned twice`).to.equal(false);
        o.set(k, m);
      }
    }
  }
  return o;
}

function checkComplete(a: TargetAssignment, members: AssignorMember[], topics: AssignorTopic[]): void {
  const o = owners(a);
  const byId = new Map(topics.map((t) => [t.topicId, t]));
  expect([...a.keys()].sort()).to.deep.equal(members.map((m) => m.memberId).sort());
  for (const t of topics) {
    const subs = members.filter((m) => m.subscribedTopics.includes(t.name));
    for (let p = 0; p < t.partitions; p++) {
      const owner = o.get(`${t.topicId}:${p}`);
      if (subs.length === 0) expect(owner, `${t.name}-${p} has no subscriber`).to.equal(undefined);
      else expect(subs.map((m) => m.memberId), `${t.name}-${p}`).to.include(owner);
    }
  }
  for (const k of o.keys()) {
    const [id, p] = k.split(':');
    expect(byId.get(id), k).to.not.equal(undefined);
    expect(Number(p)).to.be.lessThan(byId.get(id)!.partitions);
  }
}

/** No partition could move to an eligible member holding two or more fewer. */
function checkBalanced(a: TargetAssignment, members: AssignorMember[], topics: AssignorTopic[]): void {
  const byId = new Map(topics.map((t) => [t.topicId, t]));
  for (const [m, byTopic] of a) {
    for (const t of byTopic.keys()) {
      for (const other of members) {
        if (other.memberId === m || !other.subscribedTopics.includes(byId.get(t)!.name)) continue;
        expect(count(a, other.memberId), `${other.memberId} could take ${t} from ${m}`).to.be.greaterThan(count(a, m) - 2);
      }
    }
  }
}

function withCurrent(members: AssignorMember[], a: TargetAssignment): AssignorMember[] {
  return members.map((m) => ({ ...m, current: a.get(m.memberId) ?? new Map() }));
}

function shuffled<T>(xs: readonly T[], r: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function randomGroup(r: () => number, homogeneous: boolean): { members: AssignorMember[]; topics: AssignorTopic[] } {
  const topics = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => topic(`t${i}`, Math.floor(r() * 13)));
  const names = topics.map((t) => t.name).concat(r() < 0.3 ? ['missing-topic'] : []);
  const all = names.filter(() => r() < 0.8);
  const members = Array.from({ length: 1 + Math.floor(r() * 7) }, (_, i) =>
    member(`m${String(i).padStart(2, '0')}-${Math.floor(r() * 1000)}`, homogeneous ? all : names.filter(() => r() < 0.5)));
  return { members, topics };
}

describe('actors/group-coordinator: server-side assignors', () => {
  it('resolves configured names and Kafka class names; refuses unknown ones', () => {
    expect(resolveAssignors(['uniform', 'range']).map((a) => a.name)).to.deep.equal(['uniform', 'range']);
    expect(resolveAssignors(['org.apache.kafka.coordinator.group.assignor.RangeAssignor'])[0].name).to.equal('range');
    expect(() => resolveAssignors(['sticky'])).to.throw(/sticky/);
  });

  it('uniform: one member gets everything; members with nothing to take get empty maps', () => {
    const a = uniformAssign([member('a', ['x', 'y']), member('b', ['nope'])], [topic('x', 3), topic('y', 2), topic('z', 4)]);
    expect(plain(a)).to.deep.equal({ a: { 'id-x': [0, 1, 2], 'id-y': [0, 1] }, b: {} });
  });

  it('uniform: spreads topics round-robin and keeps what members hold', () => {
    const topics = [topic('x', 4), topic('y', 2)];
    const fresh = uniformAssign([member('b', ['x', 'y']), member('a', ['x', 'y'])], topics);
    expect(plain(fresh)).to.deep.equal({ a: { 'id-x': [0, 2], 'id-y': [0] }, b: { 'id-x': [1, 3], 'id-y': [1] } });
    // c joins: it takes two partitions, one from each of the others, nothing else moves
    const next = uniformAssign([...withCurrent([member('a', ['x', 'y']), member('b', ['x', 'y'])], fresh), member('c', ['x', 'y'])], topics);
    expect(count(next, 'a')).to.equal(2);
    expect(count(next, 'b')).to.equal(2);
    expect(count(next, 'c')).to.equal(2);
    for (const m of ['a', 'b']) {
      for (const [t, parts] of next.get(m)!) for (const p of parts) expect(fresh.get(m)!.get(t)).to.include(p);
    }
  });

  it('uniform: mixed subscriptions balance within what each member may take', () => {
    const topics = [topic('x', 6), topic('y', 6)];
    const members = [member('a', ['x']), member('b', ['x', 'y']), member('c', ['y'])];
    const out = uniformAssign(members, topics);
    checkComplete(out, members, topics);
    checkBalanced(out, members, topics);
    expect([count(out, 'a'), count(out, 'b'), count(out, 'c')]).to.deep.equal([4, 4, 4]);
  });

  it('range: the classic layout for a fresh group, per topic', () => {
    const topics = [topic('x', 7), topic('y', 3)];
    const out = rangeAssign([member('c', ['x']), member('a', ['x', 'y']), member('b', ['x', 'y'])], topics);
    expect(plain(out)).to.deep.equal({
      a: { 'id-x': [0, 1, 2], 'id-y': [0, 1] },
      b: { 'id-x': [3, 4], 'id-y': [2] },
      c: { 'id-x': [5, 6] },
    });
  });

  it('range: sticky where the ranges allow (a member keeping its extra slot)', () => {
    const topics = [topic('x', 5)];
    // b holds three (more than its ⌊5/2⌋ share): it keeps the extra slot rather than a
    const out = rangeAssign([member('a', ['x'], { 'id-x': [0, 1] }), member('b', ['x'], { 'id-x': [2, 3, 4] })], topics);
    expect(plain(out)).to.deep.equal({ a: { 'id-x': [0, 1] }, b: { 'id-x': [2, 3, 4] } });
    // a third member takes one partition from each (the members' ends of their ranges)
    const next = rangeAssign([member('a', ['x'], { 'id-x': [0, 1] }), member('b', ['x'], { 'id-x': [2, 3, 4] }), member('c', ['x'])], topics);
    expect(plain(next)).to.deep.equal({ a: { 'id-x': [0, 1] }, b: { 'id-x': [2, 3] }, c: { 'id-x': [4] } });
  });

  it('ignores current partitions that are invalid, unsubscribed or claimed twice', () => {
    const topics = [topic('x', 2)];
    for (const fn of [uniformAssign, rangeAssign]) {
      const out = fn([
        member('a', ['x'], { 'id-x': [0, 1, 7], 'id-gone': [0] }),
        member('b', ['x'], { 'id-x': [0, 1] }),
      ], topics);
      checkComplete(out, [member('a', ['x']), member('b', ['x'])], topics);
      expect(count(out, 'a')).to.equal(1);
      expect(count(out, 'b')).to.equal(1);
    }
  });

  const cases: [string, AssignFn][] = [['uniform', uniformAssign], ['range', rangeAssign]];
  for (const [name, fn] of cases) {
    it(`${name}: property — complete, exclusive, deterministic under input order (500 random groups)`, () => {
      const r = rng(name === 'uniform' ? 1 : 2);
      for (let i = 0; i < 500; i++) {
        const { members, topics } = randomGroup(r, r() < 0.5);
        const first = fn(members, topics);
        checkComplete(first, members, topics);
        // a second round from the first result, with inputs shuffled, gives one answer
        const again = withCurrent(members, first);
        const x = fn(again, topics);
        const y = fn(shuffled(again, r).map((m) => ({ ...m, subscribedTopics: shuffled(m.subscribedTopics, r) })), shuffled(topics, r));
        expect(plain(y)).to.deep.equal(plain(x));
        checkComplete(x, members, topics);
      }
    });
  }

  it('uniform: property — balanced (max − min ≤ 1 with identical subscriptions; no improving move otherwise)', () => {
    const r = rng(3);
    for (let i = 0; i < 400; i++) {
      const homogeneous = r() < 0.5;
      const { members, topics } = randomGroup(r, homogeneous);
      // from scratch, and from a random (possibly unbalanced, overlapping) current assignment
      const random = members.map((m) => {
        const cur: Record<string, number[]> = {};
        for (const t of topics) cur[t.topicId] = Array.from({ length: t.partitions }, (_, p) => p).filter(() => r() < 0.4);
        return { ...m, current: new Map(Object.entries(cur)) };
      });
      for (const input of [members, random]) {
        const out = uniformAssign(input, topics);
        checkComplete(out, members, topics);
        checkBalanced(out, members, topics);
        if (homogeneous) {
          const counts = members.map((m) => count(out, m.memberId));
          expect(Math.max(...counts) - Math.min(...counts)).to.be.at.most(1);
        }
      }
    }
  });

  it('range: property — per topic, the subscribers differ by at most one partition', () => {
    const r = rng(4);
    for (let i = 0; i < 400; i++) {
      const { members, topics } = randomGroup(r, r() < 0.5);
      const out = rangeAssign(withCurrent(members, uniformAssign(members, topics)), topics);
      checkComplete(out, members, topics);
      for (const t of topics) {
        const counts = members.filter((m) => m.subscribedTopics.includes(t.name)).map((m) => out.get(m.memberId)!.get(t.topicId)?.length ?? 0);
        if (counts.length > 0) expect(Math.max(...counts) - Math.min(...counts)).to.be.at.most(1);
      }
    }
  });

  for (const [name, fn] of cases) {
    it(`${name}: property — a member joining takes only its share, and only from others; a member leaving moves only its own`, () => {
      const r = rng(name === 'uniform' ? 5 : 6);
      for (let i = 0; i < 300; i++) {
        const topics = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, k) => topic(`t${k}`, 1 + Math.floor(r() * 12)));
        const names = topics.map((t) => t.name);
        const n = 1 + Math.floor(r() * 6);
        const members = Array.from({ length: n }, (_, k) => member(`m${k}`, names));
        const before = fn(members, topics);
        const joined = fn([...withCurrent(members, before), member(`new${i}`, names)], topics);
        const o1 = owners(before);
        const o2 = owners(joined);
        let moved = 0;
        for (const [k, owner] of o2) {
          if (o1.get(k) !== owner) {
            expect(owner, `${k} moved between old members`).to.equal(`new${i}`);
            moved++;
          }
        }
        const total = topics.reduce((s, t) => s + t.partitions, 0);
        // balance requires the newcomer to get its share, and no more
        expect(moved).to.equal(count(joined, `new${i}`));
        const perTopicShare = topics.reduce((s, t) => s + Math.ceil(t.partitions / (n + 1)), 0);
        expect(moved).to.be.at.most(name === 'uniform' ? Math.ceil(total / (n + 1)) : perTopicShare);
        // the newcomer leaves again: only its partitions move
        const left = fn(withCurrent(members, joined), topics);
        const o3 = owners(left);
        for (const [k, owner] of o2) if (owner !== `new${i}`) expect(o3.get(k), k).to.equal(owner);
      }
    });
  }
});
