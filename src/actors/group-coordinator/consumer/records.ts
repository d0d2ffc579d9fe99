// Consumer group (KIP-848) state as records in __consumer_offsets, in Kafka's own formats
// (as of Kafka 3.8–4.0), so the log reads the same to Kafka tools:
//
//   key   = int16 record type, then the key struct (version 0, not flexible)
//   value = int16 value version (0), then the value struct (flexible); null = tombstone
//
//   type 3 ConsumerGroupMetadata                  (groupId)           → epoch
//   type 4 ConsumerGroupPartitionMetadata         (groupId)           → subscribed topics (id, name, partitions)
//   type 5 ConsumerGroupMemberMetadata            (groupId, memberId) → instance/rack/client ids, subscription, rebalance timeout, assignor
//   type 6 ConsumerGroupTargetAssignmentMetadata  (groupId)           → assignment epoch
//   type 7 ConsumerGroupTargetAssignmentMember    (groupId, memberId) → target partitions
//   type 8 ConsumerGroupCurrentMemberAssignment   (groupId, memberId) → epochs, state, assigned and pending-revocation partitions
//
// Tagged fields samsa does not use (metadata hash, classic member metadata, assignment
// epochs) are skipped when read and not written. Partition racks are written as an empty
// list (Kafka's "rack information unavailable").
import { getSchemaCodec } from '../../../protocol/codec';
import type { FieldDef, MessageDef } from '../../../protocol/schema';
import { type Assignment, assignmentOf, toTopicPartitions } from './assignment';
import type { ConsumerGroupMember } from './member';

export const RecordType = {
  GROUP_METADATA: 3,
  PARTITION_METADATA: 4,
  MEMBER_METADATA: 5,
  TARGET_ASSIGNMENT_METADATA: 6,
  TARGET_ASSIGNMENT_MEMBER: 7,
  CURRENT_MEMBER_ASSIGNMENT: 8,
} as const;
export type RecordTypeValue = (typeof RecordType)[keyof typeof RecordType];

/** A record as written to and read from the log. */
export interface GroupRecord { key: Buffer; value: Buffer | null }

export interface SubscribedTopicMetadata { topicId: string; topicName: string; numPartitions: number }

export interface MemberMetadataValue {
  instanceId: string | null; rackId: string | null; clientId: string; clientHost: string;
  subscribedTopicNames: string[]; subscribedTopicRegex: string | null; rebalanceTimeoutMs: number;
  serverAssignor: string | null;
}

export interface CurrentAssignmentValue {
  memberEpoch: number; previousMemberEpoch: number; state: number; assigned: Assignment; pendingRevocation: Assignment;
}

/** A decoded consumer group record; `value` null is a tombstone. */
export type ConsumerGroupRecord =
  | { type: 3; groupId: string; value: { epoch: number } | null }
  | { type: 4; groupId: string; value: { topics: SubscribedTopicMetadata[] } | null }
  | { type: 5; groupId: string; memberId: string; value: MemberMetadataValue | null }
  | { type: 6; groupId: string; value: { assignmentEpoch: number } | null }
  | { type: 7; groupId: string; memberId: string; value: { assignment: Assignment } | null }
  | { type: 8; groupId: string; memberId: string; value: CurrentAssignmentValue | null };

const str = (n: string): FieldDef => ({ n, t: 'string', v: '0+' });
const nstr = (n: string): FieldDef => ({ n, t: 'string', v: '0+', nv: '0+', d: null });
const i32 = (n: string, d?: number): FieldDef => (d === undefined ? { n, t: 'int32', v: '0+' } : { n, t: 'int32', v: '0+', d });
const topicPartitions = (n: string): FieldDef => ({
  n, t: '[]struct', s: 'TopicPartitions', v: '0+', f: [{ n: 'topicId', t: 'uuid', v: '0+' }, { n: 'partitions', t: '[]int32', v: '0+' }],
});
const key = (name: string, fields: FieldDef[]): MessageDef => ({ name, vv: '0', fv: 'none', f: fields });
const value = (name: string, fields: FieldDef[]): MessageDef => ({ name, vv: '0', fv: '0+', f: fields });

