// Client-side partition assignors of the classic consumer protocol, with Kafka's semantics:
// "range" (per topic, consecutive ranges over the sorted members; the first
// partitions % members members get one more) and "roundrobin" (all partitions of all
// subscribed topics, sorted by topic then partition, dealt out in turn to the sorted
// members, skipping members not subscribed to the partition's topic). Members sort by
// group instance id when both have one, static members first, then by member id.
import type { TopicPartition } from './apis';

export interface MemberSubscription {
  memberId: string;
  groupInstanceId: string | null;
  topics: string[];
  userData?: Buffer | null;
}

/** memberId → assigned partitions (every member has an entry, possibly empty). */
export type GroupAssignment = Map<string, TopicPartition[]>;

export interface Assignor {
  /** The protocol name announced in JoinGroup. */
  readonly name: string;
  /** partitionsPerTopic: partition count of each subscribed topic that exists. */
  assign(members: MemberSubscription[], partitionsPerTopic: Map<string, number>): GroupAssignment;
}

export function compareMembers(a: MemberSubscription, b: MemberSubscription): number {
  const ai = a.groupInstanceId;
  const bi = b.groupInstanceId;
  if (ai !== null && bi !== null) return cmp(ai, bi) || cmp(a.memberId, b.memberId);
  if (ai !== null) return -1;
  if (bi !== null) return 1;
  return cmp(a.memberId, b.memberId);
}

/** Java's String.compareTo for the ids involved (UTF-16 code unit order). */
function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

function emptyAssignment(members: MemberSubscription[]): GroupAssignment {
  return new Map(members.map((m) => [m.memberId, [] as TopicPartition[]]));
}

export const rangeAssignor: Assignor = {
  name: 'range',
  assign(members, partitionsPerTopic) {
    const out = emptyAssignment(members);
    const byTopic = new Map<string, MemberSubscription[]>();
    for (const m of members) {
      for (const t of new Set(m.topics)) {
        let l = byTopic.get(t);
        if (!l) byTopic.set(t, (l = []));
        l.push(m);
      }
    }
    for (const [topic, subs] of byTopic) {
      const n = partitionsPerTopic.get(topic);
      if (n === undefined || n <= 0) continue;
      const sorted = [...subs].sort(compareMembers);
      const per = Math.floor(n / sorted.length);
      const extra = n % sorted.length;
      sorted.forEach((m, i) => {
        const start = per * i + Math.min(i, extra);
        const len = per + (i < extra ? 1 : 0);
        const list = out.get(m.memberId)!;
        for (let p = start; p < start + len; p++) list.push({ topic, partition: p });
      });
    }
    return out;
  },
};

export const roundRobinAssignor: Assignor = {
  name: 'roundrobin',
  assign(members, partitionsPerTopic) {
    const out = emptyAssignment(members);
    if (members.length === 0) return out;
    const sorted = [...members].sort(compareMembers);
    const subscribed = sorted.map((m) => new Set(m.topics));
    const topics = [...new Set(members.flatMap((m) => m.topics))].filter((t) => (partitionsPerTopic.get(t) ?? 0) > 0).sort(cmp);
    let next = 0;
    for (const topic of topics) {
      const n = partitionsPerTopic.get(topic)!;
      for (let p = 0; p < n; p++) {
        while (!subscribed[next].has(topic)) next = (next + 1) % sorted.length;
        out.get(sorted[next].memberId)!.push({ topic, partition: p });
        next = (next + 1) % sorted.length;
      }
    }
    return out;
  },
};

export const BUILTIN_ASSIGNORS: Readonly<Record<string, Assignor>> = { range: rangeAssignor, roundrobin: roundRobinAssignor };

/** Maps assignor names (also Kafka's class names) to assignors; throws for unknown ones. */
export function resolveAssignors(list: (string | Assignor)[]): Assignor[] {
  if (list.length === 0) throw new Error('at least one partition assignor is required');
  return list.map((a) => {
    if (typeof a !== 'string') return a;
    const key = a.trim();
    const short = key === 'org.apache.kafka.clients.consumer.RangeAssignor' ? 'range'
      : key === 'org.apache.kafka.clients.consumer.RoundRobinAssignor' ? 'roundrobin' : key.toLowerCase();
    const found = BUILTIN_ASSIGNORS[short];
    if (!found) throw new Error(`unknown partition assignor '${a}': samsa supports range and roundrobin`);
    return found;
  });
}
