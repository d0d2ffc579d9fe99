// ApiKey 10 FindCoordinator v0-6
// Group keys: this broker coordinates every group (single node); the offsets topic is
// created on first use, as in Kafka. Transaction keys: no transaction coordinator yet.
import { ErrorCode } from '../protocol/error-codes';
import { ensureOffsetsTopic } from './group-routing';
import { register } from './registry';
import type { RequestContext } from './types';

interface Req { key: string; keyType: number; coordinatorKeys: string[] }

const GROUP = 0;

register({
  apiKey: 10, name: 'FindCoordinator', minVersion: 0, maxVersion: 6,
  async handle(ctx: RequestContext, req: Req) {
    const svc = ctx.services;
    const keyType = ctx.header.apiVersion >= 1 ? req.keyType : GROUP;
    let errorCode = 0;
    let errorMessage: string | null = null;
    if (keyType !== GROUP) {
      errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
      errorMessage = 'samsa has no transaction coordinator yet';
    } else if (!(await ensureOffsetsTopic(svc))) {
      errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
      errorMessage = 'the offsets topic is not available';
    }
    const node = errorCode ? { nodeId: -1, host: '', port: -1 } : { nodeId: svc.nodeId, host: svc.advertised.host, port: svc.advertised.port };
    if (ctx.header.apiVersion >= 4) {
      return {
        throttleTimeMs: 0,
        coordinators: req.coordinatorKeys.map((key) => (!key && keyType === GROUP
          ? { key, nodeId: -1, host: '', port: -1, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'empty group id' }
          : { key, ...node, errorCode, errorMessage })),
      };
    }
    return { throttleTimeMs: 0, errorCode, errorMessage, ...node };
  },
});
