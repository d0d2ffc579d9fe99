// Which __consumer_offsets partition owns a group: Kafka's
// Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions, where hashCode is Java's
// String.hashCode over UTF-16 code units (int32 arithmetic) and Utils.abs maps
// Integer.MIN_VALUE to 0.

/** Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1], wrapping at 32 bits. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: |n|, and 0 for Integer.MIN_VALUE. */
export function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

export function groupPartition(groupId: string, numPartitions: number): number {
  if (!(Number.isInteger(numPartitions) && numPartitions > 0)) throw new RangeError(`bad partition count ${numPartitions}`);
  return kafkaAbs(javaStringHashCode(groupId)) % numPartitions;
}
