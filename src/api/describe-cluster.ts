// ApiKey 60 DescribeCluster v0-1
import { ErrorCode } from '../protocol/error-codes';
import { register } from './registry';
import type { RequestContext } from './types';

register({
  apiKey: 60, name: 'DescribeCluster', minVersion: 0, maxVersion: 1,
  handle(ctx: RequestContext, req: { includeClusterAuthorizedOperations: boolean; endpointType: number }) {
    const svc = ctx.services;
    const base = { throttleTimeMs: 0, endpointType: req.endpointType ?? 1, clusterId: svc.clusterId, controllerId: svc.nodeId, clusterAuthorizedOperations: -2147483648 };
    // endpointType 1 = brokers, 2 = controllers; this node is both
    if (ctx.header.apiVersion >= 1 && req.endpointType !== 1 && req.endpointType !== 2) {
      return { ...base, errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE, errorMessage: `unsupported endpoint type ${req.endpointType}`, brokers: [] };
    }
    return {
      ...base, errorCode: 0, errorMessage: null,
      brokers: [{ brokerId: svc.nodeId, host: svc.advertised.host, port: svc.advertised.port, rack: null }],
    };
  },
});
