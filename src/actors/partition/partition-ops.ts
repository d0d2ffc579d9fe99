// Data-plane operations a processor sends to the handler that owns the partitions.
// Envelopes are compact: parts travel as tuples; record bytes travel as the payload.
import { ErrorCode } from '../../protocol/error-codes';
import { kafkaErrorOf } from '../../runtime/samsa-error';
import type { PartitionActor } from './partition-actor';
import { FetchPurgatory, type FetchEnvelope } from './fetch-purgatory';

export type Reply = (env: object, payload?: Buffer | Buffer[] | null) => void;
export type Lookup = (topic: string, partition: number) => PartitionActor | undefined;

const EMPTY = Buffer.alloc(0);

/**
 * produce: parts [topic, partition, byteLength, pad?][], payload = each part's records after
 * `pad` filler bytes (src/api/produce.ts). The payload may be a view of ring memory that the
 * processor reuses as soon as this returns: the append (validate, stamp offsets in place, write)
 * is synchronous and nothing here keeps a reference to the bytes.
 */
export function handleProduce(lookup: Lookup, env: { parts: [string, number, number, number?][] }, payload: Buffer | null, reply: Reply): void {
  const out: [number, number, number, number, string | null][] = [];
  let pos = 0;
  for (const [topic, partition, len, pad] of env.parts) {
    if (pad !== undefined) pos += pad;
    const records = payload ? payload.subarray(pos, pos + len) : EMPTY;
    pos += len;
    const actor = lookup(topic, partition);
    if (!actor) { out.push([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, -1, null]); continue; }
    try {
      const r = actor.produce(records);
      out.push([0, r.baseOffset, r.logAppendTime, r.logStartOffset, null]);
    } catch (err) {
      out.push([kafkaErrorOf(err), -1, -1, actor.log.logStartOffset, (err as Error).message ?? null]);
    }
  }
  reply({ parts: out });
}

/** listOffsets: parts [topic, partition, timestamp, currentLeaderEpoch][] */
export function handleListOffsets(lookup: Lookup, env: { parts: [string, number, number, number][] }, reply: Reply): void {
  const out = env.parts.map(([topic, partition, ts, epoch]) => {
    const a = lookup(topic, partition);
    if (!a) return [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, -1];
    const e = a.checkLeaderEpoch(epoch ?? -1);
    if (e) return [e, -1, -1, -1];
    try {
      const r = a.listOffset(ts);
      return [r.errorCode, r.offset, r.timestamp, r.offset >= 0 ? a.leaderEpoch : -1];
    } catch (err) {
      return [kafkaErrorOf(err), -1, -1, -1];
    }
  });
  reply({ parts: out });
}

/** epochEnd: parts [topic, partition, leaderEpoch, currentLeaderEpoch][] */
export function handleEpochEnd(lookup: Lookup, env: { parts: [string, number, number, number][] }, reply: Reply): void {
  const out = env.parts.map(([topic, partition, epoch, current]) => {
    const a = lookup(topic, partition);
    if (!a) return [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1];
    const e = a.checkLeaderEpoch(current ?? -1);
    if (e) return [e, -1, -1];
    const r = a.endOffsetForEpoch(epoch);
    return [r.errorCode, r.leaderEpoch, r.endOffset];
  });
  reply({ parts: out });
}

/** deleteRecords: parts [topic, partition, offset][] */
export function handleDeleteRecords(lookup: Lookup, env: { parts: [string, number, number][] }, reply: Reply): void {
  const out = env.parts.map(([topic, partition, offset]) => {
    const a = lookup(topic, partition);
    if (!a) return [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1];
    try {
      return [0, a.deleteRecordsBefore(offset)];
    } catch (err) {
      return [kafkaErrorOf(err), -1];
    }
  });
  reply({ parts: out });
}

export { FetchPurgatory, type FetchEnvelope };
