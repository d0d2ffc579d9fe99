// Kafka's __consumer_offsets record formats for classic groups and committed offsets.
// Keys and values start with an int16 version:
//   key 0/1 OffsetCommitKey:   group string, topic string, partition int32
//   key 2   GroupMetadataKey:  group string
//   OffsetCommitValue 0-4:     offset int64, leaderEpoch int32 (3+), metadata string,
//                              commitTimestamp int64, expireTimestamp int64 (1 only)
//   GroupMetadataValue 0-4:    protocolType string, generation int32, protocol string?,
//                              leader string?, currentStateTimestamp int64 (2+), members[]:
//                              memberId, groupInstanceId? (3+), clientId, clientHost,
//                              rebalanceTimeout int32 (1+), sessionTimeout int32,
//                              subscription bytes, assignment bytes
// Version 4 of both values is flexible (compact lengths, tagged fields). samsa writes
// OffsetCommitKey 1, OffsetCommitValue 3 (1 when an expire timestamp is given),
// GroupMetadataKey 2 and GroupMetadataValue 3, as Kafka does; it reads every version.
import { Reader } from '../../protocol/reader';
import { Writer } from '../../protocol/writer';
import type { GroupRecord } from './types';

export const OFFSET_KEY_VERSION = 1;
export const GROUP_KEY_VERSION = 2;
export const GROUP_VALUE_VERSION = 3;

export interface OffsetValue {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** -1 when absent (only value version 1 carries it). */
  expireTimestamp: number;
}

export interface GroupMemberValue {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeout: number;
  sessionTimeout: number;
  subscription: Buffer;
  assignment: Buffer;
}

export interface GroupValue {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  currentStateTimestamp: number;
  members: GroupMemberValue[];
}

export type DecodedKey =
  | { kind: 'offset'; version: number; group: string; topic: string; partition: number }
  | { kind: 'group'; version: number; group: string }
  | { kind: 'other'; version: number };

export function offsetKey(group: string, topic: string, partition: number): Buffer {
  return new Writer(64).int16(OFFSET_KEY_VERSION).string(group).string(topic).int32(partition).toBuffer();
}

export function groupKey(group: string): Buffer {
  return new Writer(32).int16(GROUP_KEY_VERSION).string(group).toBuffer();
}

export function decodeKey(buf: Buffer): DecodedKey {
  const r = new Reader(buf);
  const version = r.int16();
  if (version === 0 || version === 1) {
    const group = r.string();
    const topic = r.string();
    return { kind: 'offset', version, group, topic, partition: r.int32() };
  }
  if (version === 2) return { kind: 'group', version, group: r.string() };
  return { kind: 'other', version };
}

/** Value version 1 when an expire timestamp is set, else 3 (Kafka's choice since 2.1). */
export function encodeOffsetValue(v: OffsetValue): Buffer {
  const w = new Writer(64);
  if (v.expireTimestamp >= 0) {
    w.int16(1).int64(v.offset).string(v.metadata).int64(v.commitTimestamp).int64(v.expireTimestamp);
  } else {
    w.int16(3).int64(v.offset).int32(v.leaderEpoch).string(v.metadata).int64(v.commitTimestamp);
  }
  return w.toBuffer();
}

export function decodeOffsetValue(buf: Buffer): OffsetValue {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0 || version > 4) throw new Error(`unknown OffsetCommitValue version ${version}`);
  const flexible = version >= 4;
  const offset = r.int64();
  const leaderEpoch = version >= 3 ? r.int32() : -1;
  const metadata = flexible ? r.compactString() : r.string();
  const commitTimestamp = r.int64();
  const expireTimestamp = version === 1 ? r.int64() : -1;
  if (flexible) skipTags(r);
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp };
}

export function encodeGroupValue(v: GroupValue): Buffer {
  const w = new Writer(256);
  w.int16(GROUP_VALUE_VERSION).string(v.protocolType).int32(v.generation)
    .nullableString(v.protocol).nullableString(v.leader).int64(v.currentStateTimestamp);
  w.int32(v.members.length);
  for (const m of v.members) {
    w.string(m.memberId).nullableString(m.groupInstanceId).string(m.clientId).string(m.clientHost)
      .int32(m.rebalanceTimeout).int32(m.sessionTimeout).bytes(m.subscription).bytes(m.assignment);
  }
  return w.toBuffer();
}

export function decodeGroupValue(buf: Buffer): GroupValue {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0 || version > 4) throw new Error(`unknown GroupMetadataValue version ${version}`);
  const flex = version >= 4;
  const str = (): string => (flex ? r.compactString() : r.string());
  const nstr = (): string | null => (flex ? r.compactNullableString() : r.nullableString());
  const bytes = (): Buffer => (flex ? r.compactBytes() : r.bytes());
  const protocolType = str();
  const generation = r.int32();
  const protocol = nstr();
  const leader = nstr();
  const currentStateTimestamp = version >= 2 ? r.int64() : -1;
  const n = r.arrayLength(flex, 4);
  const members: GroupMemberValue[] = [];
  for (let i = 0; i < n; i++) {
    const memberId = str();
    const groupInstanceId = version >= 3 ? nstr() : null;
    const clientId = str();
    const clientHost = str();
    const rebalanceTimeout = version >= 1 ? r.int32() : -1;
    const sessionTimeout = r.int32();
    const subscription = bytes();
    const assignment = bytes();
    if (flex) skipTags(r);
    members.push({
      memberId, groupInstanceId, clientId, clientHost,
      rebalanceTimeout: rebalanceTimeout < 0 ? sessionTimeout : rebalanceTimeout,
      sessionTimeout, subscription, assignment,
    });
  }
  if (flex) skipTags(r);
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}

function skipTags(r: Reader): void {
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    r.uvarint();
    r.skip(r.uvarint());
  }
}

export function offsetRecord(group: string, topic: string, partition: number, v: OffsetValue): GroupRecord {
  return { key: offsetKey(group, topic, partition), value: encodeOffsetValue(v) };
}

export function offsetTombstone(group: string, topic: string, partition: number): GroupRecord {
  return { key: offsetKey(group, topic, partition), value: null };
}

export function groupRecord(group: string, v: GroupValue): GroupRecord {
  return { key: groupKey(group), value: encodeGroupValue(v) };
}

export function groupTombstone(group: string): { key: Buffer; value: null } {
  return { key: groupKey(group), value: null };
}
