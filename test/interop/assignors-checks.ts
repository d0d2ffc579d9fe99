// Pure checks for the assignor tests: who owns which partition in a DescribeGroups snapshot,
// the assignments range and round robin must produce, how far a sticky assignor moved
// partitions, and what a group consumed compared with the acknowledged records.
import type { Consumed } from './groups-members';

/** One member of a DescribeGroups answer: its partitions of the test topic. */
export interface MemberView { memberId: string; clientId: string; partitions: number[] }
/** One DescribeGroups answer. */
export interface Snapshot { at: number; state: string; protocolType: string; protocol: string; members: MemberView[] }

/** partition → the client ids of every member the snapshot says owns it. */
export function ownersOf(s: Snapshot, partitions: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (let p = 0; p < partitions; p++) out.set(p, []);
  for (const m of s.members) for (const p of m.partitions) (out.get(p) ?? out.set(p, []).get(p)!).push(m.clientId);
  return out;
}

/** Partitions owned by more than one member, and partitions (of 0..partitions-1) owned by none. */
export function ownershipFaults(s: Snapshot, partitions: number): { shared: number[]; unowned: number[]; foreign: number[] } {
  const own = ownersOf(s, partitions);
  const shared: number[] = [];
  const unowned: number[] = [];
  const foreign: number[] = [];
  for (const [p, l] of own) {
    if (p < 0 || p >= partitions) foreign.push(p);
    else if (l.length > 1) shared.push(p);
    else if (l.length === 0) unowned.push(p);
  }
  return { shared, unowned, foreign };
}

/** Every partition has exactly one owner. */
export function isFull(s: Snapshot, partitions: number): boolean {
  const f = ownershipFaults(s, partitions);
  return f.shared.length === 0 && f.unowned.length === 0 && f.foreign.length === 0;
}

/** clientId → partitions, sorted, for messages and comparisons. */
export function assignmentOf(s: Snapshot): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of [...s.members].sort((a, b) => (a.clientId < b.clientId ? -1 : 1))) out[m.clientId] = [...m.partitions].sort((a, b) => a - b);
  return out;
}

/** memberId → partitions an assignor must give, for one topic of `partitions` partitions. */
export type ExpectedAssignment = (memberIds: string[], partitions: number) => Map<string, number[]>;

/** Kafka's RangeAssignor for one topic: members sorted by member id, contiguous ranges, the first (n % k) one larger. */
export const expectedRange: ExpectedAssignment = (memberIds, n) => {
  const sorted = [...memberIds].sort();
  const per = Math.floor(n / sorted.length);
  const extra = n % sorted.length;
  const out = new Map<string, number[]>();
  let next = 0;
  sorted.forEach((id, i) => {
    const count = per + (i < extra ? 1 : 0);
    out.set(id, Array.from({ length: count }, (_, j) => next + j));
    next += count;
  });
  return out;
};

/** Kafka's RoundRobinAssignor for one topic: partition p goes to the (p % k)-th member by member id. */
export const expectedRoundRobin: ExpectedAssignment = (memberIds, n) => {
  const sorted = [...memberIds].sort();
  const out = new Map<string, number[]>(sorted.map((id) => [id, []]));
  for (let p = 0; p < n; p++) out.get(sorted[p % sorted.length])!.push(p);
  return out;
};

/** The snapshot's assignment by member id, in the form an ExpectedAssignment returns. */
export function byMemberId(s: Snapshot): Map<string, number[]> {
  return new Map(s.members.map((m) => [m.memberId, [...m.partitions].sort((a, b) => a - b)]));
}

/** Sizes of the members' assignments differ by at most one. */
export function isBalanced(s: Snapshot): boolean {
  const sizes = s.members.map((m) => m.partitions.length);
  return Math.max(...sizes) - Math.min(...sizes) <= 1;
}

/**
 * From one full assignment to the next: `moved` counts partitions taken from a member that is
 * still in the group; `minimal` is the fewest a balanced assignment must take from such members
 * (the larger final shares go to the members that had the most).
 */
