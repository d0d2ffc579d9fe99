// API keys of the classic group protocol (protocol facts) and small helpers shared by the
// group consumer and the admin client.
import type { Connection } from '../connection';
import { ErrorCode } from '../../protocol/error-codes';
import { ApiKey } from '../../protocol/apis';

export const GroupApi = {
  OffsetCommit: ApiKey.OffsetCommit,
  OffsetFetch: ApiKey.OffsetFetch,
  FindCoordinator: ApiKey.FindCoordinator,
  JoinGroup: ApiKey.JoinGroup,
  Heartbeat: ApiKey.Heartbeat,
  LeaveGroup: ApiKey.LeaveGroup,
  SyncGroup: ApiKey.SyncGroup,
  DescribeGroups: ApiKey.DescribeGroups,
  ListGroups: ApiKey.ListGroups,
  DeleteGroups: ApiKey.DeleteGroups,
  OffsetDelete: ApiKey.OffsetDelete,
} as const;

/** The protocol type of groups formed by consumers (JoinGroup ProtocolType). */
export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export interface TopicPartition { topic: string; partition: number }

/** Errors after which the coordinator must be looked up again. */
export function isCoordinatorError(code: number): boolean {
  return code === ErrorCode.NOT_COORDINATOR || code === ErrorCode.COORDINATOR_NOT_AVAILABLE;
}

/** Errors that only need a retry after a short wait. */
export function isRetryLater(code: number): boolean {
  return code === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS || code === ErrorCode.REQUEST_TIMED_OUT;
}

/** Sends a request at the highest common version; resolves with the version used and the body. */
export async function requestVersioned(conn: Connection, apiKey: number, body: unknown, timeoutMs?: number): Promise<{ version: number; res: any }> {
  if (!conn.isConnected) await conn.connect();
  const version = conn.versionFor(apiKey);
  const res = await conn.request(apiKey, body, { version, timeoutMs });
  return { version, res };
}

/** Groups topic-partitions by topic, partitions ascending, topics in first-seen order. */
export function byTopic<T extends TopicPartition>(list: Iterable<T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const tp of list) {
    let l = out.get(tp.topic);
    if (!l) out.set(tp.topic, (l = []));
    l.push(tp);
  }
  for (const l of out.values()) l.sort((a, b) => a.partition - b.partition);
  return out;
}

export function sleep(ms: number): Promise<void> { return new Promise((r) => setTimeout(r, ms)); }
