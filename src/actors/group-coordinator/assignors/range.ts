// The `range` server-side assignor: topic by topic, the members subscribed to the topic
// (sorted by member id) share its partitions in ranges, ⌊P/N⌋ each and one more for P mod N
// of them, as the classic range assignor does. It is sticky where the ranges allow: the
// extra slots go first to members that already hold more than ⌊P/N⌋ of the topic, each
// member keeps up to its quota of the partitions it holds, and the freed partitions fill
// the members below quota in member-id order, in ascending runs. With no current
// assignment this is exactly the classic range layout (so co-subscribed topics with equal
// partition counts line up partition for partition).
import { addPartition, emptyAssignment, normalize, sortedMembers, subscribedIds, topicsByName } from './common';
import type { AssignorMember, AssignorTopic, ServerAssignor, TargetAssignment } from './types';

export function rangeAssign(input: readonly AssignorMember[], topics: readonly AssignorTopic[]): TargetAssignment {
  const out = emptyAssignment(input);
  const seen = new Set<string>();
  const members = sortedMembers(input).filter((m) => (seen.has(m.memberId) ? false : (seen.add(m.memberId), true)));
  const byName = topicsByName(topics);
  const subs = members.map((m) => subscribedIds(m, byName));
  for (const topic of byName.values()) {
    const group = members.filter((_, i) => subs[i].has(topic.topicId));
    if (group.length === 0) continue;
    const n = group.length;
    const p = topic.partitions;
    const base = Math.floor(p / n);
    let extra = p % n;
    const claimed = new Set<number>();
    const held = group.map((m) => {
      const mine: number[] = [];
      for (const x of [...(m.current.get(topic.topicId) ?? [])].sort((a, b) => a - b)) {
        if (Number.isInteger(x) && x >= 0 && x < p && !claimed.has(x)) { claimed.add(x); mine.push(x); }
      }
      return mine;
    });
    const quota = new Array<number>(n).fill(base);
    for (let i = 0; i < n && extra > 0; i++) if (held[i].length > base) { quota[i]++; extra--; }
    for (let i = 0; i < n && extra > 0; i++) if (quota[i] === base) { quota[i]++; extra--; }
    const owned = new Set<number>();
    const count = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (const x of held[i].slice(0, quota[i])) { owned.add(x); count[i]++; addPartition(out, group[i].memberId, topic.topicId, x); }
    }
    let i = 0;
    for (let x = 0; x < p; x++) {
      if (owned.has(x)) continue;
      while (count[i] >= quota[i]) i++;
      addPartition(out, group[i].memberId, topic.topicId, x);
      count[i]++;
    }
  }
  return normalize(out);
}

export const rangeAssignor: ServerAssignor = { name: 'range', assign: rangeAssign };