export function stickyMoves(prev: Snapshot, next: Snapshot, partitions: number): { moved: number; minimal: number } {
  const before = ownersOf(prev, partitions);
  const after = ownersOf(next, partitions);
  const present = new Set(next.members.map((m) => m.clientId));
  let moved = 0;
  for (let p = 0; p < partitions; p++) {
    const was = before.get(p)![0];
    if (was !== undefined && present.has(was) && after.get(p)![0] !== was) moved++;
  }
  const k = next.members.length;
  const finals = next.members.map((_, i) => Math.floor(partitions / k) + (i < partitions % k ? 1 : 0));
  const had = next.members.map((m) => prev.members.find((x) => x.clientId === m.clientId)?.partitions.length ?? 0).sort((a, b) => b - a);
  const minimal = had.reduce((sum, h, i) => sum + Math.max(0, h - finals[i]), 0);
  return { moved, minimal };
}

/** Partitions listed in the member's "# REVOKED [...]" event lines among its first `upTo` events. */
export function revokedIn(events: string[], upTo: number): number {
  let n = 0;
  for (const l of events.slice(0, upTo)) if (l.startsWith('# REVOKED ')) n += (JSON.parse(l.slice(10)) as number[]).length;
  return n;
}

export interface ConsumedTally {
  expected: number;
  consumed: number;
  missing: string[];
  /** consumed lines that are not the acknowledged record at their offset */
  wrong: string[];
  /** records consumed more than once */
  duplicated: number;
  perMember: Record<string, number>;
}

/** Compares what the members consumed with the acknowledged records ("p:o" → digest line). */
export function tallyConsumed(acked: Map<string, string>, members: { name: string; records: Consumed[] }[]): ConsumedTally {
  const times = new Map<string, number>();
  const wrong: string[] = [];
  const perMember: Record<string, number> = {};
  let consumed = 0;
  for (const m of members) {
    perMember[m.name] = m.records.length;
    for (const r of m.records) {
      consumed++;
      const k = `${r.partition}:${r.offset}`;
      if (acked.get(k) !== r.line && wrong.length < 5) wrong.push(`${m.name} printed ${JSON.stringify(r.line)}, acknowledged there: ${JSON.stringify(acked.get(k))}`);
      times.set(k, (times.get(k) ?? 0) + 1);
    }
  }
  const missing = [...acked.keys()].filter((k) => !times.has(k));
  const duplicated = [...times.values()].filter((n) => n > 1).length;
  return { expected: acked.size, consumed, missing, wrong, duplicated, perMember };
}

/** Distinct records the members consumed. */
export function distinctConsumed(members: { records: Consumed[] }[]): number {
  const s = new Set<string>();
  for (const m of members) for (const r of m.records) s.add(`${r.partition}:${r.offset}`);
  return s.size;
}

/**
 * The user data of the eager "sticky" assignor (Kafka's StickyAssignor, V1 layout, which
 * kafka-python's StickyPartitionAssignor writes): the member's previous assignment
 * [topic, partitions[]][] and the generation it was from. null for empty user data.
 */
export function decodeStickyUserData(b: Buffer | null): { previous: Map<string, number[]>; generation: number } | null {
  if (!b || b.length === 0) return null;
  let o = 0;
  const previous = new Map<string, number[]>();
  const topics = b.readInt32BE(o); o += 4;
  for (let i = 0; i < topics; i++) {
    const len = b.readInt16BE(o); o += 2;
    const topic = b.toString('utf8', o, o + len); o += len;
    const n = b.readInt32BE(o); o += 4;
    const parts: number[] = [];
    for (let j = 0; j < n; j++) { parts.push(b.readInt32BE(o)); o += 4; }
    previous.set(topic, parts.sort((x, y) => x - y));
  }
  const generation = b.readInt32BE(o); o += 4;
  if (o !== b.length) throw new Error(`sticky user data: ${b.length - o} bytes left over`);
  return { previous, generation };
}

export const isSubset = (a: number[], b: number[]): boolean => a.every((x) => b.includes(x));
export const intersect = (a: number[], b: number[]): number[] => a.filter((x) => b.includes(x)).sort((x, y) => x - y);
export const partitionsOf = (s: Snapshot, clientId: string): number[] => s.members.find((m) => m.clientId === clientId)?.partitions ?? [];
