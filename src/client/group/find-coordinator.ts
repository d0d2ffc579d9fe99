// FindCoordinator for a group (key type 0): v0–3 carry one key, v4+ a list of keys.
import type { Connection } from '../connection';
import { KafkaProtocolError } from '../errors';
import { GroupApi, requestVersioned } from './apis';
import { ErrorCode } from '../../protocol/error-codes';

export interface CoordinatorInfo { nodeId: number; host: string; port: number }

/** Asks `conn` for the coordinator of a group; throws KafkaProtocolError for an error code. */
export async function findCoordinator(conn: Connection, groupId: string, timeoutMs?: number): Promise<CoordinatorInfo> {
  const { version, res } = await requestVersioned(conn, GroupApi.FindCoordinator, { key: groupId, keyType: 0, coordinatorKeys: [groupId] }, timeoutMs);
  const c = version >= 4 ? ((res.coordinators ?? []).find((x: any) => x.key === groupId) ?? (res.coordinators ?? [])[0]) : res;
  if (!c) throw new KafkaProtocolError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `FindCoordinator for group ${groupId}: empty response`);
  if (c.errorCode) throw new KafkaProtocolError(c.errorCode, c.errorMessage ?? `FindCoordinator for group ${groupId}`);
  return { nodeId: c.nodeId, host: c.host, port: c.port };
}
