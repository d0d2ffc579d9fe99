// Assignments as topicId → sorted, distinct partitions (empty topics are dropped), and the
// set operations reconciliation needs.

export type Assignment = Map<string, number[]>;

export interface TopicPartitionsData { topicId: string; partitions: number[] }

export const EMPTY_ASSIGNMENT: Assignment = new Map();

/** Builds an assignment from wire topic-partition lists (merging repeated topics). */
export function assignmentOf(list: readonly TopicPartitionsData[] | ReadonlyMap<string, readonly number[]> | null | undefined): Assignment {
  const acc = new Map<string, Set<number>>();
  const entries: [string, readonly number[]][] = !list ? [] : list instanceof Map
    ? [...list.entries()] : (list as readonly TopicPartitionsData[]).map((t) => [t.topicId, t.partitions]);
  for (const [topicId, parts] of entries) {
    let s = acc.get(topicId);
    if (!s) acc.set(topicId, (s = new Set()));
    for (const p of parts) s.add(p);
  }
  return normalized(acc);
}

function normalized(acc: Map<string, Set<number> | number[]>): Assignment {
  const out: Assignment = new Map();
  for (const topicId of [...acc.keys()].sort()) {
    const parts = [...acc.get(topicId)!].sort((a, b) => a - b);
    if (parts.length > 0) out.set(topicId, parts);
  }
  return out;
}

/** Wire form, topics in id order. */
export function toTopicPartitions(a: Assignment): TopicPartitionsData[] {
  return [...a].map(([topicId, partitions]) => ({ topicId, partitions: [...partitions] }));
}

export function assignmentEquals(a: Assignment, b: Assignment): boolean {
  if (a.size !== b.size) return false;
  for (const [topicId, pa] of a) {
    const pb = b.get(topicId);
    if (!pb || pb.length !== pa.length) return false;
    for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return false;
  }
  return true;
}

export function assignmentSize(a: Assignment): number {
  let n = 0;
  for (const parts of a.values()) n += parts.length;
  return n;
}

export function hasPartition(a: Assignment, topicId: string, partition: number): boolean {
  return a.get(topicId)?.includes(partition) ?? false;
}

/** Partitions of `a` that `keep(topicId, partition)` accepts. */
export function filterAssignment(a: Assignment, keep: (topicId: string, partition: number) => boolean): Assignment {
  const out: Assignment = new Map();
  for (const [topicId, parts] of a) {
    const kept = parts.filter((p) => keep(topicId, p));
    if (kept.length > 0) out.set(topicId, kept);
  }
  return out;
}

/** a − b */
export function minus(a: Assignment, b: Assignment): Assignment {
  return filterAssignment(a, (t, p) => !hasPartition(b, t, p));
}

/** a ∩ b */
export function intersect(a: Assignment, b: Assignment): Assignment {
  return filterAssignment(a, (t, p) => hasPartition(b, t, p));
}

/** a ∪ b */
export function union(a: Assignment, b: Assignment): Assignment {
  const acc = new Map<string, Set<number>>();
  for (const x of [a, b]) {
    for (const [topicId, parts] of x) {
      let s = acc.get(topicId);
      if (!s) acc.set(topicId, (s = new Set()));
      for (const p of parts) s.add(p);
    }
  }
  return normalized(acc);
}

/** Does `a` hold any partition of `b`? */
export function overlaps(a: Assignment, b: Assignment): boolean {
  for (const [topicId, parts] of a) {
    const other = b.get(topicId);
    if (other && parts.some((p) => other.includes(p))) return true;
  }
  return false;
}

/** Is every partition of `a` in `b`? */
export function isSubset(a: Assignment, b: Assignment): boolean {
  for (const [topicId, parts] of a) {
    const other = b.get(topicId);
    if (!other || parts.some((p) => !other.includes(p))) return false;
  }
  return true;
}
