// Send per-partition work to the partitions' owners, one message per owner, and put the
// answers back in the caller's order. A lost owner answers every part with `lost`.
import type { BrokerServices } from './types';
import { SamsaError, kafkaErrorOf } from '../runtime/samsa-error';

export interface ScatterPart { topic: string; partition: number }

export async function scatter<P extends ScatterPart, R>(
  svc: BrokerServices,
  op: string,
  parts: P[],
  tuple: (p: P) => unknown[],
  extra: Record<string, unknown>,
  lost: (errorCode: number) => R,
): Promise<{ results: R[]; payloads: (Buffer | null)[] }> {
  const byOwner = svc.placement.groupByOwner(parts.map((p, i) => ({ topic: p.topic, partition: p.partition, i })));
  const results = new Array<R>(parts.length);
  const payloads = new Array<Buffer | null>(parts.length).fill(null);
  await Promise.all([...byOwner].map(async ([owner, group]) => {
    const idx = group.map((g) => g.i);
    try {
      const { env, payload: back } = await svc.owner(owner).ask({ op, ...extra, parts: idx.map((i) => tuple(parts[i])) });
      idx.forEach((i, k) => { results[i] = env.parts[k] as R; });
      if (back) splitPayload(back, idx, env.parts, payloads);
    } catch (err) {
      const code = err instanceof SamsaError ? err.kafkaError : kafkaErrorOf(err);
      for (const i of idx) results[i] = lost(code);
    }
  }));
  return { results, payloads };
}

/** Replies with bytes carry each part's bytes back to back; the length is the last tuple field. */
export function splitPayload(back: Buffer, idx: number[], tuples: unknown[][], out: (Buffer | null)[]): void {
  let pos = 0;
  idx.forEach((i, k) => {
    const len = tuples[k][tuples[k].length - 1] as number;
    if (len > 0) out[i] = back.subarray(pos, pos + len);
    pos += len;
  });
}
