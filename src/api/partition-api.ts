// Shared shape of the simple per-partition APIs: resolve names against the catalog,
// scatter to owners, and rebuild the nested response in request order.
import { ErrorCode } from '../protocol/error-codes';
import { scatter } from './scatter';
import type { BrokerServices } from './types';

export interface TopicParts<P> { name: string; parts: P[] }

/**
 * For each (topic, partition) that exists, `tuple` builds the owner's part; others get
 * UNKNOWN_TOPIC_OR_PARTITION. `build(topicIndex, partIndex, result)` makes the response item.
 */
export async function perPartition<P, R extends unknown[]>(
  svc: BrokerServices, op: string, topics: TopicParts<P>[], partitionOf: (p: P) => number,
  tuple: (topic: string, p: P) => unknown[], unknown: (code: number) => R, extra: Record<string, unknown> = {},
): Promise<R[][]> {
  const catalog = svc.catalog();
  const out: R[][] = topics.map((t) => t.parts.map(() => unknown(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)));
  const work: { topic: string; partition: number; p: P; ti: number; pi: number }[] = [];
  topics.forEach((t, ti) => {
    const entry = catalog.get(t.name);
    t.parts.forEach((p, pi) => {
      const partition = partitionOf(p);
      if (entry && partition >= 0 && partition < entry.partitions.length) work.push({ topic: t.name, partition, p, ti, pi });
    });
  });
  const { results } = await scatter<typeof work[number], R>(svc, op, work, (w) => tuple(w.topic, w.p), extra, unknown);
  work.forEach((w, i) => { out[w.ti][w.pi] = results[i]; });
  return out;
}
