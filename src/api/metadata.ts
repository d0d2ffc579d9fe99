// ApiKey 3 Metadata v0-12
import { ErrorCode } from '../protocol/error-codes';
import { ZERO_UUID } from '../runtime/uuid';
import type { TopicEntry } from '../actors/controller/catalog';
import { register } from './registry';
import type { BrokerServices, RequestContext } from './types';

interface MetadataRequest { topics: { topicId: string; name: string | null }[] | null; allowAutoTopicCreation: boolean }

export function brokersOf(svc: BrokerServices) {
  return [{ nodeId: svc.nodeId, host: svc.advertised.host, port: svc.advertised.port, rack: null }];
}

function topicMetadata(svc: BrokerServices, t: TopicEntry) {
  return {
    errorCode: 0, name: t.name, topicId: t.topicId, isInternal: t.internal,
    partitions: t.partitions.map((p) => ({
      errorCode: 0, partitionIndex: p.partition, leaderId: svc.nodeId, leaderEpoch: 0,
      replicaNodes: [svc.nodeId], isrNodes: [svc.nodeId], offlineReplicas: [],
    })),
    topicAuthorizedOperations: -2147483648,
  };
}

function missing(name: string | null, topicId: string, errorCode: number) {
  return { errorCode, name, topicId, isInternal: false, partitions: [], topicAuthorizedOperations: -2147483648 };
}

register({
  apiKey: 3, name: 'Metadata', minVersion: 0, maxVersion: 12,
  async handle(ctx: RequestContext, req: MetadataRequest) {
    const svc = ctx.services;
    const v = ctx.header.apiVersion;
    let catalog = svc.catalog();
    // v0: an empty list means all topics; v1+: null means all topics
    const all = req.topics === null || (v === 0 && req.topics.length === 0);
    const topics: object[] = [];
    if (all) {
      for (const t of catalog.topics()) topics.push(topicMetadata(svc, t));
    } else {
      const autoCreate = svc.config.autoCreateTopicsEnable && (v < 4 || req.allowAutoTopicCreation);
      const toCreate = req.topics!.filter((t) => t.name && !catalog.has(t.name)).map((t) => t.name!);
      if (autoCreate && toCreate.length > 0) {
        const res = await svc.controller.createTopics(
          [...new Set(toCreate)].map((name) => ({ name, numPartitions: -1, replicationFactor: -1 })), false);
        catalog = svc.catalog();
        for (const r of res) if (r.errorCode && r.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) {
          svc.logger.debug({ topic: r.name, error: r.errorMessage }, 'auto-create failed');
        }
      }
      for (const rt of req.topics!) {
        if (rt.name) {
          const t = catalog.get(rt.name);
          if (t) topics.push(topicMetadata(svc, t));
          else {
            const invalid = !/^[a-zA-Z0-9._-]{1,249}$/.test(rt.name);
            topics.push(missing(rt.name, ZERO_UUID, invalid ? ErrorCode.INVALID_TOPIC_EXCEPTION
              : autoCreate ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
          }
        } else {
          const t = rt.topicId ? catalog.getById(rt.topicId) : undefined;
          topics.push(t ? topicMetadata(svc, t) : missing(null, rt.topicId, ErrorCode.UNKNOWN_TOPIC_ID));
        }
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: brokersOf(svc),
      clusterId: svc.clusterId,
      controllerId: svc.nodeId,
      topics,
      clusterAuthorizedOperations: -2147483648,
    };
  },
});
