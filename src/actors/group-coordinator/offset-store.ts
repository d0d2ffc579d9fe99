// Committed offsets of every group of one shard, as acknowledged by the log (what a
// replay of the log rebuilds), plus the commits still being appended: those are counted
// per partition so retention never expires an offset that a commit is about to replace.
import type { OffsetValue } from './records';

export type OffsetEntry = OffsetValue;

type TopicOffsets = Map<string, Map<number, OffsetEntry>>;

export class OffsetStore {
  private readonly byGroup = new Map<string, TopicOffsets>();
  private readonly pending = new Map<string, Map<string, number>>();

  get(group: string, topic: string, partition: number): OffsetEntry | undefined {
    return this.byGroup.get(group)?.get(topic)?.get(partition);
  }

  set(group: string, topic: string, partition: number, entry: OffsetEntry): void {
    let topics = this.byGroup.get(group);
    if (!topics) this.byGroup.set(group, (topics = new Map()));
    let parts = topics.get(topic);
    if (!parts) topics.set(topic, (parts = new Map()));
    parts.set(partition, entry);
  }

  delete(group: string, topic: string, partition: number): boolean {
    const topics = this.byGroup.get(group);
    const parts = topics?.get(topic);
    if (!topics || !parts || !parts.delete(partition)) return false;
    if (parts.size === 0) topics.delete(topic);
    if (topics.size === 0) this.byGroup.delete(group);
    return true;
  }

  /** The group's offsets by topic (live view; do not mutate), or undefined. */
  topics(group: string): ReadonlyMap<string, ReadonlyMap<number, OffsetEntry>> | undefined {
    return this.byGroup.get(group);
  }

  hasOffsets(group: string): boolean { return this.byGroup.has(group); }

  /** Every (topic, partition) with an offset for the group. */
  partitions(group: string): [string, number][] {
    const out: [string, number][] = [];
    for (const [t, parts] of this.byGroup.get(group) ?? []) for (const p of parts.keys()) out.push([t, p]);
    return out;
  }

  groupIds(): IterableIterator<string> { return this.byGroup.keys(); }

  get groupCount(): number { return this.byGroup.size; }

  beginPending(group: string, topic: string, partition: number): void {
    let m = this.pending.get(group);
    if (!m) this.pending.set(group, (m = new Map()));
    const k = pkey(topic, partition);
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  endPending(group: string, topic: string, partition: number): void {
    const m = this.pending.get(group);
    if (!m) return;
    const k = pkey(topic, partition);
    const n = (m.get(k) ?? 0) - 1;
    if (n > 0) m.set(k, n);
    else m.delete(k);
    if (m.size === 0) this.pending.delete(group);
  }

  isPending(group: string, topic: string, partition: number): boolean {
    return this.pending.get(group)?.has(pkey(topic, partition)) ?? false;
  }

  hasPending(group: string): boolean { return this.pending.has(group); }

  /** (topic, partition) pairs with a commit being appended. */
  pendingPartitions(group: string): [string, number][] {
    const out: [string, number][] = [];
    for (const k of this.pending.get(group)?.keys() ?? []) {
      const i = k.lastIndexOf('\u0000');
      out.push([k.slice(0, i), Number(k.slice(i + 1))]);
    }
    return out;
  }
}

function pkey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
