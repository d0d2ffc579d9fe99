// ApiKey 32 DescribeConfigs v1-4
import { describeBrokerConfigs, describeTopicConfigs, type DescribedConfig } from '../config/topic-config';
import { ErrorCode } from '../protocol/error-codes';
import { ResourceType } from './config-source';
import { register } from './registry';
import type { RequestContext } from './types';

interface Req {
  resources: { resourceType: number; resourceName: string; configurationKeys: string[] | null }[];
  includeSynonyms: boolean; includeDocumentation: boolean;
}

function result(r: Req['resources'][number], req: Req, errorCode: number, errorMessage: string | null, entries: DescribedConfig[]) {
  const keys = r.configurationKeys;
  return {
    errorCode, errorMessage, resourceType: r.resourceType, resourceName: r.resourceName,
    configs: entries.filter((e) => !keys || keys.length === 0 || keys.includes(e.name)).map((e) => ({
      name: e.name, value: e.value, readOnly: e.readOnly, isDefault: e.isDefault, configSource: e.source,
      isSensitive: e.sensitive, synonyms: req.includeSynonyms ? e.synonyms : [], configType: e.configType,
      documentation: req.includeDocumentation ? e.documentation : null,
    })),
  };
}

register({
  apiKey: 32, name: 'DescribeConfigs', minVersion: 1, maxVersion: 4,
  handle(ctx: RequestContext, req: Req) {
    const svc = ctx.services;
    const catalog = svc.catalog();
    return {
      throttleTimeMs: 0,
      results: req.resources.map((r) => {
        if (r.resourceType === ResourceType.TOPIC) {
          const t = catalog.get(r.resourceName);
          if (!t) return result(r, req, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${r.resourceName} does not exist`, []);
          return result(r, req, 0, null, describeTopicConfigs(t.configs, svc.config));
        }
        if (r.resourceType === ResourceType.BROKER) {
          if (r.resourceName !== '' && r.resourceName !== String(svc.nodeId)) {
            return result(r, req, ErrorCode.INVALID_REQUEST, `Unexpected broker id, expected ${svc.nodeId} or empty string, but received ${r.resourceName}`, []);
          }
          return result(r, req, 0, null, describeBrokerConfigs(svc.config));
        }
        return result(r, req, ErrorCode.INVALID_REQUEST, `Unsupported resource type ${r.resourceType}`, []);
      }),
    };
  },
});
