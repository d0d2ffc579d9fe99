// What an API handler sees: the request header, the connection, and the broker's services
// on this processor thread (catalog snapshot, owner links, controller).
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/server-config';
import type { RequestHeader } from '../protocol/header';
import type { TopicCatalog } from '../actors/controller/catalog';
import type { Controller } from '../actors/controller/controller';
import type { Placement } from '../runtime/placement';
import type { RpcClient } from '../runtime/rpc';

/** The controller's admin operations, as a processor reaches them (directly or across threads). */
export type ControllerApi = Pick<Controller, 'createTopics' | 'deleteTopics' | 'createPartitions' | 'alterTopicConfigs'>;

export interface BrokerServices {
  readonly config: ServerConfig;
  readonly nodeId: number;
  readonly clusterId: string;
  readonly advertised: { host: string; port: number };
  readonly placement: Placement;
  readonly logger: Logger;
  catalog(): TopicCatalog;
  /** Data-plane link to the handler worker with this index. */
  owner(index: number): RpcClient;
  readonly controller: ControllerApi;
}

export interface ConnectionInfo {
  readonly id: number;
  readonly remote: string;
  clientSoftwareName?: string;
  clientSoftwareVersion?: string;
}

export interface RequestContext {
  readonly header: RequestHeader;
  readonly conn: ConnectionInfo;
  readonly services: BrokerServices;
}

/** Returned by a handler when the request gets no response (Produce with acks=0). */
export const NO_RESPONSE = Symbol('no-response');

export interface ApiDefinition<Req = any, Res = any> {
  readonly apiKey: number;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  handle(ctx: RequestContext, req: Req): Res | typeof NO_RESPONSE | Promise<Res | typeof NO_RESPONSE>;
  /** The response that carries `errorCode` for every item of `req` (UNKNOWN_SERVER_ERROR at the boundary). */
  errorResponse?(ctx: RequestContext, req: Req, errorCode: number): Res;
}
