// Which handler worker owns what. Every partition has exactly one owner; the call site
// asks `placement.ownerOf(topic, partition)` so the owner is visible where work is routed.

/** FNV-1a over the topic name: stable across runs and threads. */
export function topicHash(topic: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < topic.length; i++) {
    h ^= topic.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Placement {
  constructor(readonly handlers: number) {
    if (!Number.isInteger(handlers) || handlers < 1) throw new Error(`placement needs at least one handler, got ${handlers}`);
  }
  /** Partitions of one topic are spread round-robin over handlers, starting at a hashed handler. */
  ownerOf(topic: string, partition: number): number {
    return (topicHash(topic) + partition) % this.handlers;
  }

  /** Items grouped by the handler that owns their partition, in their original order. */
  groupByOwner<T extends { topic: string; partition: number }>(items: Iterable<T>): Map<number, T[]> {
    const out = new Map<number, T[]>();
    for (const it of items) {
      const o = this.ownerOf(it.topic, it.partition);
      const l = out.get(o);
      if (l) l.push(it);
      else out.set(o, [it]);
    }
    return out;
  }
}
