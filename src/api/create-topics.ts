// ApiKey 19 CreateTopics v2-7
import { effectiveTopicConfig } from '../config/topic-config';
import { ErrorCode } from '../protocol/error-codes';
import { ZERO_UUID } from '../runtime/uuid';
import { configSourceOf } from './config-source';
import { register } from './registry';
import type { RequestContext } from './types';

interface Req {
  topics: { name: string; numPartitions: number; replicationFactor: number;
    assignments: { partitionIndex: number; brokerIds: number[] }[]; configs: { name: string; value: string | null }[] }[];
  timeoutMs: number; validateOnly: boolean;
}

register({
  apiKey: 19, name: 'CreateTopics', minVersion: 2, maxVersion: 7,
  async handle(ctx: RequestContext, req: Req) {
    const svc = ctx.services;
    // Kafka refuses every entry of a name given more than once (INVALID_REQUEST), creates none
    // of them, and answers once per name
    const counts = new Map<string, number>();
    for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const dupes = [...counts].filter(([, n]) => n > 1).map(([name]) => name);
    const created = await svc.controller.createTopics(dupes.length > 0 ? req.topics.filter((t) => counts.get(t.name) === 1) : req.topics, req.validateOnly);
    const byName = new Map(created.map((r) => [r.name, r]));
    const dupeMessage = `Create topics request from client \`${ctx.header.clientId ?? ''}\` contains multiple entries for the following topics: ${dupes.join(',')}`;
    const results = [...counts.keys()].map((name) => byName.get(name) ?? {
      name, topicId: ZERO_UUID, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: dupeMessage, numPartitions: -1, replicationFactor: -1, configs: {},
    });
    return {
      throttleTimeMs: 0,
      topics: results.map((r) => {
        const ok = r.errorCode === ErrorCode.NONE;
        const eff = ok ? effectiveTopicConfig(r.configs, svc.config) : {};
        return {
          name: r.name, topicId: ok && !req.validateOnly ? r.topicId : ZERO_UUID, errorCode: r.errorCode, errorMessage: r.errorMessage,
          topicConfigErrorCode: 0, numPartitions: r.numPartitions, replicationFactor: r.replicationFactor,
          configs: ok ? Object.entries(eff).map(([name, c]) => ({ name, value: c.value, readOnly: false, configSource: configSourceOf(c.source), isSensitive: false })) : null,
        };
      }),
    };
  },
  errorResponse: (_ctx, req: Req, code) => ({
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name, topicId: ZERO_UUID, errorCode: code, errorMessage: null, numPartitions: -1, replicationFactor: -1, configs: null })),
  }),
});
