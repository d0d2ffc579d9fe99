// Helpers shared by the server-side assignors.
import type { AssignorMember, AssignorTopic, TargetAssignment } from './types';

/** Members sorted by member id, so that input order never matters. */
export function sortedMembers(members: readonly AssignorMember[]): AssignorMember[] {
  return [...members].sort((a, b) => compareStrings(a.memberId, b.memberId));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Topics that exist and have partitions, sorted by name, deduplicated by name. */
export function topicsByName(topics: readonly AssignorTopic[]): Map<string, AssignorTopic> {
  const byName = new Map<string, AssignorTopic>();
  for (const t of [...topics].sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.topicId, b.topicId))) {
    if (!byName.has(t.name) && Number.isInteger(t.partitions) && t.partitions > 0) byName.set(t.name, t);
  }
  return byName;
}

/** The member's subscribed topics that exist, as a set of topic ids. */
export function subscribedIds(m: AssignorMember, byName: ReadonlyMap<string, AssignorTopic>): Set<string> {
  const ids = new Set<string>();
  for (const name of m.subscribedTopics) {
    const t = byName.get(name);
    if (t) ids.add(t.topicId);
  }
  return ids;
}

/** A subscription's identity: its sorted, deduplicated topic ids. */
export function subscriptionKey(ids: ReadonlySet<string>): string {
  return [...ids].sort(compareStrings).join(',');
}

/** A partition as one key ("topicId:partition"). */
export function tpKey(topicId: string, partition: number): string {
  return `${topicId}:${partition}`;
}

/** An empty assignment for every member, in member id order. */
export function emptyAssignment(members: readonly AssignorMember[]): TargetAssignment {
  const out: TargetAssignment = new Map();
  for (const m of sortedMembers(members)) out.set(m.memberId, new Map());
  return out;
}

/** Adds a partition to a member's assignment. */
export function addPartition(out: TargetAssignment, memberId: string, topicId: string, partition: number): void {
  let byTopic = out.get(memberId);
  if (!byTopic) out.set(memberId, (byTopic = new Map()));
  let parts = byTopic.get(topicId);
  if (!parts) byTopic.set(topicId, (parts = []));
  parts.push(partition);
}

/** Sorts every partition list and orders topics by id, so outputs compare equal when equal. */
export function normalize(out: TargetAssignment): TargetAssignment {
  const norm: TargetAssignment = new Map();
  for (const memberId of [...out.keys()].sort(compareStrings)) {
    const byTopic = out.get(memberId)!;
    const sorted = new Map<string, number[]>();
    for (const topicId of [...byTopic.keys()].sort(compareStrings)) {
      const parts = byTopic.get(topicId)!;
      if (parts.length > 0) sorted.set(topicId, [...parts].sort((a, b) => a - b));
    }
    norm.set(memberId, sorted);
  }
  return norm;
}
