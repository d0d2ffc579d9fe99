// Partition choice as Java clients make it: explicit partition, else murmur2(key) for keyed
// records (so keys land where Java producers put them), else a sticky partition per topic
// that moves on when its batch is sent.

/** Kafka's murmur2 (seed 0x9747b28c) over the key bytes, as a signed 32-bit int. */
export function murmur2(data: Uint8Array): number {
  const len = data.length;
  const m = 0x5bd1e995;
  let h = (0x9747b28c ^ len) | 0;
  const len4 = len >>> 2;
  for (let i = 0; i < len4; i++) {
    const i4 = i << 2;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const tail = len & ~3;
  switch (len & 3) {
    case 3: h ^= data[tail + 2] << 16; // falls through
    case 2: h ^= data[tail + 1] << 8; // falls through
    case 1: h ^= data[tail]; h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's Utils.toPositive. */
export function toPositive(n: number): number { return n & 0x7fffffff; }

/** Partition of a keyed record among numPartitions (Java's BuiltInPartitioner.partitionForKey). */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(key)) % numPartitions;
}

/** Sticky partition per topic for records without key or partition. */
export class StickyPartitioner {
  private readonly current = new Map<string, number>();
  constructor(private readonly random: () => number = Math.random) {}

  partition(topic: string, numPartitions: number): number {
    const p = this.current.get(topic);
    if (p !== undefined && p < numPartitions) return p;
    return this.next(topic, numPartitions, -1);
  }

  /** Called when the sticky partition's batch is closed: pick another partition. */
  onBatchClosed(topic: string, numPartitions: number, closedPartition: number): void {
    if (this.current.get(topic) === closedPartition) this.next(topic, numPartitions, closedPartition);
  }

  private next(topic: string, numPartitions: number, avoid: number): number {
    let p = Math.floor(this.random() * numPartitions) % numPartitions;
    if (numPartitions > 1 && p === avoid) p = (p + 1) % numPartitions;
    this.current.set(topic, p);
    return p;
  }
}