const GROUP_KEY = key('ConsumerGroupKey', [str('groupId')]);
const MEMBER_KEY = key('ConsumerGroupMemberKey', [str('groupId'), str('memberId')]);

const VALUES: Record<RecordTypeValue, MessageDef> = {
  3: value('ConsumerGroupMetadataValue', [i32('epoch')]),
  4: value('ConsumerGroupPartitionMetadataValue', [{
    n: 'topics', t: '[]struct', s: 'TopicMetadata', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' }, str('topicName'), i32('numPartitions'),
      { n: 'partitionMetadata', t: '[]struct', s: 'PartitionMetadata', v: '0+', f: [i32('partition'), { n: 'racks', t: '[]string', v: '0+' }] },
    ],
  }]),
  5: value('ConsumerGroupMemberMetadataValue', [
    nstr('instanceId'), nstr('rackId'), str('clientId'), str('clientHost'), { n: 'subscribedTopicNames', t: '[]string', v: '0+' },
    nstr('subscribedTopicRegex'), i32('rebalanceTimeoutMs', -1), nstr('serverAssignor'),
  ]),
  6: value('ConsumerGroupTargetAssignmentMetadataValue', [i32('assignmentEpoch')]),
  7: value('ConsumerGroupTargetAssignmentMemberValue', [topicPartitions('topicPartitions')]),
  8: value('ConsumerGroupCurrentMemberAssignmentValue', [
    i32('memberEpoch'), i32('previousMemberEpoch'), { n: 'state', t: 'int8', v: '0+' },
    topicPartitions('assignedPartitions'), topicPartitions('partitionsPendingRevocation'),
  ]),
};

const hasMember = (type: number): boolean => type === 5 || type === 7 || type === 8;

function prefixed(version: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(2 + body.length);
  out.writeInt16BE(version, 0);
  body.copy(out, 2);
  return out;
}

function encodeKey(type: RecordTypeValue, groupId: string, memberId?: string): Buffer {
  const body = hasMember(type) ? getSchemaCodec(MEMBER_KEY, 0).encode({ groupId, memberId }) : getSchemaCodec(GROUP_KEY, 0).encode({ groupId });
  return prefixed(type, body);
}

function encodeValue(type: RecordTypeValue, v: unknown): Buffer {
  return prefixed(0, getSchemaCodec(VALUES[type], 0).encode(v));
}

/** Record type of a __consumer_offsets key, or -1 for an empty key. */
export function recordTypeOf(key: Buffer): number {
  return key.length >= 2 ? key.readInt16BE(0) : -1;
}

export function isConsumerGroupRecordKey(key: Buffer): boolean {
  const t = recordTypeOf(key);
  return t >= 3 && t <= 8;
}

/** groupId (and memberId) of a consumer group record key; null for other record types. */
export function decodeConsumerGroupKey(keyBuf: Buffer): { type: RecordTypeValue; groupId: string; memberId?: string } | null {
  if (!isConsumerGroupRecordKey(keyBuf)) return null;
  const type = recordTypeOf(keyBuf) as RecordTypeValue;
  const k = (hasMember(type) ? getSchemaCodec(MEMBER_KEY, 0) : getSchemaCodec(GROUP_KEY, 0)).decode(keyBuf, 2);
  return hasMember(type) ? { type, groupId: k.groupId, memberId: k.memberId } : { type, groupId: k.groupId };
}

