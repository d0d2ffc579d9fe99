// The consumer protocol's member metadata (subscription) and member assignment bytes:
// an int16 version followed by the ConsumerProtocolSubscription / ConsumerProtocolAssignment
// body of that version. Newer versions than known are read with the highest known one
// (later versions only append fields), as Kafka does.
import { getDataCodec } from '../../protocol/codec';
import type { TopicPartition } from './apis';

export const SUBSCRIPTION_MAX_VERSION = 3;
export const ASSIGNMENT_MAX_VERSION = 3;

export interface Subscription {
  topics: string[];
  userData: Buffer | null;
  /** v1+: partitions the member owns (empty for eager assignors). */
  ownedPartitions: TopicPartition[];
  /** v2+: the member's last generation (-1 when none). */
  generationId: number;
  /** v3+ */
  rackId: string | null;
}

export interface Assignment { partitions: TopicPartition[]; userData: Buffer | null }

function withVersion(version: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(2 + body.length);
  out.writeInt16BE(version, 0);
  body.copy(out, 2);
  return out;
}

function readVersion(buf: Buffer, what: string, max: number): number {
  if (buf.length < 2) throw new Error(`${what} is shorter than its version`);
  const v = buf.readInt16BE(0);
  if (v < 0) throw new Error(`${what} has a negative version ${v}`);
  return Math.min(v, max);
}

function toStructs(list: TopicPartition[]): { topic: string; partitions: number[] }[] {
  const m = new Map<string, number[]>();
  for (const tp of list) {
    let l = m.get(tp.topic);
    if (!l) m.set(tp.topic, (l = []));
    l.push(tp.partition);
  }
  return [...m].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
}

function fromStructs(list: { topic: string; partitions: number[] }[] | null | undefined): TopicPartition[] {
  const out: TopicPartition[] = [];
  for (const t of list ?? []) for (const partition of t.partitions ?? []) out.push({ topic: t.topic, partition });
  return out;
}

export function encodeSubscription(s: Partial<Subscription> & { topics: string[] }, version = SUBSCRIPTION_MAX_VERSION): Buffer {
  const body = getDataCodec('ConsumerProtocolSubscription', version).encode({
    topics: s.topics,
    userData: s.userData ?? null,
    ownedPartitions: toStructs(s.ownedPartitions ?? []),
    generationId: s.generationId ?? -1,
    rackId: s.rackId ?? null,
  });
  return withVersion(version, body);
}

export function decodeSubscription(buf: Buffer): Subscription & { version: number } {
  const version = readVersion(buf, 'subscription', SUBSCRIPTION_MAX_VERSION);
  const v: any = getDataCodec('ConsumerProtocolSubscription', version).decode(buf, 2);
  return {
    version: buf.readInt16BE(0),
    topics: v.topics ?? [],
    userData: v.userData ?? null,
    ownedPartitions: fromStructs(v.ownedPartitions),
    generationId: v.generationId ?? -1,
    rackId: v.rackId ?? null,
  };
}

export function encodeAssignment(a: { partitions: TopicPartition[]; userData?: Buffer | null }, version = ASSIGNMENT_MAX_VERSION): Buffer {
  const body = getDataCodec('ConsumerProtocolAssignment', version).encode({
    assignedPartitions: toStructs(a.partitions),
    userData: a.userData ?? null,
  });
  return withVersion(version, body);
}

/** Decodes a member assignment; empty bytes (a member not yet assigned) are an empty assignment. */
export function decodeAssignment(buf: Buffer | null | undefined): Assignment {
  if (!buf || buf.length === 0) return { partitions: [], userData: null };
  const version = readVersion(buf, 'assignment', ASSIGNMENT_MAX_VERSION);
  const v: any = getDataCodec('ConsumerProtocolAssignment', version).decode(buf, 2);
  return { partitions: fromStructs(v.assignedPartitions), userData: v.userData ?? null };
}
