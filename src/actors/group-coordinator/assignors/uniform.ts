// The `uniform` server-side assignor (the consumer protocol's default): spreads every
// subscribed partition over the members subscribed to its topic so that no partition could
// move to an eligible member holding two or more fewer partitions (with identical
// subscriptions: max − min ≤ 1), and keeps every member's current partitions where that
// balance allows, so a change moves as few partitions as balance requires.
//
// Identical subscriptions take a quota path: P partitions over N members gives everyone
// ⌊P/N⌋ and P mod N members one more; the extra slots go to the members that already hold
// the most, each member keeps up to its quota of what it holds, and the rest are dealt
// round-robin to members below quota. Mixed subscriptions keep what is valid, give each
// free partition to the least-loaded eligible member (most constrained topics first), then
// move partitions from fuller to emptier eligible members until none can improve.
import {
  addPartition, compareStrings, emptyAssignment, normalize, sortedMembers, subscribedIds, subscriptionKey,
  topicsByName, tpKey,
} from './common';
import type { AssignorMember, AssignorTopic, ServerAssignor, TargetAssignment } from './types';

interface Tp { topicId: string; partition: number; order: number }

interface Prepared {
  members: AssignorMember[];
  subs: Set<string>[];
  /** Every partition of every subscribed topic, by topic name then partition. */
  universe: Tp[];
  /** What each member keeps of its current assignment (valid, first claim wins), universe order. */
  retained: Tp[][];
}

function prepare(input: readonly AssignorMember[], topics: readonly AssignorTopic[]): Prepared {
  const seen = new Set<string>();
  const members = sortedMembers(input).filter((m) => (seen.has(m.memberId) ? false : (seen.add(m.memberId), true)));
  const byName = topicsByName(topics);
  const subs = members.map((m) => subscribedIds(m, byName));
  const subscribed = new Set<string>();
  for (const s of subs) for (const id of s) subscribed.add(id);
  const universe: Tp[] = [];
  const index = new Map<string, Tp>();
  for (const t of byName.values()) {
    if (!subscribed.has(t.topicId)) continue;
    for (let p = 0; p < t.partitions; p++) {
      const tp = { topicId: t.topicId, partition: p, order: universe.length };
      universe.push(tp);
      index.set(tpKey(t.topicId, p), tp);
    }
  }
  const claimed = new Set<Tp>();
  const retained = members.map((m, i) => {
    const keep: Tp[] = [];
    for (const topicId of [...m.current.keys()].sort(compareStrings)) {
      if (!subs[i].has(topicId)) continue;
      for (const p of [...m.current.get(topicId)!].sort((a, b) => a - b)) {
        const tp = index.get(tpKey(topicId, p));
        if (tp && !claimed.has(tp)) { claimed.add(tp); keep.push(tp); }
      }
    }
    return keep.sort((a, b) => a.order - b.order);
  });
  return { members, subs, universe, retained };
}

/** Identical subscriptions: quotas, sticky, round-robin for the rest. */
function assignHomogeneous(pre: Prepared, out: TargetAssignment): void {
  const { members, universe, retained } = pre;
  const n = members.length;
  const base = Math.floor(universe.length / n);
  let extra = universe.length % n;
  // the members holding the most get the extra slots (ties by member id: members are sorted)
  const byHeld = members.map((_, i) => i).sort((a, b) => retained[b].length - retained[a].length || a - b);
  const quota = new Array<number>(n).fill(base);
  for (const i of byHeld) if (extra > 0) { quota[i]++; extra--; }
  const owned = new Set<Tp>();
  const count = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (const tp of retained[i].slice(0, quota[i])) {
      owned.add(tp);
      addPartition(out, members[i].memberId, tp.topicId, tp.partition);
      count[i]++;
    }
  }
  const needy = members.map((_, i) => i).filter((i) => count[i] < quota[i]);
  let k = 0;
  for (const tp of universe) {
    if (owned.has(tp)) continue;
    // round-robin over the members still below quota
    while (count[needy[k % needy.length]] >= quota[needy[k % needy.length]]) k++;
    const i = needy[k % needy.length];
    addPartition(out, members[i].memberId, tp.topicId, tp.partition);
    count[i]++;
    k++;
  }
}

/** Mixed subscriptions: keep, fill the least loaded, then move until balanced. */
function assignHeterogeneous(pre: Prepared, out: TargetAssignment): void {
  const { members, subs, universe, retained } = pre;
  const subscribers = new Map<string, number[]>();
  members.forEach((_, i) => {
    for (const id of subs[i]) {
      let l = subscribers.get(id);
      if (!l) subscribers.set(id, (l = []));
      l.push(i);
    }
  });
  const owner = new Map<Tp, number>();
  const held: Set<Tp>[] = members.map(() => new Set());
  retained.forEach((tps, i) => { for (const tp of tps) { owner.set(tp, i); held[i].add(tp); } });
  const leastLoaded = (topicId: string, except: number): number => {
    let best = -1;
    for (const i of subscribers.get(topicId) ?? []) {
      if (i !== except && (best < 0 || held[i].size < held[best].size)) best = i;
    }
    return best;
  };
  const free = universe.filter((tp) => !owner.has(tp));
  free.sort((a, b) => subscribers.get(a.topicId)!.length - subscribers.get(b.topicId)!.length || a.order - b.order);
  for (const tp of free) {
    const i = leastLoaded(tp.topicId, -1);
    owner.set(tp, i);
    held[i].add(tp);
  }
  // Each move lowers the sum of squared counts, so this ends.
  for (let moved = true; moved;) {
    moved = false;
    const donors = members.map((_, i) => i).sort((a, b) => held[b].size - held[a].size || a - b);
    for (const d of donors) {
      const mine = [...held[d]].sort((a, b) => b.order - a.order);
      for (const tp of mine) {
        const r = leastLoaded(tp.topicId, d);
        if (r >= 0 && held[r].size <= held[d].size - 2) {
          held[d].delete(tp);
          held[r].add(tp);
          owner.set(tp, r);
          moved = true;
        }
      }
    }
  }
  for (const [tp, i] of [...owner].sort((a, b) => a[0].order - b[0].order)) {
    addPartition(out, members[i].memberId, tp.topicId, tp.partition);
  }
}

export function uniformAssign(members: readonly AssignorMember[], topics: readonly AssignorTopic[]): TargetAssignment {
  const out = emptyAssignment(members);
  const pre = prepare(members, topics);
  if (pre.members.length === 0 || pre.universe.length === 0) return normalize(out);
  const keys = new Set(pre.subs.map(subscriptionKey));
  if (keys.size === 1) assignHomogeneous(pre, out);
  else assignHeterogeneous(pre, out);
  return normalize(out);
}

export const uniformAssignor: ServerAssignor = { name: 'uniform', assign: uniformAssign };