/** Decodes a consumer group record; null when the key is another kind of record. Throws ProtocolError when malformed. */
export function decodeConsumerGroupRecord(rec: GroupRecord): ConsumerGroupRecord | null {
  const k = decodeConsumerGroupKey(rec.key);
  if (!k) return null;
  if (rec.value === null || rec.value.length === 0) return { ...k, value: null } as ConsumerGroupRecord;
  // Kafka has only value version 0 of these; a later one would add tagged fields, which
  // version 0 reads (and keeps), so the version prefix is not checked.
  const v = getSchemaCodec(VALUES[k.type], 0).decode(rec.value, 2);
  switch (k.type) {
    case 3: return { type: 3, groupId: k.groupId, value: { epoch: v.epoch } };
    case 4: return {
      type: 4, groupId: k.groupId,
      value: { topics: v.topics.map((t: any) => ({ topicId: t.topicId, topicName: t.topicName, numPartitions: t.numPartitions })) },
    };
    case 5: return {
      type: 5, groupId: k.groupId, memberId: k.memberId!,
      value: {
        instanceId: v.instanceId, rackId: v.rackId, clientId: v.clientId, clientHost: v.clientHost,
        subscribedTopicNames: v.subscribedTopicNames, subscribedTopicRegex: v.subscribedTopicRegex,
        rebalanceTimeoutMs: v.rebalanceTimeoutMs, serverAssignor: v.serverAssignor,
      },
    };
    case 6: return { type: 6, groupId: k.groupId, value: { assignmentEpoch: v.assignmentEpoch } };
    case 7: return { type: 7, groupId: k.groupId, memberId: k.memberId!, value: { assignment: assignmentOf(v.topicPartitions) } };
    case 8: return {
      type: 8, groupId: k.groupId, memberId: k.memberId!,
      value: {
        memberEpoch: v.memberEpoch, previousMemberEpoch: v.previousMemberEpoch, state: v.state,
        assigned: assignmentOf(v.assignedPartitions), pendingRevocation: assignmentOf(v.partitionsPendingRevocation),
      },
    };
  }
}

// ---- builders -------------------------------------------------------------------------

export function groupEpochRecord(groupId: string, epoch: number): GroupRecord {
  return { key: encodeKey(3, groupId), value: encodeValue(3, { epoch }) };
}

export function partitionMetadataRecord(groupId: string, topics: readonly SubscribedTopicMetadata[]): GroupRecord {
  return { key: encodeKey(4, groupId), value: encodeValue(4, { topics: topics.map((t) => ({ ...t, partitionMetadata: [] })) }) };
}

export function memberMetadataRecord(groupId: string, m: ConsumerGroupMember): GroupRecord {
  return {
    key: encodeKey(5, groupId, m.memberId),
    value: encodeValue(5, {
      instanceId: m.instanceId, rackId: m.rackId, clientId: m.clientId, clientHost: m.clientHost,
      subscribedTopicNames: m.subscribedTopicNames, subscribedTopicRegex: m.subscribedTopicRegex,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs, serverAssignor: m.serverAssignor,
    }),
  };
}

export function targetAssignmentEpochRecord(groupId: string, assignmentEpoch: number): GroupRecord {
  return { key: encodeKey(6, groupId), value: encodeValue(6, { assignmentEpoch }) };
}

export function targetAssignmentMemberRecord(groupId: string, memberId: string, target: Assignment): GroupRecord {
  return { key: encodeKey(7, groupId, memberId), value: encodeValue(7, { topicPartitions: toTopicPartitions(target) }) };
}

export function currentAssignmentRecord(groupId: string, m: ConsumerGroupMember): GroupRecord {
  return {
    key: encodeKey(8, groupId, m.memberId),
    value: encodeValue(8, {
      memberEpoch: m.memberEpoch, previousMemberEpoch: m.previousMemberEpoch, state: m.state,
      assignedPartitions: toTopicPartitions(m.assigned), partitionsPendingRevocation: toTopicPartitions(m.pendingRevocation),
    }),
  };
}

export function tombstone(type: RecordTypeValue, groupId: string, memberId?: string): GroupRecord {
  return { key: encodeKey(type, groupId, memberId), value: null };
}
